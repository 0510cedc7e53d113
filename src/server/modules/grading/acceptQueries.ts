import { and, desc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periodMarkAccepts, periodMarks } from '../../db/schema/grading.ts';
import { type MarkSlot, ofSlot as ofMarkSlot } from './periodMarkQueries.ts';

export type AcceptRow = typeof periodMarkAccepts.$inferSelect;

const a = periodMarkAccepts;
const ofSlot = (schoolId: string, s: MarkSlot) => and(
  eq(a.schoolId, schoolId), eq(a.groupId, s.groupId), eq(a.subjectId, s.subjectId), eq(a.academicYearId, s.academicYearId),
  s.periodId === null ? isNull(a.periodId) : eq(a.periodId, s.periodId),
);

export const insertAccept = async (db: Db, row: typeof periodMarkAccepts.$inferInsert) =>
  (await db.insert(periodMarkAccepts).values(row).returning())[0]!;

export const findAcceptForUpdate = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(a).where(and(eq(a.schoolId, schoolId), eq(a.id, id))).for('update'))[0];

/** Whether a batch was accepted on the same sheet after this one (only the latest may be undone). */
export const laterAcceptExists = async (db: Db, schoolId: string, row: AcceptRow) =>
  (await db.select({ id: a.id }).from(a).where(and(ofSlot(schoolId, row), gt(a.id, row.id))).limit(1)).length > 0;

/** The sheet's latest batch, if it is this user's, not undone and still within its window. */
export async function undoableAccept(db: Db, schoolId: string, slot: MarkSlot, userId: string | undefined, now: Date) {
  if (!userId) return undefined;
  const [latest] = await db.select().from(a).where(ofSlot(schoolId, slot)).orderBy(desc(a.id)).limit(1);
  return latest && latest.authorUserId === userId && latest.undoneAt === null && latest.undoUntil > now ? latest : undefined;
}

export const markUndone = (db: Db, schoolId: string, id: string, now: Date) =>
  db.update(a).set({ undoneAt: now }).where(and(eq(a.schoolId, schoolId), eq(a.id, id)));

/** Every mark of the slot, locked until the transaction ends (the preview is recomputed under the lock). */
export const slotMarksForUpdate = (db: Db, schoolId: string, slot: MarkSlot) =>
  db.select().from(periodMarks).where(ofMarkSlot(schoolId, slot)).for('update');

export const marksByIdsForUpdate = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(periodMarks).where(and(eq(periodMarks.schoolId, schoolId), inArray(periodMarks.id, ids))).for('update');

export type RestorePatch = {
  id: string; version: number; value: string; suggested: string | null; explanation: string; reason: unknown;
  policyVersion: number | null; authorUserId: string | null; updatedAt: string;
};

/** Puts earlier states back as new versions, in one statement (a CASE per column), each only at the version given. */
export async function restoreMarks(db: Db, schoolId: string, patches: RestorePatch[]) {
  if (patches.length === 0) return [];
  const byId = (pick: (p: RestorePatch) => SQL) =>
    sql`case ${periodMarks.id} ${sql.join(patches.map((p) => sql`when ${p.id}::uuid then ${pick(p)}`), sql` `)} end`;
  const matches = patches.map((p) => and(eq(periodMarks.id, p.id), eq(periodMarks.version, p.version)));
  return db.update(periodMarks).set({
    value: byId((p) => sql`${p.value}::text`),
    suggested: byId((p) => sql`${p.suggested}::text`),
    explanation: byId((p) => sql`${p.explanation}::text`),
    reason: byId((p) => sql`${p.reason === null || p.reason === undefined ? null : JSON.stringify(p.reason)}::jsonb`),
    policyVersion: byId((p) => sql`${p.policyVersion}::int`),
    authorUserId: byId((p) => sql`${p.authorUserId}::uuid`),
    updatedAt: byId((p) => sql`${p.updatedAt}::timestamptz`),
    version: sql`${periodMarks.version} + 1`,
  }).where(and(eq(periodMarks.schoolId, schoolId), sql`(${sql.join(matches, sql` or `)})`)).returning();
}

/** Removes marks a batch created (the audit log keeps them), each only at the version given. */
export async function removeMarks(db: Db, schoolId: string, marks: { id: string; version: number }[]) {
  if (marks.length === 0) return [];
  const matches = marks.map((m) => and(eq(periodMarks.id, m.id), eq(periodMarks.version, m.version)));
  return db.delete(periodMarks).where(and(eq(periodMarks.schoolId, schoolId), sql`(${sql.join(matches, sql` or `)})`))
    .returning({ id: periodMarks.id, studentId: periodMarks.studentId });
}
