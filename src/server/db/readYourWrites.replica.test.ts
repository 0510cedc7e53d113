import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journalWorld, type JournalWorld, workTypeNamed } from '../../../tests/factories/journal.ts';
import { withDatabase } from '../../../tests/support/globalSetup.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { TEST_ACTOR_HEADER } from '../plugins/actor.ts';
import type { Actor } from '../policy/policy.ts';
import { type App, buildApp } from '../app.ts';
import { ensureDefaultWorkTypes } from '../modules/grading/workTypeService.ts';
import { schoolActor } from '../../../tests/support/testApp.ts';
import { type Database, openDatabase } from './client.ts';
import { WAL_COOKIE } from './walPosition.ts';

// A real streaming replica of the test cluster (`*.replica.test.ts`, TEST_REPLICA_URL; .ci/start-replica).
const replicaAdminUrl = process.env.TEST_REPLICA_URL!;
const clock = new Date('2025-10-20T06:00:00Z');
let primary: Database;
let replicated: Database;
let app: App;
let w: JournalWorld;
let replicaAdmin: pg.Client;

async function primaryLsn(): Promise<string> {
  const admin = new pg.Client({ connectionString: primary.url });
  await admin.connect();
  try {
    return (await admin.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn')).rows[0]!.lsn;
  } finally {
    await admin.end();
  }
}

/** Polls the replica until it has replayed up to `lsn`; the test's time-out ends a wait that never does. */
async function replayedUpTo(lsn: string): Promise<void> {
  const done = async () => (await replicaAdmin.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn])).rows[0]!.ok;
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  replicaAdmin = new pg.Client({ connectionString: replicaAdminUrl });
  await replicaAdmin.connect();
  primary = await createTestDatabase();
  w = await journalWorld(primary.db);
  await ensureDefaultWorkTypes(primary.db, w.schoolId);
  await replayedUpTo(await primaryLsn());
  const name = new URL(primary.url!).pathname.slice(1);
  replicated = await openDatabase({ kind: 'pg', url: primary.url!, replicaUrl: withDatabase(replicaAdminUrl, name), poolSize: 4, strictAudit: true });
  app = await buildApp({ database: replicated, testActors: true, now: () => clock, archiveKeys: { dir: path.join(tmpdir(), 'klassny-test-archive-keys') } });
  await app.ready();
});
afterAll(async () => {
  // Never leave the shared replica paused for the next run.
  await replicaAdmin?.query('select pg_wal_replay_resume()').catch(() => {});
  await replicaAdmin?.end();
  await app?.close();
  await replicated?.close();
  await primary?.close();
});

const send = (actor: Actor, method: 'GET' | 'POST', url: string, options: { payload?: object; cookie?: string } = {}) => app.inject({
  method, url, payload: options.payload,
  headers: { [TEST_ACTOR_HEADER]: JSON.stringify(actor), ...(options.cookie ? { cookie: options.cookie } : {}) },
});

it('reads others\' screens from the replica, and the writer\'s own from the primary until the replica has replayed the write', async () => {
  const lesson = await w.lesson('2025-09-10');
  const answer = (await workTypeNamed(primary.db, w.schoolId, 'Ответ на уроке'))!.id;
  await replayedUpTo(await primaryLsn());
  const teacher = schoolActor(w.schoolId, 'teacher', w.teacher.id);
  const deputy = schoolActor(w.schoolId, 'deputy');
  const page = `/api/v1/schools/${w.schoolId}/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`;
  const marksOn = async (actor: Actor, cookie?: string) => {
    const res = await send(actor, 'GET', page, { cookie });
    expect(res.statusCode).toBe(200);
    return (res.json() as { marks: { value: string }[] }).marks.map((m) => m.value);
  };
  expect(await marksOn(deputy)).toEqual([]);

  // Replication lag, for as long as the test needs it.
  await replicaAdmin.query('select pg_wal_replay_pause()');
  const saved = await send(teacher, 'POST', `/api/v1/schools/${w.schoolId}/lessons/${lesson.id}/marks`,
    { payload: { studentId: w.students.antonov.id, workTypeId: answer, value: '5' } });
  expect(saved.statusCode).toBe(201);
  const walCookie = saved.cookies.find((c) => c.name === WAL_COOKIE);
  expect(walCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  const cookie = `${WAL_COOKIE}=${walCookie!.value}`;

  expect(await marksOn(teacher, cookie)).toEqual(['5']);
  // The deputy, and the teacher's browser without the cookie, read the replica, which has not replayed the save yet.
  expect(await marksOn(deputy)).toEqual([]);
  expect(await marksOn(teacher)).toEqual([]);
  // A reading request sets no cookie.
  expect((await send(teacher, 'GET', page, { cookie })).cookies).toEqual([]);

  await replicaAdmin.query('select pg_wal_replay_resume()');
  await replayedUpTo(walCookie!.value);
  expect(await marksOn(deputy)).toEqual(['5']);
  expect(await marksOn(teacher, cookie)).toEqual(['5']);
});

it('ignores a malformed position cookie and reads from the replica', async () => {
  const deputy = schoolActor(w.schoolId, 'deputy');
  const res = await send(deputy, 'GET', `/api/v1/schools/${w.schoolId}/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`,
    { cookie: `${WAL_COOKIE}=not-a-position` });
  expect(res.statusCode).toBe(200);
});
