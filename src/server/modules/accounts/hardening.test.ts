import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { TEST_ACTOR_HEADER } from '../../plugins/actor.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

// Facts that docs/security.md cites for OWASP ASVS 4.0.3 (V2.1.2–2.1.4, 2.1.9, 2.4.1–2.4.2, V3.2.1–3.2.2, V4.1.2).
let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const csrf = { 'x-klassny-csrf': '1' };
const tokenOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'klassny_session')?.value ?? '';
const login = (login: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, headers: csrf });

describe('passwords and session tokens', () => {
  it('accepts a long lower-case passphrase of any characters, compares every character of it, and refuses one over 200', async () => {
    const { school } = await createSchool(t.database.db);
    const account = await createUser(t.database.db, { roles: [{ schoolId: school.id, role: 'guardian' }] });
    const cookie = `klassny_session=${tokenOf(await login(account.login, account.password))}`;
    const passphrase = 'синий трактор едет по полю 🚜 и везёт нам сено до самого позднего вечера';
    expect(passphrase.length).toBeGreaterThanOrEqual(64);
    const change = (newPassword: string) => t.app.inject({
      method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: account.password, newPassword }, headers: { ...csrf, cookie },
    });
    const tooLong = await change('x'.repeat(201));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields).toHaveProperty('newPassword');
    expect((await change(passphrase)).statusCode).toBe(200);
    expect((await login(account.login, `${passphrase.slice(0, -1)}у`)).statusCode).toBe(401);
    expect((await login(account.login, passphrase)).statusCode).toBe(200);
  });

  it('stores each password as argon2id with OWASP parameters and a 16-byte salt of its own', async () => {
    const [a, b] = await Promise.all([hashPassword('один и тот же пароль'), hashPassword('один и тот же пароль')]);
    for (const hash of [a, b]) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'один и тот же пароль')).toBe(true);
  });

  it('gives every sign-in a fresh random token of 32 bytes', async () => {
    const account = await createUser(t.database.db);
    const first = tokenOf(await login(account.login, account.password));
    const second = tokenOf(await login(account.login, account.password));
    for (const token of [first, second]) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
  });
});

describe('the actor outside tests', () => {
  it('comes only from the session cookie: the test-actor header means nothing to the production app', async () => {
    const { school } = await createSchool(t.database.db);
    const app = await buildApp({ database: t.database });
    try {
      const res = await app.inject({
        method: 'GET', url: `/api/v1/schools/${school.id}/accounts`,
        headers: { [TEST_ACTOR_HEADER]: JSON.stringify(schoolActor(school.id, 'admin')) },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
