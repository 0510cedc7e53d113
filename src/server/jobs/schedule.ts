import { Cron } from 'croner';

/**
 * Schedule arithmetic, pure: croner reads the pattern in a time zone, so «Sunday 03:00» is 03:00
 * on the school's own clock (Kaliningrad and Kamchatka alike), daylight-saving shifts included.
 */
function cron(pattern: string, timeZone: string): Cron {
  // No callback and paused: croner only computes, it starts no timer.
  return new Cron(pattern, { timezone: timeZone, paused: true });
}

/** The latest slot at or before `now`: the one a runner owes if it has not run it yet. */
export function latestSlot(pattern: string, timeZone: string, now: Date): Date | null {
  const schedule = cron(pattern, timeZone);
  // previousRuns looks strictly before its reference; a slot exactly at `now` is due too.
  const next = schedule.nextRun(new Date(now.getTime() - 1000));
  if (next && next.getTime() <= now.getTime()) return next;
  return schedule.previousRuns(1, now)[0] ?? null;
}

/** The first slot after `now`. */
export function nextSlot(pattern: string, timeZone: string, now: Date): Date | null {
  return cron(pattern, timeZone).nextRun(now);
}

/** Throws on a pattern croner cannot read, so a mistyped job fails its test, not at 3 a.m. */
export function assertPattern(pattern: string): void {
  cron(pattern, 'UTC');
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How a failed attempt is retried: `attempts` in all, the n-th retry `delaysMs[n-1]` after the failure. */
export type RetryPolicy = { attempts: number; delaysMs: readonly number[] };

/** Three attempts: a passing fault (a restarting database) gets 5 and then 30 minutes to clear. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delaysMs: [5 * 60_000, 30 * 60_000] };

/** Whether attempt `attempt + 1` of a slot is due, after attempt `attempt` failed at `failedAt`. */
export function retryDue(policy: RetryPolicy, attempt: number, failedAt: Date, now: Date): boolean {
  if (attempt >= policy.attempts) return false;
  const delay = policy.delaysMs[Math.min(attempt, policy.delaysMs.length) - 1] ?? 0;
  return now.getTime() >= failedAt.getTime() + delay;
}
