import type { Db } from '../db/client.ts';

/** What a job may log; Fastify's pino logger (`app.log`) is one. */
export type JobLogger = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export const silentLogger: JobLogger = { info() {}, warn() {}, error() {} };

export type JobContext = {
  db: Db;
  /** The runner's clock: tests move it instead of waiting. */
  now: () => Date;
  log: JobLogger;
  /** The slot of the schedule this run is for (a manual run: the moment it was asked for). */
  scheduledFor: Date;
  /** A slot of the schedule, or a run asked for now (`klassny jobs run`, «Сделать копию сейчас»). */
  trigger: 'schedule' | 'manual';
};

/** Kept in the run's row (`job_runs.details`) and printed by `klassny jobs run`. */
export type JobDetails = Record<string, unknown> | void;

type JobBase = {
  /** Stable, kebab-case: the name in `job_runs` and in `klassny jobs run NAME`. */
  name: string;
  /** Russian, for `klassny jobs list`. */
  title: string;
  /** A cron pattern (croner: minute hour day-of-month month day-of-week). */
  schedule: string;
};

/** Runs once per school at the school's local time (`schools.time_zone`), for each school apart. */
export type SchoolJob = JobBase & {
  scope: 'school';
  run(context: JobContext & { schoolId: string }): Promise<JobDetails>;
};

/** Runs once per deployment; its schedule is read in `timeZone`. */
export type DeploymentJob = JobBase & {
  scope: 'deployment';
  timeZone: string;
  run(context: JobContext): Promise<JobDetails>;
};

export type Job = SchoolJob | DeploymentJob;
