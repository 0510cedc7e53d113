import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../../../app.ts';
import type { Database } from '../../../db/client.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createTestDatabase } from '../../../../../tests/support/testDatabase.ts';

// Klassny behind an HTTPS reverse proxy: PUBLIC_URL=https://…, TRUST_PROXY=true.
let database: Database;
let app: App;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, publicUrl: 'https://journal.school.example', trustProxy: true });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

it('accepts writes from the public origin, marks the cookie Secure and takes the client address from the proxy', async () => {
  const { school } = await createSchool(database.db);
  const { login, password } = await createUser(database.db, { roles: [{ schoolId: school.id, role: 'teacher' }] });
  const res = await app.inject({
    method: 'POST', url: '/api/v1/auth/login', payload: { login, password },
    headers: {
      'x-klassny-csrf': '1', origin: 'https://journal.school.example', host: 'backend:3000',
      'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7',
    },
  });
  expect(res.statusCode).toBe(200);
  expect(res.cookies.find((c) => c.name === 'klassny_session')).toMatchObject({ secure: true, httpOnly: true });
  const cookie = `klassny_session=${res.cookies[0]!.value}`;
  const sessions = await app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { cookie } });
  expect(sessions.json().items[0].address).toBe('203.0.113.7');
  const foreign = await app.inject({
    method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-klassny-csrf': '1', origin: 'https://evil.example' },
  });
  expect(foreign.statusCode).toBe(403);
});
