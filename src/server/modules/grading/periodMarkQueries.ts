import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { MarkKind } from '../../../shared/domain/exams.ts';
import { periodMarks } from '../../db/schema/grading.ts';

export type PeriodMarkRow = typeof periodMarks.$inferSelect;

/**
 * Whose marks: one group's subject, in a period or (periodId null) for the year; `kind` exam or final
 * for the year's exam and final marks (absent: the period or year mark).
 */
export type MarkSlot = { groupId: string; subjectId: string; periodId: string | null; academicYearId: string; kind?: MarkKind };

/** The rows of one slot: its group, subject, year, period (or the year) and kind (period unless named). */
export const ofSlot = (schoolId: string, s: MarkSlot) => and(
  eq(periodMarks.schoolId, schoolId), eq(periodMarks.groupId, s.groupId), eq(periodMarks.subjectId, s.subjectId),
  eq(periodMarks.academicYearId, s.academicYearId), s.periodId === null ? isNull(periodMarks.periodId) : eq(periodMarks.periodId, s.periodId),
  eq(periodMarks.kind, s.kind ?? 'period'),
);

export const marksOfSlot = (db: Db, schoolId: string, slot: MarkSlot, studentIds?: string[]) =>
  db.select().from(periodMarks).where(and(ofSlot(schoolId, slot), studentIds ? inArray(periodMarks.studentId, studentIds) : undefined));

/** The period marks of a group's subject in these periods, for the year-mark suggestion. */
export const marksOfPeriods = (db: Db, schoolId: string, groupId: string, subjectId: string, periodIds: string[], studentIds?: string[]) =>
  periodIds.length === 0 ? Promise.resolve([]) : db.select().from(periodMarks).where(and(
    eq(periodMarks.schoolId, schoolId), eq(periodMarks.kind, 'period'), eq(periodMarks.groupId, groupId), eq(periodMarks.subjectId, subjectId),
    inArray(periodMarks.periodId, periodIds), studentIds ? inArray(periodMarks.studentId, studentIds) : undefined,
  ));

export const findForUpdate = async (db: Db, schoolId: string, slot: MarkSlot, studentId: string) =>
  (await db.select().from(periodMarks).where(and(ofSlot(schoolId, slot), eq(periodMarks.studentId, studentId))).for('update'))[0];

export const insertPeriodMark = async (db: Db, row: typeof periodMarks.$inferInsert) =>
  (await db.insert(periodMarks).values(row).returning())[0]!;

export const updatePeriodMark = async (db: Db, schoolId: string, id: string, version: number, patch: Partial<typeof periodMarks.$inferInsert>) =>
  (await db.update(periodMarks).set({ ...patch, version: version + 1 })
    .where(and(eq(periodMarks.schoolId, schoolId), eq(periodMarks.id, id), eq(periodMarks.version, version))).returning())[0];

/** These students' marks of the slot, locked until the transaction ends. */
export const marksOfSlotForUpdate = (db: Db, schoolId: string, slot: MarkSlot, studentIds: string[]) =>
  db.select().from(periodMarks).where(and(ofSlot(schoolId, slot), inArray(periodMarks.studentId, studentIds))).for('update');

/** Inserts new marks in one statement; a row another writer inserted meanwhile is skipped (the caller compares counts). */
export const insertPeriodMarks = (db: Db, rows: (typeof periodMarks.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insert(periodMarks).values(rows).onConflictDoNothing().returning();

export type PeriodMarkPatch = { id: string; version: number; value: string; suggested: string | null; explanation: string; reason: unknown };

/**
 * Rewrites several marks in one statement (a CASE per column), each only at the version given;
 * the rows that matched come back.
 */
export async function updatePeriodMarks(
  db: Db, schoolId: string, patches: PeriodMarkPatch[], common: { policyVersion: number | null; authorUserId: string | null; updatedAt: Date },
) {
  if (patches.length === 0) return [];
  const byId = (pick: (p: PeriodMarkPatch) => SQL) =>
    sql`case ${periodMarks.id} ${sql.join(patches.map((p) => sql`when ${p.id}::uuid then ${pick(p)}`), sql` `)} end`;
  const matches = patches.map((p) => and(eq(periodMarks.id, p.id), eq(periodMarks.version, p.version)));
  return db.update(periodMarks).set({
    value: byId((p) => sql`${p.value}::text`),
    suggested: byId((p) => sql`${p.suggested}::text`),
    explanation: byId((p) => sql`${p.explanation}::text`),
    reason: byId((p) => sql`${JSON.stringify(p.reason)}::jsonb`),
    version: sql`${periodMarks.version} + 1`,
    ...common,
  }).where(and(eq(periodMarks.schoolId, schoolId), sql`(${sql.join(matches, sql` or `)})`)).returning();
}
