import { recordSecurityEvents } from '../modules/accounts/securityEvents.ts';
import { type BackupDeps, makeBackupCopies } from '../records/backupCopies.ts';
import { lastGoodCopyAt } from '../records/backupCopiesQueries.ts';
import { backupOverdue } from '../records/backupHealth.ts';
import type { DeploymentJob } from './job.ts';
import { schoolZones } from './runs.ts';

export type BackupJobDeps = Omit<BackupDeps, 'now' | 'log'>;

export const BACKUP_JOB = 'backup';

/**
 * Scheduled backups (seed 004 §5.1): one archive of the deployment into every BACKUP_DIRS folder
 * at BACKUP_SCHEDULE, read in BACKUP_TIME_ZONE — one clock for the deployment, since a copy holds
 * every school. Runs inside the server, through its own connection (the embedded database too).
 * It fails (and is retried) only when no destination got a copy.
 */
export function backupJob(deps: BackupJobDeps): DeploymentJob {
  return {
    name: BACKUP_JOB,
    title: 'резервная копия базы и вложений во все папки BACKUP_DIRS, с проверкой и хранением по сроку',
    schedule: deps.settings.schedule,
    scope: 'deployment',
    timeZone: deps.settings.timeZone,
    async run({ now, log, trigger }) {
      const { copies, deleted, written } = await makeBackupCopies({ ...deps, now, log }, trigger);
      const failed = copies.filter((c) => c.outcome === 'failed');
      if (!written) throw new Error(`ни одна копия не записана: ${failed.map((c) => `${c.destination} — ${c.error}`).join('; ')}`);
      return {
        copies: copies.length - failed.length,
        failed: failed.length,
        deleted,
        ...(failed.length ? { failedDestinations: failed.map((c) => c.destination).join(', ') } : {}),
      };
    },
  };
}

/**
 * Each morning: when the newest good copy is older than the schedule promises (a server that was
 * off at the slot, every destination failing), every school's security-event log says so.
 */
export function backupWatchJob(deps: BackupJobDeps): DeploymentJob {
  return {
    name: 'backup-watch',
    title: 'проверка, что последняя резервная копия не старше, чем обещает расписание',
    schedule: '0 8 * * *',
    scope: 'deployment',
    timeZone: deps.settings.timeZone,
    async run({ db, now }) {
      const last = await lastGoodCopyAt(db);
      if (!backupOverdue(last, deps.settings.schedule, deps.settings.timeZone, now())) return { overdue: false };
      const schools = await schoolZones(db);
      await recordSecurityEvents(db, schools.map((s) => ({
        kind: 'backup.overdue' as const, schoolId: s.id, details: { lastCopyAt: last?.toISOString() ?? null },
      })));
      return { overdue: true, lastCopyAt: last?.toISOString() ?? null };
    },
  };
}
