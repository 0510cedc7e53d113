import { and, asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { classes, teachingGroups } from '../../db/schema/structure.ts';

export type ClassRow = typeof classes.$inferSelect;
/** A class with the id of its whole-class teaching group. */
export type ClassWithGroup = ClassRow & { groupId: string | null };

export const findClass = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))))[0];

export async function findClassIdsOfGrade(db: Db, schoolId: string, academicYearId: string, grade: number): Promise<string[]> {
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYearId, academicYearId), eq(classes.grade, grade)));
  return rows.map((r) => r.id);
}

const withGroup = (db: Db) =>
  db.select({ ...getTableColumns(classes), groupId: teachingGroups.id }).from(classes).leftJoin(teachingGroups, and(
    eq(teachingGroups.schoolId, classes.schoolId), eq(teachingGroups.classId, classes.id), eq(teachingGroups.kind, 'class'),
  ));

export const findClassWithGroup = async (db: Db, schoolId: string, id: string): Promise<ClassWithGroup | undefined> =>
  (await withGroup(db).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))))[0];

export function listClasses(
  db: Db,
  schoolId: string,
  filter: { academicYearId?: string; grade?: number; classTeacherId?: string },
  cursor: string | undefined,
  limit: number,
): Promise<ClassWithGroup[]> {
  const conditions: (SQL | undefined)[] = [
    eq(classes.schoolId, schoolId),
    filter.academicYearId ? eq(classes.academicYearId, filter.academicYearId) : undefined,
    filter.grade !== undefined ? eq(classes.grade, filter.grade) : undefined,
    filter.classTeacherId ? eq(classes.classTeacherId, filter.classTeacherId) : undefined,
    afterCursor([classes.grade, classes.letter, classes.id], cursor),
  ];
  return withGroup(db).where(and(...conditions))
    .orderBy(asc(classes.grade), asc(classes.letter), asc(classes.id)).limit(limit + 1);
}

export const insertClass = async (db: Db, row: typeof classes.$inferInsert) =>
  (await db.insert(classes).values(row).returning())[0]!;

export const updateClass = async (db: Db, schoolId: string, id: string, patch: Partial<typeof classes.$inferInsert>) =>
  (await db.update(classes).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))).returning())[0];

export const deleteClass = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))).returning({ id: classes.id })).length > 0;
