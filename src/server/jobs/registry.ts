import { auditVerifyJob } from './auditVerify.ts';
import { type BackupJobDeps, backupJob, backupWatchJob } from './backupJob.ts';
import type { Job } from './job.ts';

/** Every scheduled job that needs nothing but the database, in one visible list (no registration by import side effect). */
export const JOBS: readonly Job[] = [auditVerifyJob];

/** The jobs a server runs: those above and the backups, which need its settings and file storage. */
export function serverJobs(backups: BackupJobDeps): Job[] {
  return [...JOBS, backupJob(backups), backupWatchJob(backups)];
}

export function findJob(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}
