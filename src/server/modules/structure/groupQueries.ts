import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { classes, groupMembers, teachingGroups } from '../../db/schema/structure.ts';

export type GroupRow = typeof teachingGroups.$inferSelect;
export type MemberRow = typeof groupMembers.$inferSelect;

export const findGroup = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(teachingGroups).where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, id))))[0];

export function listGroups(
  db: Db,
  schoolId: string,
  filter: { academicYearId?: string; classId?: string; kind?: string },
  cursor: string | undefined,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(teachingGroups.schoolId, schoolId),
    filter.academicYearId ? eq(teachingGroups.academicYearId, filter.academicYearId) : undefined,
    filter.classId ? eq(teachingGroups.classId, filter.classId) : undefined,
    filter.kind ? eq(teachingGroups.kind, filter.kind) : undefined,
    afterCursor([teachingGroups.name, teachingGroups.id], cursor),
  ];
  return db.select().from(teachingGroups).where(and(...conditions))
    .orderBy(asc(teachingGroups.name), asc(teachingGroups.id)).limit(limit + 1);
}

export async function insertGroups(db: Db, rows: (typeof teachingGroups.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(teachingGroups).values(rows);
}

export const insertGroup = async (db: Db, row: typeof teachingGroups.$inferInsert) =>
  (await db.insert(teachingGroups).values(row).returning())[0]!;

export async function updateGroup(db: Db, schoolId: string, id: string, patch: Partial<typeof teachingGroups.$inferInsert>) {
  if (Object.keys(patch).length === 0) return findGroup(db, schoolId, id);
  return (await db.update(teachingGroups).set(patch).where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, id))).returning())[0];
}

export const deleteGroup = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(teachingGroups).where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, id)))
    .returning({ id: teachingGroups.id })).length > 0;

const classGroupOf = (schoolId: string, classId: string) =>
  and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.classId, classId), eq(teachingGroups.kind, 'class'));

export const renameClassGroup = (db: Db, schoolId: string, classId: string, name: string) =>
  db.update(teachingGroups).set({ name }).where(classGroupOf(schoolId, classId));

export const deleteClassGroup = (db: Db, schoolId: string, classId: string) =>
  db.delete(teachingGroups).where(classGroupOf(schoolId, classId));

export const findMember = async (db: Db, schoolId: string, groupId: string, id: string) =>
  (await db.select().from(groupMembers)
    .where(and(eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId), eq(groupMembers.id, id))))[0];

/** Memberships covering the date `on`. */
export const membersOn = (db: Db, schoolId: string, groupId: string, on: string) =>
  db.select().from(groupMembers).where(and(
    eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId),
    lte(groupMembers.startsOn, on), or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, on)),
  )).orderBy(asc(groupMembers.studentId));

/** Whether the student has a membership of the group that reaches `from` or later (new ones are open-ended). */
export async function hasMembershipFrom(db: Db, schoolId: string, groupId: string, studentId: string, from: string, exceptId?: string) {
  const rows = await db.select({ id: groupMembers.id }).from(groupMembers).where(and(
    eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId), eq(groupMembers.studentId, studentId),
    or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, from)),
    exceptId ? ne(groupMembers.id, exceptId) : undefined,
  )).limit(1);
  return rows.length > 0;
}

export const insertMember = async (db: Db, row: typeof groupMembers.$inferInsert) =>
  (await db.insert(groupMembers).values(row).returning())[0]!;

export const endMember = async (db: Db, schoolId: string, id: string, endsOn: string) =>
  (await db.update(groupMembers).set({ endsOn }).where(and(eq(groupMembers.schoolId, schoolId), eq(groupMembers.id, id))).returning())[0]!;

/**
 * The students leave the subgroups of a class on `day`: open memberships end that day, and ones
 * planned to start after it are dropped (they never began).
 */
export async function endSubgroupMemberships(db: Db, schoolId: string, classId: string, studentIds: string[], day: string) {
  if (studentIds.length === 0) return;
  const subgroups = db.select({ id: teachingGroups.id }).from(teachingGroups).where(and(
    eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.classId, classId), eq(teachingGroups.kind, 'subgroup'),
  ));
  const ofStudents = and(eq(groupMembers.schoolId, schoolId), inArray(groupMembers.studentId, studentIds), inArray(groupMembers.groupId, subgroups));
  await db.delete(groupMembers).where(and(ofStudents, gt(groupMembers.startsOn, day)));
  await db.update(groupMembers).set({ endsOn: day })
    .where(and(ofStudents, or(isNull(groupMembers.endsOn), gt(groupMembers.endsOn, day))));
}

/** A group's year and grade: the class's grade for a class group or subgroup, null for other groups. */
export async function gradeOfGroup(db: Db, schoolId: string, groupId: string) {
  const rows = await db.select({ academicYearId: teachingGroups.academicYearId, grade: classes.grade }).from(teachingGroups)
    .leftJoin(classes, and(eq(classes.schoolId, teachingGroups.schoolId), eq(classes.id, teachingGroups.classId)))
    .where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, groupId)));
  return rows[0];
}
