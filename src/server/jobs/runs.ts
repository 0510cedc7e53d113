import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { type JobOutcome, jobRuns } from '../db/schema/jobs.ts';
import { schools } from '../db/schema/organisation.ts';

/** The runs' own table; the one other read is the schools' ids and time zones, to know whom a job runs for. */

export type RunTarget = { schoolId: string | null; scheduledFor: Date; attempt: number; trigger: 'schedule' | 'manual' };

/** Claims an attempt of a slot by inserting its row; null when another runner already holds it. */
export async function claimRun(db: Db, job: string, target: RunTarget, startedAt: Date): Promise<string | null> {
  const id = newId();
  const inserted = await db.insert(jobRuns)
    .values({ id, job, ...target, startedAt })
    .onConflictDoNothing({ target: [jobRuns.job, jobRuns.schoolId, jobRuns.scheduledFor, jobRuns.trigger, jobRuns.attempt] })
    .returning({ id: jobRuns.id });
  return inserted[0]?.id ?? null;
}

export type RunEnd = { finishedAt: Date; outcome: JobOutcome; error: string | null; details: Record<string, unknown> };

export async function finishRun(db: Db, id: string, end: RunEnd): Promise<void> {
  // Only a run still open: one closed as interrupted by a runner that took over stays closed.
  await db.update(jobRuns).set(end).where(and(eq(jobRuns.id, id), isNull(jobRuns.outcome)));
}

/**
 * Scheduled runs left open by a runner that went away mid-run: the new runner closes them as
 * failed, so that they are retried like any failure. Only the lock holder calls it, so none of
 * them is still running on a live runner (a manual run from the command line is left alone).
 */
export async function closeInterruptedRuns(db: Db, now: Date): Promise<number> {
  const closed = await db.update(jobRuns)
    .set({ outcome: 'failed', finishedAt: now, error: 'прервано: процесс остановился во время выполнения' })
    .where(and(isNull(jobRuns.outcome), eq(jobRuns.trigger, 'schedule')))
    .returning({ id: jobRuns.id });
  return closed.length;
}

export type LastAttempt = { schoolId: string | null; scheduledFor: Date; attempt: number; outcome: string | null; finishedAt: Date | null };

/** The latest attempt of each (school, slot) of a job among the given slot times; one query. */
export function lastAttempts(db: Db, job: string, slots: Date[]): Promise<LastAttempt[]> {
  if (slots.length === 0) return Promise.resolve([]);
  return db.selectDistinctOn([jobRuns.schoolId, jobRuns.scheduledFor], {
    schoolId: jobRuns.schoolId, scheduledFor: jobRuns.scheduledFor, attempt: jobRuns.attempt,
    outcome: jobRuns.outcome, finishedAt: jobRuns.finishedAt,
  }).from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.trigger, 'schedule'), inArray(jobRuns.scheduledFor, slots)))
    .orderBy(asc(jobRuns.schoolId), asc(jobRuns.scheduledFor), desc(jobRuns.attempt));
}

export function schoolZones(db: Db, schoolId?: string): Promise<{ id: string; timeZone: string }[]> {
  return db.select({ id: schools.id, timeZone: schools.timeZone }).from(schools)
    .where(schoolId ? eq(schools.id, schoolId) : undefined).orderBy(asc(schools.id));
}

/** `failedError`: the error of one of the slot's failed runs, if any. */
export type JobSummary = {
  job: string; scheduledFor: Date; startedAt: Date; ok: number; failed: number; running: number; failedError: string | null;
};

const iso = (instant: SQL) => sql`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Each job's latest slot: how many of its runs (the last attempt for each school) ended how. */
export async function lastSlotSummaries(db: Db): Promise<JobSummary[]> {
  const rows = await queryRows<{
    job: string; scheduled_for: string; started_at: string; ok: number; failed: number; running: number; failed_error: string | null;
  }>(db, sql`
    with last_slot as (
      select job, max(scheduled_for) as scheduled_for from job_runs group by job
    ), final as (
      select distinct on (r.job, r.school_id) r.job, r.scheduled_for, r.started_at, r.outcome, r.error
      from job_runs r join last_slot l on l.job = r.job and l.scheduled_for = r.scheduled_for
      order by r.job, r.school_id, r.attempt desc
    )
    select job, ${iso(sql`min(scheduled_for)`)} as scheduled_for, ${iso(sql`max(started_at)`)} as started_at,
      count(*) filter (where outcome = 'ok')::int as ok,
      count(*) filter (where outcome = 'failed')::int as failed,
      count(*) filter (where outcome is null)::int as running,
      max(error) filter (where outcome = 'failed') as failed_error
    from final group by job order by job`);
  return rows.map((r) => ({
    job: r.job, scheduledFor: new Date(r.scheduled_for), startedAt: new Date(r.started_at),
    ok: r.ok, failed: r.failed, running: r.running, failedError: r.failed_error,
  }));
}
