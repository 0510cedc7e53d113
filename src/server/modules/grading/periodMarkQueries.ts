import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periodMarks } from '../../db/schema/grading.ts';

export type PeriodMarkRow = typeof periodMarks.$inferSelect;

/** Whose marks: one group's subject, in a period or (periodId null) for the year. */
export type MarkSlot = { groupId: string; subjectId: string; periodId: string | null; academicYearId: string };

const ofSlot = (schoolId: string, s: MarkSlot) => and(
  eq(periodMarks.schoolId, schoolId), eq(periodMarks.groupId, s.groupId), eq(periodMarks.subjectId, s.subjectId),
  eq(periodMarks.academicYearId, s.academicYearId), s.periodId === null ? isNull(periodMarks.periodId) : eq(periodMarks.periodId, s.periodId),
);

export const marksOfSlot = (db: Db, schoolId: string, slot: MarkSlot, studentIds?: string[]) =>
  db.select().from(periodMarks).where(and(ofSlot(schoolId, slot), studentIds ? inArray(periodMarks.studentId, studentIds) : undefined));

/** The period marks of a group's subject in these periods, for the year-mark suggestion. */
export const marksOfPeriods = (db: Db, schoolId: string, groupId: string, subjectId: string, periodIds: string[], studentIds?: string[]) =>
  periodIds.length === 0 ? Promise.resolve([]) : db.select().from(periodMarks).where(and(
    eq(periodMarks.schoolId, schoolId), eq(periodMarks.groupId, groupId), eq(periodMarks.subjectId, subjectId),
    inArray(periodMarks.periodId, periodIds), studentIds ? inArray(periodMarks.studentId, studentIds) : undefined,
  ));

export const findForUpdate = async (db: Db, schoolId: string, slot: MarkSlot, studentId: string) =>
  (await db.select().from(periodMarks).where(and(ofSlot(schoolId, slot), eq(periodMarks.studentId, studentId))).for('update'))[0];

export const insertPeriodMark = async (db: Db, row: typeof periodMarks.$inferInsert) =>
  (await db.insert(periodMarks).values(row).returning())[0]!;

export const updatePeriodMark = async (db: Db, schoolId: string, id: string, version: number, patch: Partial<typeof periodMarks.$inferInsert>) =>
  (await db.update(periodMarks).set({ ...patch, version: version + 1 })
    .where(and(eq(periodMarks.schoolId, schoolId), eq(periodMarks.id, id), eq(periodMarks.version, version))).returning())[0];
