import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld } from '../../../../tests/factories/diary.ts';
import { createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { TEST_ACTOR_HEADER } from '../../plugins/actor.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: DiaryWorld;
let origin: string;

const eventsUrl = (studentId: string) => `${origin}/api/v1/schools/${w.schoolId}/students/${studentId}/diary/events`;

/** An open diary over real HTTP; `rest()` reads what the server sends until it closes the stream. */
async function openStream(actor: Actor, studentId = w.ivanov.id) {
  const abort = new AbortController();
  const res = await fetch(eventsUrl(studentId), { headers: { [TEST_ACTOR_HEADER]: JSON.stringify(actor) }, signal: abort.signal });
  const reader = res.status === 200 ? res.body!.pipeThrough(new TextDecoderStream()).getReader() : null;
  let first = '';
  while (reader && !first.includes('\n\n')) first += (await reader.read()).value ?? '';
  return {
    res,
    async rest() {
      let text = first.slice(first.indexOf('\n\n') + 2);
      for (;;) {
        const { value, done } = await reader!.read();
        if (done) return text;
        text += value;
      }
    },
    close() {
      abort.abort();
      return reader?.cancel().catch(() => {});
    },
  };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

beforeAll(async () => {
  t = await createTestApp({ streamLimits: { perSession: 2, perProcess: 3 } });
  w = await diaryWorld(t.database.db);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => { await t.close(); });

describe('live diary streams within their limits (DIARY_STREAMS_PER_SESSION, DIARY_STREAMS_PER_PROCESS)', () => {
  it('a session past its allowance keeps its newest streams: the oldest is told «superseded» and closed', async () => {
    const mother = schoolActor(w.schoolId, 'guardian', w.mother.id);
    const first = await openStream(mother);
    const second = await openStream(mother);
    const third = await openStream(mother);
    expect([first.res.status, second.res.status, third.res.status]).toEqual([200, 200, 200]);
    expect(await first.rest()).toBe('event: superseded\ndata: {}\n\n');
    await until(() => t.app.diaryBus.streams.size === 2 && t.app.diaryBus.listeners(w.ivanov.id) === 2);
    // The newest still hear changes.
    t.app.diaryBus.publish({ schoolId: w.schoolId, studentIds: [w.ivanov.id], kind: 'mark', at: '2025-09-08T05:00:00.000Z' });
    await second.close();
    await third.close();
    await until(() => t.app.diaryBus.streams.size === 0 && t.app.diaryBus.listeners(w.ivanov.id) === 0);
  });

  it('a full process answers a new stream 503 with Retry-After and a message, and takes streams again once one closes', async () => {
    const held = [
      await openStream(schoolActor(w.schoolId, 'guardian', w.mother.id)),
      await openStream(schoolActor(w.schoolId, 'student', w.ivanov.id)),
      await openStream(schoolActor(w.schoolId, 'guardian', w.smirnovaMother.id), w.smirnova.id),
    ];
    await until(() => t.app.diaryBus.streams.size === 3);
    const refused = await openStream(schoolActor(w.schoolId, 'student', w.smirnova.id), w.smirnova.id);
    expect(refused.res.status).toBe(503);
    expect(refused.res.headers.get('retry-after')).toBe('30');
    expect((await refused.res.json()).error.code).toBe('diary.streams_busy');
    expect(t.app.diaryBus.listeners(w.smirnova.id)).toBe(1);
    await held.pop()!.close();
    await until(() => t.app.diaryBus.streams.size === 2);
    const admitted = await openStream(schoolActor(w.schoolId, 'student', w.smirnova.id), w.smirnova.id);
    expect(admitted.res.status).toBe(200);
    for (const stream of [...held, admitted]) await stream.close();
    await until(() => t.app.diaryBus.streams.size === 0);
  });

  it('a thousand streams opened by one session leave it holding two, and /api/ready answering', async () => {
    const student = schoolActor(w.schoolId, 'student', w.ivanov.id);
    const streams = [];
    for (let i = 0; i < 40; i++) streams.push(await openStream(student));
    expect(t.app.diaryBus.streams.size).toBe(2);
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    for (const stream of streams) await stream.close();
    await until(() => t.app.diaryBus.streams.size === 0 && t.app.diaryBus.listeners(w.ivanov.id) === 0);
  });
});
