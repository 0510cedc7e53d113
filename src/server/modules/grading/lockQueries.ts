import { and, eq, gt, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periodClosures, periodReopenings } from '../../db/schema/grading.ts';

export const closedPeriodIds = async (db: Db, schoolId: string, periodIds: string[]) =>
  periodIds.length === 0 ? [] : (await db.select({ periodId: periodClosures.periodId }).from(periodClosures)
    .where(and(eq(periodClosures.schoolId, schoolId), inArray(periodClosures.periodId, periodIds)))).map((r) => r.periodId);

/** A reopening of one of these periods that lets this group's (and subject's) lesson on `date` be edited now. */
export async function hasActiveReopening(
  db: Db, schoolId: string, periodIds: string[], target: { groupId: string; subjectId: string; date: string }, now: Date,
) {
  const rows = await db.select({ id: periodReopenings.id }).from(periodReopenings).where(and(
    eq(periodReopenings.schoolId, schoolId),
    inArray(periodReopenings.periodId, periodIds),
    eq(periodReopenings.groupId, target.groupId),
    or(isNull(periodReopenings.subjectId), eq(periodReopenings.subjectId, target.subjectId)),
    lte(periodReopenings.fromDate, target.date),
    gte(periodReopenings.toDate, target.date),
    gt(periodReopenings.expiresAt, now),
  )).limit(1);
  return rows.length > 0;
}
