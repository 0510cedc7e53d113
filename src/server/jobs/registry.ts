import { auditVerifyJob } from './auditVerify.ts';
import type { Job } from './job.ts';

/** Every scheduled job, in one visible list (no registration by import side effect). */
export const JOBS: readonly Job[] = [auditVerifyJob];

export function findJob(name: string): Job | undefined {
  return JOBS.find((job) => job.name === name);
}
