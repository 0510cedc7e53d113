import type { Database } from '../db/client.ts';
import { recordSecurityEvents } from '../modules/accounts/securityEvents.ts';
import type { Job, JobLogger } from './job.ts';
import { claimRun, finishRun, type RunTarget, schoolZones } from './runs.ts';

export type RunEnv = { database: Database; now: () => Date; log: JobLogger };

export type RunResult = {
  job: string;
  schoolId: string | null;
  scheduledFor: Date;
  attempt: number;
  outcome: 'ok' | 'failed';
  error: string | null;
  details: Record<string, unknown>;
};

const ERROR_LIMIT = 2000;

/**
 * One attempt: claim the slot's row, run the handler, record how it ended. A failure of the last
 * attempt is shown to the administrators of every school it concerns, in their security-event log
 * («Журнал безопасности») — that is the screen they already watch. Returns null when another
 * runner had already claimed this attempt.
 */
export async function runAttempt(env: RunEnv, job: Job, target: RunTarget, finalAttempt: boolean): Promise<RunResult | null> {
  const { db } = env.database;
  const runId = await claimRun(db, job.name, target, env.now());
  if (!runId) return null;
  const base = { job: job.name, schoolId: target.schoolId, scheduledFor: target.scheduledFor, attempt: target.attempt };
  let result: RunResult;
  try {
    const context = { db, now: env.now, log: env.log, scheduledFor: target.scheduledFor, trigger: target.trigger };
    const details = job.scope === 'school'
      ? await job.run({ ...context, schoolId: target.schoolId! })
      : await job.run(context);
    result = { ...base, outcome: 'ok', error: null, details: details ?? {} };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ...base, outcome: 'failed', error: message.slice(0, ERROR_LIMIT), details: {} };
  }
  await finishRun(db, runId, { finishedAt: env.now(), outcome: result.outcome, error: result.error, details: result.details });
  if (result.outcome === 'ok') {
    env.log.info({ job: job.name, schoolId: target.schoolId, attempt: target.attempt }, 'job run succeeded');
  } else {
    env.log.error({ job: job.name, schoolId: target.schoolId, attempt: target.attempt, error: result.error }, 'job run failed');
    if (finalAttempt) await showFailure(env, job, result);
  }
  return result;
}

async function showFailure(env: RunEnv, job: Job, result: RunResult) {
  const { db } = env.database;
  // A deployment-wide job (a backup, say) concerns every school.
  const schoolIds = result.schoolId ? [result.schoolId] : (await schoolZones(db)).map((s) => s.id);
  const details = { job: job.name, attempts: result.attempt, error: result.error };
  await recordSecurityEvents(db, schoolIds.map((schoolId) => ({ kind: 'job.failed' as const, schoolId, details })));
}

/**
 * `klassny jobs run NAME`: one attempt now, for every school (or the one named) or for the
 * deployment, outside the schedule; no retry, so a failure is final and shown at once.
 */
export async function runNow(env: RunEnv, job: Job, schoolId?: string): Promise<RunResult[]> {
  const scheduledFor = env.now();
  const targets = job.scope === 'school'
    ? (await schoolZones(env.database.db, schoolId)).map((s) => s.id)
    : [null];
  const results: RunResult[] = [];
  for (const target of targets) {
    const result = await runAttempt(env, job, { schoolId: target, scheduledFor, attempt: 1, trigger: 'manual' }, true);
    if (result) results.push(result);
  }
  return results;
}
