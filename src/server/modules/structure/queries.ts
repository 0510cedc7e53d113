import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { classes } from '../../db/schema/structure.ts';

export type ClassRow = typeof classes.$inferSelect;

export const findClass = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.id, id))))[0];

export async function findClassIdsOfGrade(db: Db, schoolId: string, academicYearId: string, grade: number): Promise<string[]> {
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYearId, academicYearId), eq(classes.grade, grade)));
  return rows.map((r) => r.id);
}
