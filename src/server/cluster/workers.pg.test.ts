import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../../../tests/factories/diary.ts';
import { openEventStream, request, type ServerProcess, startServerProcess } from '../../../tests/support/serverProcess.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import type { Database } from '../db/client.ts';
import { CSRF_HEADER } from '../plugins/actor.ts';

// `klassny start` with WORKERS=2 on PostgreSQL, in real processes: a primary and two workers
// sharing one port. Every request below is counted; none is retried.
const SLOW = 240_000;
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-workers-'));
let database: Database;
let w: DiaryWorld;
let server: ServerProcess;
let guardian: { login: string; password: string };
let teacher: { login: string; password: string };

const workerPid = (id: string) => server.log()
  .find((l) => l.msg === 'cluster: worker listening' && String(l.worker) === id)?.pid as number;

async function signIn(account: { login: string; password: string }): Promise<string> {
  const res = await request(server.port, 'POST', '/api/v1/auth/login', { body: account, headers: { [CSRF_HEADER]: '1' } });
  expect(res.status).toBe(200);
  return String(res.headers['set-cookie']![0]!.split(';')[0]);
}

/** Opens streams, each on a connection of its own, until one is served by each of the two workers. */
async function streamOnEachWorker(cookie: string) {
  const url = `/api/v1/schools/${w.schoolId}/students/${w.ivanov.id}/diary/events`;
  const byWorker = new Map<string, Awaited<ReturnType<typeof openEventStream>>>();
  for (let i = 0; i < 40 && byWorker.size < 2; i++) {
    const stream = await openEventStream(server.port, url, cookie);
    expect(stream.status).toBe(200);
    expect(await stream.next()).toBe('retry: 5000');
    if (byWorker.has(stream.worker)) stream.close();
    else byWorker.set(stream.worker, stream);
  }
  expect([...byWorker.keys()].sort()).toEqual(['1', '2']);
  return byWorker;
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await diaryWorld(database.db);
  guardian = await createUser(database.db, { roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
  teacher = await createUser(database.db, { roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  server = await startServerProcess({ DATABASE_URL: database.url!, WORKERS: '2' }, temp);
}, SLOW);
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await database.close();
  rmSync(temp, { recursive: true, force: true });
}, SLOW);

describe('WORKERS=2 on PostgreSQL', () => {
  it('runs two workers behind one port, each answering new connections', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const res = await request(server.port, 'GET', '/api/ready');
      expect(res.status).toBe(200);
      seen.add(String(res.headers['x-klassny-worker']));
    }
    expect([...seen].sort()).toEqual(['1', '2']);
    // The first-start work ran once, in the primary: no worker migrated.
    expect(server.log().filter((l) => l.msg === 'cluster: worker listening')).toHaveLength(2);
  }, SLOW);

  it('delivers a mark saved through one worker to a diary open on the other', async () => {
    const streams = await streamOnEachWorker(await signIn(guardian));
    const lesson = await w.mathsLesson('2025-09-08');
    const cookie = await signIn(teacher);
    const saved = await request(server.port, 'POST', `/api/v1/schools/${w.schoolId}/lessons/${lesson.id}/marks`, {
      body: { studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' }, headers: { cookie, [CSRF_HEADER]: '1' },
    });
    expect(saved.status).toBe(201);
    for (const stream of streams.values()) {
      const block = await stream.next();
      expect(block).toMatch(/^event: change\ndata: /);
      expect(JSON.parse(block!.split('data: ')[1]!)).toMatchObject({ kind: 'mark', lessonId: lesson.id });
      stream.close();
    }
  }, SLOW);

  it('stops one worker under load with zero failed requests: its slow request finishes, its streams are told to reconnect, a new worker takes its place', async () => {
    const streams = await streamOnEachWorker(await signIn(guardian));
    const victim = '1';
    const pid = workerPid(victim);
    expect(pid).toBeGreaterThan(0);

    // A client loop: four on keep-alive connections, as a browser or a proxy keeps them, two opening a
    // connection per request (so that new connections show where the cluster sends them). Every answer counts.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const tally = { ok: 0, failed: [] as string[], byWorker: new Map<string, number>() };
    let running = true;
    const loop = Promise.all(Array.from({ length: 6 }, async (_, client) => {
      while (running) {
        try {
          const res = await request(server.port, 'GET', '/api/ready', { agent: client < 4 ? agent : false });
          if (res.status >= 200 && res.status < 300) tally.ok += 1;
          else tally.failed.push(`HTTP ${res.status}`);
          const worker = String(res.headers['x-klassny-worker']);
          tally.byWorker.set(worker, (tally.byWorker.get(worker) ?? 0) + 1);
        } catch (error) {
          tally.failed.push((error as NodeJS.ErrnoException).code ?? String(error));
        }
      }
    }));

    // A slow request in flight on the victim: the server has its headers (it said 100 Continue), the body comes later.
    const slow = await slowSignInOn(victim);
    process.kill(pid, 'SIGTERM');
    await server.logLine((l) => l.msg === 'cluster: a worker is stopping, starting its replacement' && l.pid === pid);
    const answer = await slow.finish();
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');

    const victimStream = streams.get(victim)!;
    const farewell = await victimStream.next();
    expect(farewell).toMatch(/^retry: \d+\nevent: reconnect\ndata: \{\}$/);
    expect(await victimStream.next()).toBeUndefined();

    // The replacement listens, the victim is gone, and the loop keeps going on both for a while.
    const replacement = await server.logLine((l) => l.msg === 'cluster: worker listening' && Number(l.worker) > 2);
    await until(() => !alive(pid));
    const servedByReplacement = () => tally.byWorker.get(String(replacement.worker)) ?? 0;
    await until(() => servedByReplacement() >= 20);
    running = false;
    await loop;
    agent.destroy();
    streams.get('2')!.close();

    expect(tally.failed).toEqual([]);
    expect(tally.ok).toBeGreaterThan(40);
    expect(tally.byWorker.get(victim)).toBeGreaterThan(0);
  }, SLOW);
});

/** Starts a sign-in on a connection that worker `id` serves, sends its headers, and holds the body back. */
async function slowSignInOn(id: string) {
  for (;;) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const probe = await request(server.port, 'GET', '/api/health', { agent });
    if (String(probe.headers['x-klassny-worker']) !== id) {
      agent.destroy();
      continue;
    }
    const body = JSON.stringify(guardian);
    let answered!: (a: { status: number; headers: http.IncomingHttpHeaders }) => void;
    const answer = new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve) => { answered = resolve; });
    const req = http.request({
      host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/auth/login', agent,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue', [CSRF_HEADER]: '1' },
    }, (res) => {
      res.resume();
      res.on('end', () => answered({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', (error) => answered({ status: 0, headers: { error: String(error) } }));
    const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
    req.flushHeaders();
    await continued;
    return {
      async finish() {
        req.end(body);
        const result = await answer;
        agent.destroy();
        return result;
      },
    };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}
