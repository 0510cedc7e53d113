import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, createTestApp, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

it('reports liveness without a session', async () => {
  const res = await as(t.app, null).get('/api/health');
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: 'ok' });
});

it('reports ready when the database answers and every migration is applied', async () => {
  const res = await as(t.app, null).get('/api/ready');
  expect(res.statusCode).toBe(200);
  expect(res.json().status).toBe('ready');
  expect(res.json().migrations.applied).toBe(res.json().migrations.expected);
});

it('serves the OpenAPI document with the API routes', async () => {
  const res = await as(t.app, null).get('/api/docs/json');
  expect(res.statusCode).toBe(200);
  expect(Object.keys(res.json().paths)).toContain('/api/v1/schools');
});

it('answers an unknown route with a JSON 404', async () => {
  const res = await as(t.app, null).get('/api/v1/nowhere');
  expect(res.statusCode).toBeGreaterThanOrEqual(401);
  expect(res.json().error.code).toBeDefined();
});
