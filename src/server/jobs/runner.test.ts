import { and, asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Database, openDatabase, queryRows } from '../db/client.ts';
import { securityEvents } from '../db/schema/accounts.ts';
import { jobRuns } from '../db/schema/jobs.ts';
import { runAttempt } from './execute.ts';
import { type Job, type SchoolJob, silentLogger } from './job.ts';
import { RUNNER_LOCK } from './lock.ts';
import { JobRunner, type RunnerOptions } from './runner.ts';
import { claimRun } from './runs.ts';

let database: Database;
let clock: Date;
const runners: JobRunner[] = [];
const extraDatabases: Database[] = [];
beforeEach(async () => {
  database = await createTestDatabase();
  clock = new Date('2026-12-05T20:00:00Z'); // Saturday 23:00 in Moscow, Sunday 08:00 in Kamchatka
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  for (const d of extraDatabases.splice(0)) await d.close();
  await database.close();
});

const db = () => database.db;
const tickBy = (ms: number) => { clock = new Date(clock.getTime() + ms); };
const runner = (options: Partial<RunnerOptions> & { jobs: Job[] }) => {
  const r = new JobRunner({ database, now: () => clock, retry: { attempts: 3, delaysMs: [60_000, 600_000] }, ...options });
  runners.push(r);
  return r;
};

async function schoolIn(timeZone: string) {
  const { school } = await createSchool(db());
  await db().execute(sql`update schools set time_zone = ${timeZone} where id = ${school.id}`);
  return school.id;
}

/** A weekly school job that remembers whom it ran for; `fail` decides, per call, whether it throws. */
function weeklyJob(fail: (call: number) => boolean = () => false) {
  const calls: { schoolId: string; scheduledFor: Date }[] = [];
  const job: SchoolJob = {
    name: 'test-weekly', title: 'проба', schedule: '0 3 * * 0', scope: 'school',
    async run({ schoolId, scheduledFor }) {
      calls.push({ schoolId, scheduledFor });
      if (fail(calls.length)) throw new Error(`сбой № ${calls.length}`);
      return { checked: schoolId };
    },
  };
  return { job, calls };
}

const runsOf = (job: string) => db().select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(asc(jobRuns.startedAt), asc(jobRuns.attempt));
const failureEvents = (schoolId: string) => db().select().from(securityEvents)
  .where(and(eq(securityEvents.schoolId, schoolId), eq(securityEvents.kind, 'job.failed')));

describe('running on schedule', () => {
  it('runs each school\'s latest slot once, at that school\'s local time, and records each run as ok', async () => {
    const moscow = await schoolIn('Europe/Moscow');
    const kamchatka = await schoolIn('Asia/Kamchatka');
    const { job, calls } = weeklyJob();
    const r = runner({ jobs: [job] });

    // A runner that meets a school for the first time owes it the latest slot (once, like anacron).
    expect((await r.tick()).runs.map((x) => [x.schoolId, x.scheduledFor.toISOString()]).sort()).toEqual([
      [moscow, '2026-11-29T00:00:00.000Z'], [kamchatka, '2026-12-05T15:00:00.000Z'],
    ].sort());
    expect((await r.tick()).runs).toEqual([]);

    tickBy(4 * 3600_000); // Sunday 03:00 in Moscow: only Moscow's new slot is owed
    expect((await r.tick()).runs.map((x) => [x.schoolId, x.scheduledFor.toISOString()])).toEqual([[moscow, '2026-12-06T00:00:00.000Z']]);
    expect(calls).toHaveLength(3);

    const rows = await runsOf(job.name);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ trigger: 'schedule', attempt: 1, outcome: 'ok', error: null, details: { checked: row.schoolId } });
      expect(row.finishedAt).not.toBeNull();
    }
  });

  it('skips a school whose time zone is misspelt, warns once, and still runs the others', async () => {
    const good = await schoolIn('Europe/Moscow');
    const bad = await schoolIn('Europe/Moskva');
    const warnings: object[] = [];
    const { job, calls } = weeklyJob();
    const r = runner({ jobs: [job], log: { ...silentLogger, warn: (fields) => void warnings.push(fields) } });
    await r.tick();
    await r.tick();
    expect(calls.map((c) => c.schoolId)).toEqual([good]);
    expect(warnings).toEqual([expect.objectContaining({ schoolId: bad, timeZone: 'Europe/Moskva' })]);
  });

  it('retries a failed run after each backoff, then records it failed and shows it in the school\'s security log', async () => {
    const school = await schoolIn('Europe/Moscow');
    const { job, calls } = weeklyJob(() => true);
    const r = runner({ jobs: [job] });

    expect((await r.tick()).runs.map((x) => [x.attempt, x.outcome])).toEqual([[1, 'failed']]);
    expect((await r.tick()).runs).toEqual([]); // the first backoff has not passed
    expect(await failureEvents(school)).toEqual([]);
    tickBy(60_000);
    expect((await r.tick()).runs.map((x) => [x.attempt, x.outcome])).toEqual([[2, 'failed']]);
    tickBy(60_000);
    expect((await r.tick()).runs).toEqual([]);
    tickBy(540_000);
    expect((await r.tick()).runs.map((x) => [x.attempt, x.outcome, x.error])).toEqual([[3, 'failed', 'сбой № 3']]);
    tickBy(3600_000);
    expect((await r.tick()).runs).toEqual([]); // three attempts, then the slot is given up
    expect(calls).toHaveLength(3);

    expect((await runsOf(job.name)).map((x) => [x.attempt, x.outcome, x.error])).toEqual([
      [1, 'failed', 'сбой № 1'], [2, 'failed', 'сбой № 2'], [3, 'failed', 'сбой № 3'],
    ]);
    const events = await failureEvents(school);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: null, details: { job: 'test-weekly', attempts: 3, error: 'сбой № 3' } });
  });

  it('records a run that succeeds on its second attempt as one failure and one success, and alerts no one', async () => {
    const school = await schoolIn('Europe/Moscow');
    const { job } = weeklyJob((call) => call === 1);
    const r = runner({ jobs: [job] });
    await r.tick();
    tickBy(60_000);
    await r.tick();
    tickBy(3600_000);
    expect((await r.tick()).runs).toEqual([]);
    expect((await runsOf(job.name)).map((x) => [x.attempt, x.outcome])).toEqual([[1, 'failed'], [2, 'ok']]);
    expect(await failureEvents(school)).toEqual([]);
  });

  it('shows a deployment-wide job\'s final failure in every school\'s security log', async () => {
    const schools = [await schoolIn('Europe/Moscow'), await schoolIn('Asia/Barnaul')];
    const job: Job = {
      name: 'test-nightly', title: 'проба', schedule: '0 2 * * *', scope: 'deployment', timeZone: 'UTC',
      async run() { throw new Error('диск полон'); },
    };
    const r = runner({ jobs: [job], retry: { attempts: 1, delaysMs: [] } });
    expect((await r.tick()).runs.map((x) => [x.schoolId, x.scheduledFor.toISOString(), x.outcome])).toEqual([
      [null, '2026-12-05T02:00:00.000Z', 'failed'],
    ]);
    for (const school of schools) {
      expect((await failureEvents(school)).map((e) => e.details)).toEqual([{ job: 'test-nightly', attempts: 1, error: 'диск полон' }]);
    }
  });
});

describe('one run per attempt', () => {
  it('runs an attempt once: a second claim of the same slot is refused and runs nothing', async () => {
    const school = await schoolIn('Europe/Moscow');
    const { job, calls } = weeklyJob();
    const env = { database, now: () => clock, log: silentLogger };
    const target = { schoolId: school, scheduledFor: new Date('2026-11-29T00:00:00Z'), attempt: 1, trigger: 'schedule' as const };
    expect(await runAttempt(env, job, target, false)).toMatchObject({ outcome: 'ok' });
    expect(await runAttempt(env, job, target, false)).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('closes the runs a vanished runner left open as failed, and retries them', async () => {
    const school = await schoolIn('Europe/Moscow');
    const { job } = weeklyJob();
    const slot = new Date('2026-11-29T00:00:00Z');
    await claimRun(db(), job.name, { schoolId: school, scheduledFor: slot, attempt: 1, trigger: 'schedule' }, new Date('2026-11-29T00:00:01Z'));
    const r = runner({ jobs: [job] });
    expect((await r.tick()).runs).toEqual([]); // attempt 1 is closed now; its retry waits out the backoff
    tickBy(60_000);
    expect((await r.tick()).runs.map((x) => [x.attempt, x.outcome])).toEqual([[2, 'ok']]);
    expect((await runsOf(job.name)).map((x) => [x.attempt, x.outcome, x.error])).toEqual([
      [1, 'failed', 'прервано: процесс остановился во время выполнения'], [2, 'ok', null],
    ]);
  });
});

describe('one runner per deployment', () => {
  /** Another process on the same database: on PostgreSQL a connection of its own, on PGlite the same one. */
  async function secondProcessDatabase(): Promise<Database> {
    if (inject('database') === 'pglite') return database;
    const other = await openDatabase({ kind: 'pg', url: database.url!, poolSize: 2 });
    extraDatabases.push(other);
    return other;
  }

  it('lets only one of two runners run jobs, and the other take over when the first goes away', async () => {
    await schoolIn('Europe/Moscow');
    await schoolIn('Asia/Kamchatka');
    const { job, calls } = weeklyJob();
    const first = runner({ jobs: [job] });
    const second = runner({ jobs: [job], database: await secondProcessDatabase() });

    const [a, b] = await Promise.all([first.tick(), second.tick()]);
    expect([a.runner, b.runner].sort()).toEqual([false, true]);
    const [holder, waiting] = a.runner ? [first, second] : [second, first];
    expect(calls).toHaveLength(2);
    expect((await waiting.tick()).runner).toBe(false);

    tickBy(4 * 3600_000);
    if (inject('database') === 'pg') {
      // The holder's connection dies (its process crashed, the network failed): PostgreSQL ends
      // the session and with it the lock.
      const [ended] = await queryRows<{ n: number }>(db(), sql`select count(pg_terminate_backend(pid))::int as n from pg_locks
        where locktype = 'advisory' and classid = 0 and objid = ${RUNNER_LOCK} and granted`);
      expect(ended!.n).toBe(1);
    } else {
      await holder.stop();
    }
    const takeover = await waiting.tick();
    expect(takeover.runner).toBe(true);
    expect(takeover.runs.map((x) => x.scheduledFor.toISOString())).toEqual(['2026-12-06T00:00:00.000Z']);
    expect(calls).toHaveLength(3);
    expect((await holder.tick()).runner).toBe(false);
  });

  it('ends a pass part-way when stopped, or when its lock is lost, and leaves the rest to the runner after it', async () => {
    for (const zone of ['Europe/Moscow', 'Asia/Barnaul', 'Asia/Kamchatka']) await schoolIn(zone);
    let stopped: Promise<void> | undefined;
    const { job, calls } = weeklyJob();
    const stopAfterOne: SchoolJob = { ...job, async run(context) { stopped ??= first.stop(); return job.run(context); } };
    const first = runner({ jobs: [stopAfterOne] });
    expect((await first.tick()).runs).toHaveLength(1);
    await stopped;
    const next = runner({ jobs: [job] });
    expect((await next.tick()).runs).toHaveLength(2);
    expect(calls).toHaveLength(3);

    if (inject('database') === 'pg') {
      // PostgreSQL only: with PGlite one process owns the database, so no other can take the lock.
      tickBy(4 * 3600_000); // Moscow's next slot, and only that one
      await schoolIn('Europe/Moscow');
      const terminateLockSession: SchoolJob = {
        ...job,
        async run(context) {
          await db().execute(sql`select pg_terminate_backend(pid) from pg_locks
            where locktype = 'advisory' and classid = 0 and objid = ${RUNNER_LOCK} and granted`);
          return job.run(context);
        },
      };
      await next.stop();
      const losing = runner({ jobs: [terminateLockSession] });
      const report = await losing.tick();
      expect(report).toMatchObject({ runner: false, runs: [{ outcome: 'ok' }] });
      expect(calls).toHaveLength(4);
    }
  });

  it('starts running at once when started and hands the lock over when stopped', async () => {
    await schoolIn('Europe/Moscow');
    const { job, calls } = weeklyJob();
    const first = runner({ jobs: [job] });
    first.start();
    await first.idle();
    expect(calls).toHaveLength(1);
    const second = runner({ jobs: [job], database: await secondProcessDatabase() });
    expect((await second.tick()).runner).toBe(false);
    await first.stop();
    expect((await second.tick())).toEqual({ runner: true, runs: [] });
  });
});
