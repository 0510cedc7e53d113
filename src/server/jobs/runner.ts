import { Cron } from 'croner';
import type { Database } from '../db/client.ts';
import { type RunEnv, type RunResult, runAttempt } from './execute.ts';
import { type Job, type JobLogger, silentLogger } from './job.ts';
import { type RunnerLock, runnerLock } from './lock.ts';
import { JOBS } from './registry.ts';
import { closeInterruptedRuns, lastAttempts, type RunTarget, schoolZones } from './runs.ts';
import { DEFAULT_RETRY, isTimeZone, latestSlot, type RetryPolicy, retryDue } from './schedule.ts';

export type RunnerOptions = {
  database: Database;
  /** Default: every job of registry.ts; tests pass their own. */
  jobs?: readonly Job[];
  now?: () => Date;
  log?: JobLogger;
  retry?: RetryPolicy;
};

export type TickReport = { runner: boolean; runs: RunResult[] };

/**
 * The deployment's job runner. Every process may start one; only the holder of the advisory lock
 * runs jobs, the others keep asking each minute and take over when it goes away.
 *
 * It does not set a timer per job: each minute it works out which slots are owed — the latest
 * slot of each job in each school's time zone that has no run yet, or whose failed
 * attempt has waited out its backoff — from `job_runs`. So a runner that starts after a missed
 * Sunday makes that run once (and only the latest missed one), a runner that takes over knows
 * what its predecessor did, and tests drive `tick()` with a clock instead of waiting.
 */
export class JobRunner {
  private readonly env: RunEnv;
  private readonly jobs: readonly Job[];
  private readonly retry: RetryPolicy;
  private readonly lock: RunnerLock;
  private heartbeat: Cron | undefined;
  private running: Promise<TickReport> | undefined;
  private holder = false;
  private stopping = false;
  private readonly warnedZones = new Set<string>();

  constructor(options: RunnerOptions) {
    this.env = { database: options.database, now: options.now ?? (() => new Date()), log: options.log ?? silentLogger };
    this.jobs = options.jobs ?? JOBS;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.lock = runnerLock(options.database);
  }

  /** Ticks now and then at the start of every minute, without waiting for the first tick. */
  start(): void {
    this.stopping = false;
    void this.tick();
    this.heartbeat = new Cron('* * * * *', { protect: true }, () => { void this.tick(); });
  }

  /** Stops after the run in progress (not mid-run) and hands the lock over. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.heartbeat?.stop();
    this.heartbeat = undefined;
    await this.running;
    await this.lock.release();
    this.holder = false;
  }

  /** Resolves when the tick in progress, if any, is over. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One pass: become (or stay) the runner, then run every owed slot. Ticks never overlap. */
  tick(): Promise<TickReport> {
    this.running ??= this.pass().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async pass(): Promise<TickReport> {
    const runs: RunResult[] = [];
    try {
      const wasHolder = this.holder;
      this.holder = await this.lock.acquire();
      if (!this.holder) return { runner: false, runs };
      if (!wasHolder) {
        const closed = await closeInterruptedRuns(this.env.database.db, this.env.now());
        this.env.log.info({ interrupted: closed }, 'job runner: this process runs the scheduled jobs');
      }
      for (const job of this.jobs) {
        for (const target of await this.owed(job)) {
          // A runner that lost its lock mid-pass (its connection dropped) stops at once: another may
          // have taken over. The slot's unique key keeps the two from ever claiming the same attempt.
          if (this.stopping) return { runner: this.holder, runs };
          if (!(await this.lock.holds())) {
            this.holder = false;
            this.env.log.warn({ job: job.name }, 'job runner: lost the lock mid-pass, stopped');
            return { runner: false, runs };
          }
          const result = await runAttempt(this.env, job, target, target.attempt >= this.retry.attempts);
          if (result) runs.push(result);
        }
      }
    } catch (error) {
      // The database went away mid-pass: the next tick starts over from job_runs.
      this.env.log.error({ error: (error as Error).message }, 'job runner: pass failed');
    }
    return { runner: this.holder, runs };
  }

  /** The attempts of a job owed now: a first attempt of an untouched slot, or a retry that has waited enough. */
  private async owed(job: Job): Promise<RunTarget[]> {
    const { db } = this.env.database;
    const now = this.env.now();
    const slots: { schoolId: string | null; scheduledFor: Date }[] = [];
    const zones = job.scope === 'school' ? await schoolZones(db) : [{ id: null, timeZone: job.timeZone }];
    const slotByZone = new Map<string, Date | null>();
    for (const { id, timeZone } of zones) {
      if (!slotByZone.has(timeZone)) {
        if (!isTimeZone(timeZone) && !this.warnedZones.has(timeZone)) {
          this.warnedZones.add(timeZone); // once per process, not every minute
          this.env.log.warn({ job: job.name, schoolId: id, timeZone }, 'job runner: unknown time zone, its schools skipped');
        }
        slotByZone.set(timeZone, isTimeZone(timeZone) ? latestSlot(job.schedule, timeZone, now) : null);
      }
      const scheduledFor = slotByZone.get(timeZone);
      if (scheduledFor) slots.push({ schoolId: id, scheduledFor });
    }
    const distinctSlots = [...new Map([...slotByZone.values()].filter((d) => d !== null).map((d) => [d.getTime(), d])).values()];
    const last = new Map((await lastAttempts(db, job.name, distinctSlots))
      .map((a) => [`${a.schoolId}|${a.scheduledFor.getTime()}`, a]));
    const owed: RunTarget[] = [];
    for (const slot of slots) {
      const previous = last.get(`${slot.schoolId}|${slot.scheduledFor.getTime()}`);
      if (!previous) owed.push({ ...slot, attempt: 1, trigger: 'schedule' });
      else if (previous.outcome === 'failed' && previous.finishedAt && retryDue(this.retry, previous.attempt, previous.finishedAt, now)) {
        owed.push({ ...slot, attempt: previous.attempt + 1, trigger: 'schedule' });
      }
    }
    return owed;
  }
}
