import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journalWorld, type JournalWorld, workTypeNamed } from '../../../tests/factories/journal.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../tests/support/testApp.ts';
import { ensureDefaultWorkTypes } from '../modules/grading/workTypeService.ts';
import { queryRows } from './client.ts';
import { requestContext } from './requestContext.ts';

// PostgreSQL only: PGlite is one connection, and every query waits its turn there.
let t: TestContext;
let w: JournalWorld;
const clock = new Date('2025-10-20T06:00:00Z');
const LOCK = 4242;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await journalWorld(t.database.db);
  await ensureDefaultWorkTypes(t.database.db, w.schoolId);
});
afterAll(async () => { await t?.close(); });

/** Waits (polling) until `check` holds; the test's time-out ends a wait that never does. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

const reading = <T>(run: () => Promise<T>) =>
  requestContext.run({ actorUserId: null, actorRoles: {}, address: null, reason: null, reading: true, walSeen: null, walWritten: null }, run);

it('saves a mark while every connection for reading requests is held by a read that cannot finish', async () => {
  const lesson = await w.lesson('2025-09-10');
  const answer = (await workTypeNamed(t.database.db, w.schoolId, 'Ответ на уроке'))!.id;
  const admin = new pg.Client({ connectionString: t.database.url });
  await admin.connect();
  try {
    await admin.query('begin');
    await admin.query('select pg_advisory_xact_lock($1)', [LOCK]);
    // Five reads of reading requests on a read pool of four: four wait on the lock, one waits for a connection.
    let finished = 0;
    const reads = Array.from({ length: 5 }, () => reading(() => queryRows(t.database.db, sql`select pg_advisory_xact_lock_shared(${LOCK})`))
      .then(() => { finished += 1; }));
    // The admin's transaction would keep seeing its first snapshot of the statistics.
    const waiting = async () => (await admin.query('select pg_stat_clear_snapshot()'), await admin.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock_shared%'`)).rows[0]!.n;
    await until(async () => (await waiting()) === 4);

    const saved = await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id))
      .post(`/api/v1/schools/${w.schoolId}/lessons/${lesson.id}/marks`, { studentId: w.students.antonov.id, workTypeId: answer, value: '5' });
    expect(saved.statusCode).toBe(201);
    expect([finished, await waiting()]).toEqual([0, 4]);

    await admin.query('commit');
    await Promise.all(reads);
    expect(finished).toBe(5);
  } finally {
    await admin.end();
  }
});
