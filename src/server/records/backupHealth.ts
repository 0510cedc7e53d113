import { Cron } from 'croner';

/** Time for a slot's run and its retries (5 and 30 minutes, jobs/schedule.ts) before its copy is missed. */
export const BACKUP_GRACE_MS = 6 * 3600_000;

/**
 * Whether the newest good copy is older than the schedule promises: the schedule's interval (the
 * time between its two latest slots) plus the grace. No copy at all is overdue too. Pure.
 */
export function backupOverdue(lastGood: Date | null, schedule: string, timeZone: string, now: Date): boolean {
  if (!lastGood) return true;
  // The two latest slots at or before now (croner only computes: paused, no callback).
  const [latest, before] = new Cron(schedule, { timezone: timeZone, paused: true }).previousRuns(2, new Date(now.getTime() + 1));
  if (!latest || !before) return false;
  return now.getTime() - lastGood.getTime() > latest.getTime() - before.getTime() + BACKUP_GRACE_MS;
}

/** The next slot of the schedule after `now`, for the screen. */
export function nextBackupAt(schedule: string, timeZone: string, now: Date): Date | null {
  return new Cron(schedule, { timezone: timeZone, paused: true }).nextRun(now);
}
