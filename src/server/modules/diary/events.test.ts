import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DiaryWorld, diaryWorld } from '../../../../tests/factories/diary.ts';
import { createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { type DiaryChange, DiaryBus } from '../../events/diaryBus.ts';
import { TEST_ACTOR_HEADER } from '../../plugins/actor.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: DiaryWorld;
let origin: string;

const eventsPath = (studentId: string) => `/api/v1/schools/${w.schoolId}/students/${studentId}/diary/events`;

/** An open diary over real HTTP: reads the stream and hands out its events one by one. */
async function openStream(studentId: string, actor: Actor) {
  const abort = new AbortController();
  const res = await fetch(`${origin}${eventsPath(studentId)}`, { headers: { [TEST_ACTOR_HEADER]: JSON.stringify(actor) }, signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const nextBlock = async (): Promise<string> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return block;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
  expect(await nextBlock()).toBe('retry: 5000');
  return {
    res,
    /** The next `change` event's data, skipping heartbeats. */
    async nextChange() {
      for (;;) {
        const block = await nextBlock();
        if (block.startsWith('event: change\n')) return JSON.parse(block.slice('event: change\ndata: '.length));
      }
    },
    close() {
      abort.abort();
      return reader.cancel().catch(() => {});
    },
  };
}

/** The bus may deliver through PostgreSQL (LISTEN/NOTIFY): wait until a condition holds, without sleeping blindly. */
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

beforeAll(async () => {
  t = await createTestApp();
  w = await diaryWorld(t.database.db);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await t.close(); });

describe('GET …/diary/events (Server-Sent Events)', () => {
  it('delivers a change published for the student to their open diary, and nothing to another student\'s', async () => {
    const ivanov = await openStream(w.ivanov.id, schoolActor(w.schoolId, 'guardian', w.mother.id));
    const smirnova = await openStream(w.smirnova.id, schoolActor(w.schoolId, 'guardian', w.smirnovaMother.id));
    expect(ivanov.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await until(() => t.app.diaryBus.listeners(w.ivanov.id) === 1 && t.app.diaryBus.listeners(w.smirnova.id) === 1);
    const lessonId = '01900000-0000-7000-8000-00000000abcd';
    t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.ivanov.id], kind: 'mark', lessonId, at: '2025-09-08T05:00:00.000Z' });
    expect(await ivanov.nextChange()).toEqual({ kind: 'mark', lessonId, at: '2025-09-08T05:00:00.000Z' });
    // Her first event is the one meant for her: Ivanov's mark never reached her stream.
    t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.smirnova.id], kind: 'attendance', at: '2025-09-08T06:00:00.000Z' });
    expect(await smirnova.nextChange()).toEqual({ kind: 'attendance', lessonId: null, at: '2025-09-08T06:00:00.000Z' });
    await ivanov.close();
    await smirnova.close();
    await until(() => t.app.diaryBus.listeners(w.ivanov.id) === 0 && t.app.diaryBus.listeners(w.smirnova.id) === 0);
  });

  it('ignores a change of another school naming the same id', async () => {
    const stream = await openStream(w.ivanov.id, schoolActor(w.schoolId, 'student', w.ivanov.id));
    await until(() => t.app.diaryBus.listeners(w.ivanov.id) === 1);
    t.app.diaryBus.publish({ schoolId: w.otherSchoolId, studentIds: [w.ivanov.id], kind: 'mark', at: '2025-09-08T05:00:00.000Z' });
    t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.ivanov.id], kind: 'homework', at: '2025-09-08T07:00:00.000Z' });
    expect((await stream.nextChange()).kind).toBe('homework');
    await stream.close();
  });

  it('refuses a stranger with 404, a caller without a session with 401, and opens no stream for them', async () => {
    const stranger = await fetch(`${origin}${eventsPath(w.ivanov.id)}`, {
      headers: { [TEST_ACTOR_HEADER]: JSON.stringify(schoolActor(w.schoolId, 'guardian', w.smirnovaMother.id)) },
    });
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error.code).toBe('student.not_found');
    const anonymous = await fetch(`${origin}${eventsPath(w.ivanov.id)}`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
    expect(t.app.diaryBus.listeners(w.ivanov.id)).toBe(0);
  });

  // Only PostgreSQL has several server processes to bridge; on PGlite the test is not defined at all.
  if (inject('database') === 'pg') it('reaches a diary open on another server process through PostgreSQL LISTEN/NOTIFY', async () => {
    const otherProcess = new DiaryBus();
    await otherProcess.bridgePostgres(t.database.url!);
    try {
      const heard = new Promise<DiaryChange>((resolve) => otherProcess.subscribe(w.smirnova.id, resolve));
      t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.smirnova.id], kind: 'periodMark', at: '2025-10-22T05:00:00.000Z' });
      expect(await heard).toEqual({ schoolId: w.schoolId, studentIds: [w.smirnova.id], kind: 'periodMark', at: '2025-10-22T05:00:00.000Z' });
    } finally {
      await otherProcess.close();
    }
  });

  // A morning's saves publish side by side; pg would queue their NOTIFYs on the one listening
  // connection with a deprecation warning (and pg 9 refuses them): they go one after another.
  if (inject('database') === 'pg') it('sends many changes at once over LISTEN/NOTIFY one after another, each heard, without pg\'s warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const otherProcess = new DiaryBus();
    await otherProcess.bridgePostgres(t.database.url!);
    try {
      const heard: string[] = [];
      const all = new Promise<void>((resolve) => otherProcess.subscribe(w.smirnova.id, (change) => {
        heard.push(change.at);
        if (heard.length === 50) resolve();
      }));
      const sent = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2025, 9, 22, 5, 0, i)).toISOString());
      for (const at of sent) t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.smirnova.id], kind: 'mark', at });
      await all;
      expect(heard).toEqual(sent);
      // 'warning' is emitted on the next tick of the one that warned.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await otherProcess.close();
    }
  });
});
