import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { assignments, classes, curriculumHours, teachingGroups } from '../../db/schema/structure.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type CurriculumRow = typeof curriculumHours.$inferSelect;

export const findAssignment = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(assignments).where(and(eq(assignments.schoolId, schoolId), eq(assignments.id, id))))[0];

export function listAssignments(
  db: Db,
  schoolId: string,
  filter: { academicYearId?: string; staffId?: string; groupId?: string; subjectId?: string },
  cursor: string | undefined,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(assignments.schoolId, schoolId),
    filter.academicYearId ? eq(assignments.academicYearId, filter.academicYearId) : undefined,
    filter.staffId ? eq(assignments.staffId, filter.staffId) : undefined,
    filter.groupId ? eq(assignments.groupId, filter.groupId) : undefined,
    filter.subjectId ? eq(assignments.subjectId, filter.subjectId) : undefined,
    afterCursor([assignments.id], cursor),
  ];
  return db.select().from(assignments).where(and(...conditions)).orderBy(asc(assignments.id)).limit(limit + 1);
}

export const insertAssignment = async (db: Db, row: typeof assignments.$inferInsert) =>
  (await db.insert(assignments).values(row).returning())[0]!;

export async function updateAssignment(db: Db, schoolId: string, id: string, patch: Partial<typeof assignments.$inferInsert>) {
  if (Object.keys(patch).length === 0) return findAssignment(db, schoolId, id);
  return (await db.update(assignments).set(patch).where(and(eq(assignments.schoolId, schoolId), eq(assignments.id, id))).returning())[0];
}

export const deleteAssignment = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(assignments).where(and(eq(assignments.schoolId, schoolId), eq(assignments.id, id)))
    .returning({ id: assignments.id })).length > 0;

export const findCurriculum = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(curriculumHours).where(and(eq(curriculumHours.schoolId, schoolId), eq(curriculumHours.id, id))))[0];

export function listCurriculum(
  db: Db,
  schoolId: string,
  filter: { academicYearId?: string; grade?: number; subjectId?: string },
  cursor: string | undefined,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(curriculumHours.schoolId, schoolId),
    filter.academicYearId ? eq(curriculumHours.academicYearId, filter.academicYearId) : undefined,
    filter.grade !== undefined ? eq(curriculumHours.grade, filter.grade) : undefined,
    filter.subjectId ? eq(curriculumHours.subjectId, filter.subjectId) : undefined,
    afterCursor([curriculumHours.grade, curriculumHours.id], cursor),
  ];
  return db.select().from(curriculumHours).where(and(...conditions))
    .orderBy(asc(curriculumHours.grade), asc(curriculumHours.id)).limit(limit + 1);
}

export const insertCurriculum = async (db: Db, row: typeof curriculumHours.$inferInsert) =>
  (await db.insert(curriculumHours).values(row).returning())[0]!;

export async function updateCurriculum(db: Db, schoolId: string, id: string, patch: Partial<typeof curriculumHours.$inferInsert>) {
  if (Object.keys(patch).length === 0) return findCurriculum(db, schoolId, id);
  return (await db.update(curriculumHours).set(patch).where(and(eq(curriculumHours.schoolId, schoolId), eq(curriculumHours.id, id))).returning())[0];
}

export const deleteCurriculum = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(curriculumHours).where(and(eq(curriculumHours.schoolId, schoolId), eq(curriculumHours.id, id)))
    .returning({ id: curriculumHours.id })).length > 0;

/** The year's classes, its curriculum, and the weekly hours of class and subgroup loads, summed per group, subject and period. */
export async function curriculumCheckData(db: Db, schoolId: string, academicYearId: string) {
  const yearClasses = await db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYearId, academicYearId)));
  const plan = await db.select({ grade: curriculumHours.grade, subjectId: curriculumHours.subjectId, hours: curriculumHours.hoursPerWeek })
    .from(curriculumHours).where(and(eq(curriculumHours.schoolId, schoolId), eq(curriculumHours.academicYearId, academicYearId)));
  const load = await db.select({
    classId: teachingGroups.classId,
    groupId: teachingGroups.id,
    kind: teachingGroups.kind,
    subjectId: assignments.subjectId,
    periodId: assignments.periodId,
    hours: sql<number>`sum(${assignments.hoursPerWeek})`.mapWith(Number),
  }).from(assignments)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, assignments.schoolId), eq(teachingGroups.id, assignments.groupId)))
    .where(and(eq(assignments.schoolId, schoolId), eq(assignments.academicYearId, academicYearId), inArray(teachingGroups.kind, ['class', 'subgroup'])))
    .groupBy(teachingGroups.classId, teachingGroups.id, teachingGroups.kind, assignments.subjectId, assignments.periodId);
  return { yearClasses, plan, load };
}
