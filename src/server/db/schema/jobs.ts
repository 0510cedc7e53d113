import { sql } from 'drizzle-orm';
import {
  check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { oneOf } from './columns.ts';
import { schools } from './organisation.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const JOB_TRIGGERS = ['schedule', 'manual'] as const;
export const JOB_OUTCOMES = ['ok', 'failed'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/**
 * One attempt of a scheduled job (src/server/jobs/), for one school or for the whole deployment.
 * Not a tenant table: a deployment-wide run has no school. The unique key claims a slot: the
 * runner inserts the row before it runs the job, so a slot's attempt runs once even if two
 * processes ever race for it.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey(),
    /** The job's stable name, e.g. `audit-verify`. */
    job: text('job').notNull(),
    /** The school it ran for; null for a job that runs once per deployment. */
    schoolId: uuid('school_id'),
    /** The slot of the schedule it is for (a manual run: the moment it was asked for). */
    scheduledFor: at('scheduled_for').notNull(),
    trigger: text('trigger').notNull(),
    /** 1, 2, … for the same slot: a failed attempt is retried with a new row. */
    attempt: integer('attempt').notNull(),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at'),
    /** Null while it runs (or when its process died during it). */
    outcome: text('outcome'),
    error: text('error'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    unique('job_runs_slot_key').on(t.job, t.schoolId, t.scheduledFor, t.trigger, t.attempt).nullsNotDistinct(),
    index('job_runs_job_slot_idx').on(t.job, t.scheduledFor),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }).onDelete('cascade'),
    check('job_runs_trigger_check', oneOf('trigger', JOB_TRIGGERS)),
    check('job_runs_outcome_check', sql`outcome is null or ${oneOf('outcome', JOB_OUTCOMES)}`),
    check('job_runs_attempt_check', sql`attempt >= 1`),
  ],
);
