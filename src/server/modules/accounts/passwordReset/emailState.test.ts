import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createActivationApp, csrf } from '../../../../../tests/factories/activation.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import type { TestContext } from '../../../../../tests/support/testApp.ts';
import { users } from '../../../db/schema/accounts.ts';

let t: TestContext & { outbox: string };
const clock = new Date('2026-02-10T06:00:00Z');
beforeAll(async () => { t = await createActivationApp(() => clock); });
afterAll(async () => { await t.close(); });
const db = () => t.database.db;

async function signedIn() {
  const { school } = await createSchool(db());
  const account = await createUser(db(), { roles: [{ schoolId: school.id, role: 'teacher' }] });
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: account.login, password: account.password }, headers: csrf });
  return { ...account, cookie: cookieOf(login) };
}
const read = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/v1/me/email', headers: cookie ? { cookie } : {} });

describe('my e-mail address (GET /me/email)', () => {
  it('shows no address, then the unconfirmed one just set, then it confirmed — only to its owner', async () => {
    const person = await signedIn();
    const other = await signedIn();
    expect((await read(person.cookie)).json()).toEqual({ email: null, confirmed: false });
    const set = await t.app.inject({
      method: 'PATCH', url: '/api/v1/me/email', headers: { ...csrf, cookie: person.cookie },
      payload: { email: 'teacher@example.ru', currentPassword: person.password },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await read(person.cookie)).json()).toEqual({ email: 'teacher@example.ru', confirmed: false });
    await db().update(users).set({ emailConfirmedAt: clock }).where(eq(users.id, person.user.id));
    expect((await read(person.cookie)).json()).toEqual({ email: 'teacher@example.ru', confirmed: true });
    expect((await read(other.cookie)).json()).toEqual({ email: null, confirmed: false });
  });

  it('answers 401 without a session', async () => {
    expect((await read()).statusCode).toBe(401);
    expect((await read('klassny_session=forged')).statusCode).toBe(401);
  });
});
