import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp({ pressure: { maxEventLoopDelayMs: 50, sampleIntervalMs: 300 } }); });
afterAll(async () => { await t.close(); });

/** Blocks the event loop as a drowning server's would be: a synchronous second of work. */
function blockEventLoop(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* busy */ }
}

const api = () => t.app.inject({ method: 'GET', url: '/api/v1/me' });

async function calm() {
  for (let i = 0; i < 300 && t.app.isUnderPressure(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(t.app.isUnderPressure()).toBe(false);
}

it('answers 503 with Retry-After while the event loop is drowning, keeps /api/health and /api/ready, and recovers', async () => {
  // Building the app may itself have held the loop: start from a calm one.
  await calm();
  expect((await api()).statusCode).toBe(401);
  blockEventLoop(1_000);
  for (let i = 0; i < 100 && !t.app.isUnderPressure(); i++) await new Promise((r) => setTimeout(r, 5));
  const [busy, ready, health] = await Promise.all([api(), t.app.inject({ method: 'GET', url: '/api/ready' }), t.app.inject({ method: 'GET', url: '/api/health' })]);
  expect(busy.statusCode).toBe(503);
  expect(busy.headers['retry-after']).toBe('5');
  expect(busy.json()).toEqual({ error: { code: 'server.busy', message: 'Сервер перегружен, повторите запрос через несколько секунд' } });
  expect([ready.statusCode, health.statusCode]).toEqual([200, 200]);
  await calm();
  expect((await api()).statusCode).toBe(401);
});
