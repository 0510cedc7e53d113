import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periodClosures, periodReopenings } from '../../db/schema/grading.ts';

export type ClosureRow = typeof periodClosures.$inferSelect;
export type ReopeningRow = typeof periodReopenings.$inferSelect;

export const findClosure = async (db: Db, schoolId: string, periodId: string): Promise<ClosureRow | undefined> =>
  (await db.select().from(periodClosures).where(and(eq(periodClosures.schoolId, schoolId), eq(periodClosures.periodId, periodId))))[0];

/** Inserts the closure; undefined when the period was already closed (the row stays as it was). */
export const insertClosure = async (db: Db, row: ClosureRow): Promise<ClosureRow | undefined> =>
  (await db.insert(periodClosures).values(row).onConflictDoNothing().returning())[0];

export const insertReopening = async (db: Db, row: typeof periodReopenings.$inferInsert) =>
  (await db.insert(periodReopenings).values(row).returning())[0]!;

export const activeReopenings = (db: Db, schoolId: string, periodId: string, now: Date) =>
  db.select().from(periodReopenings).where(and(
    eq(periodReopenings.schoolId, schoolId), eq(periodReopenings.periodId, periodId), gt(periodReopenings.expiresAt, now),
  )).orderBy(asc(periodReopenings.openedAt), asc(periodReopenings.id));

/** Whether a reopening of the period for this group (and subject, or all its subjects) is in force. */
export async function groupReopened(db: Db, schoolId: string, periodId: string, groupId: string, subjectId: string, now: Date) {
  const rows = await db.select({ id: periodReopenings.id }).from(periodReopenings).where(and(
    eq(periodReopenings.schoolId, schoolId),
    eq(periodReopenings.periodId, periodId),
    eq(periodReopenings.groupId, groupId),
    or(isNull(periodReopenings.subjectId), eq(periodReopenings.subjectId, subjectId)),
    gt(periodReopenings.expiresAt, now),
  )).limit(1);
  return rows.length > 0;
}
