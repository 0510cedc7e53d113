import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/accounts.ts';
import {
  accountCounts, cookieOf, createActivationApp, csrf, eventsOf, outboxMessages, PUBLIC_URL,
} from '../../../../../tests/factories/activation.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import type { TestContext } from '../../../../../tests/support/testApp.ts';
import { createAdmin } from '../service.ts';

let t: TestContext & { outbox: string };
let clock = new Date('2026-02-10T06:00:00Z');
const advanceMinutes = (minutes: number) => { clock = new Date(clock.getTime() + minutes * 60 * 1000); };
beforeAll(async () => { t = await createActivationApp(() => clock); });
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers: { ...csrf, ...(cookie ? { cookie } : {}) } });
const patch = (url: string, payload: object, cookie: string) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1${url}`, payload, headers: { ...csrf, cookie } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const mails = () => outboxMessages(t.outbox);
const tokenIn = (text: string) => /reset\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
const confirmTokenIn = (text: string) => /email\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

let emails = 0;
async function person(options: { email?: 'confirmed' | 'unconfirmed' } = {}) {
  const { school } = await createSchool(db());
  const account = await createUser(db(), { roles: [{ schoolId: school.id, role: 'guardian' }] });
  const email = `parent${++emails}@example.ru`;
  if (options.email) {
    await db().update(users).set({ email, emailConfirmedAt: options.email === 'confirmed' ? clock : null }).where(eq(users.id, account.user.id));
  }
  const cookie = cookieOf(await post('/auth/login', { login: account.login, password: account.password }));
  return { ...account, email, cookie };
}

describe('forgotten password with a confirmed e-mail', () => {
  it('answers 202 the same way for every login and mails a link only to a confirmed address', async () => {
    const confirmed = await person({ email: 'confirmed' });
    const unconfirmed = await person({ email: 'unconfirmed' });
    const none = await person();
    const sentBefore = mails().length;
    const answers = [];
    for (const login of [confirmed.login, unconfirmed.login, none.login, 'no-such-login']) {
      const res = await post('/auth/password-reset', { login });
      expect(res.statusCode).toBe(202);
      answers.push(res.body);
    }
    expect(new Set(answers).size).toBe(1);
    const sent = mails().slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: confirmed.email, subject: 'Смена пароля в электронном журнале' });
    expect(sent[0]!.text).toContain(`${PUBLIC_URL}/reset?token=`);
    expect((await eventsOf(db(), 'password.reset_requested')).filter((e) => e.details.sent)).toHaveLength(1);
  });

  it('sets the new password once, ending every session; the link then stops working', async () => {
    const p = await person({ email: 'confirmed' });
    await post('/auth/password-reset', { login: p.login });
    const token = tokenIn(mails().at(-1)!.text)!;
    const done = await post('/auth/password-reset/confirm', { token, password: 'Zabytyi-parol-novyi' });
    expect(done.statusCode).toBe(200);
    expect((await me(p.cookie)).statusCode).toBe(401);
    expect((await post('/auth/login', { login: p.login, password: p.password })).statusCode).toBe(401);
    expect((await post('/auth/login', { login: p.login, password: 'Zabytyi-parol-novyi' })).statusCode).toBe(200);
    const again = await post('/auth/password-reset/confirm', { token, password: 'Eshche-odin-parol' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'password_reset.invalid_token', fields: { token: expect.any(String) } });
    expect((await post('/auth/login', { login: p.login, password: 'Zabytyi-parol-novyi' })).statusCode).toBe(200);
  });

  it('lets a link expire after an hour, and a newer link replaces an older one', async () => {
    const p = await person({ email: 'confirmed' });
    await post('/auth/password-reset', { login: p.login });
    const first = tokenIn(mails().at(-1)!.text)!;
    advanceMinutes(2);
    await post('/auth/password-reset', { login: p.login });
    const second = tokenIn(mails().at(-1)!.text)!;
    expect(second).not.toBe(first);
    expect((await post('/auth/password-reset/confirm', { token: first, password: 'Zabytyi-parol-novyi' })).statusCode).toBe(400);
    advanceMinutes(61);
    const late = await post('/auth/password-reset/confirm', { token: second, password: 'Zabytyi-parol-novyi' });
    expect(late.statusCode).toBe(400);
    expect((await post('/auth/login', { login: p.login, password: p.password })).statusCode).toBe(200);
  });

  it('sends at most one link a minute to the same person', async () => {
    const p = await person({ email: 'confirmed' });
    const before = mails().length;
    expect((await post('/auth/password-reset', { login: p.login })).statusCode).toBe(202);
    expect((await post('/auth/password-reset', { login: p.login })).statusCode).toBe(202);
    expect(mails().length - before).toBe(1);
  });

  it('sends no link to a locked account: only a new activation code reopens it', async () => {
    const p = await person({ email: 'confirmed' });
    await db().update(users).set({ lockedAt: clock }).where(eq(users.id, p.user.id));
    const before = mails().length;
    expect((await post('/auth/password-reset', { login: p.login })).statusCode).toBe(202);
    expect(mails().length).toBe(before);
  });

  it('refuses a common or short new password and a bad token with field messages, and the link still works', async () => {
    const p = await person({ email: 'confirmed' });
    advanceMinutes(2);
    await post('/auth/password-reset', { login: p.login });
    const token = tokenIn(mails().at(-1)!.text)!;
    const before = await accountCounts(db());
    const cases: [object, string, string][] = [
      [{ token, password: 'password1' }, 'password', 'auth.common_password'],
      [{ token, password: 'qwerty123' }, 'password', 'auth.common_password'],
      [{ token, password: 'short' }, 'password', 'validation.failed'],
      [{ token }, 'password', 'validation.failed'],
      [{ password: 'Zabytyi-parol-novyi' }, 'token', 'validation.failed'],
      [{ token: 'forged-token', password: 'Zabytyi-parol-novyi' }, 'token', 'password_reset.invalid_token'],
    ];
    for (const [body, field, code] of cases) {
      const res = await post('/auth/password-reset/confirm', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    expect((await post('/auth/password-reset', {})).statusCode).toBe(400);
    expect(await accountCounts(db())).toEqual(before);
    expect((await post('/auth/password-reset/confirm', { token, password: 'Zabytyi-parol-novyi' })).statusCode).toBe(200);
  });
});

describe('the e-mail address for reset links', () => {
  it('stores a new address unconfirmed, confirms it by the mailed link, and then reset links go there', async () => {
    const p = await person();
    const wrong = await patch('/me/email', { email: 'mama@example.ru', currentPassword: 'not-my-password' }, p.cookie);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty(['currentPassword']);
    const res = await patch('/me/email', { email: 'mama@example.ru', currentPassword: p.password }, p.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ email: 'mama@example.ru', confirmed: false });
    const letter = mails().at(-1)!;
    expect(letter.to).toBe('mama@example.ru');
    const token = confirmTokenIn(letter.text)!;
    const before = mails().length;
    await post('/auth/password-reset', { login: p.login });
    expect(mails().length).toBe(before);
    const confirmed = await t.app.inject({ method: 'GET', url: `/api/v1/auth/email/confirm?token=${token}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ email: 'mama@example.ru', confirmed: true });
    expect((await post('/auth/email/confirm', { token })).statusCode).toBe(400);
    await post('/auth/password-reset', { login: p.login });
    expect(mails().at(-1)!.to).toBe('mama@example.ru');
    expect(mails().at(-1)!.text).toContain('/reset?token=');
  });

  it('does not confirm an address the person has since replaced', async () => {
    const p = await person();
    await patch('/me/email', { email: 'old@example.ru', currentPassword: p.password }, p.cookie);
    const oldToken = confirmTokenIn(mails().at(-1)!.text)!;
    await patch('/me/email', { email: 'new@example.ru', currentPassword: p.password }, p.cookie);
    const newToken = confirmTokenIn(mails().at(-1)!.text)!;
    expect((await post('/auth/email/confirm', { token: oldToken })).statusCode).toBe(400);
    expect((await post('/auth/email/confirm', { token: newToken })).json()).toEqual({ email: 'new@example.ru', confirmed: true });
    const [row] = await db().select().from(users).where(eq(users.id, p.user.id));
    expect(row).toMatchObject({ email: 'new@example.ru', emailConfirmedAt: clock });
  });

  it('refuses a malformed address and an anonymous caller', async () => {
    const p = await person();
    const bad = await patch('/me/email', { email: 'not-an-address', currentPassword: p.password }, p.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['email']);
    const anonymous = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/email', payload: { email: 'x@example.ru', currentPassword: 'x' }, headers: csrf });
    expect(anonymous.statusCode).toBe(401);
    const [row] = await db().select().from(users).where(eq(users.id, p.user.id));
    expect(row!.email).toBeNull();
  });
});

describe('common passwords everywhere a password is set', () => {
  it('refuses them on a password change and for a new administrator', async () => {
    const p = await person();
    const change = await post('/me/password', { currentPassword: p.password, newPassword: 'qwerty123' }, p.cookie);
    expect(change.statusCode).toBe(400);
    expect(change.json().error).toMatchObject({ code: 'auth.common_password', fields: { newPassword: expect.any(String) } });
    const { school } = await createSchool(db());
    await expect(createAdmin(db(), { login: 'director.new', password: 'password1', displayName: 'Директор', schoolId: school.id }))
      .rejects.toMatchObject({ code: 'auth.common_password', fields: { password: expect.any(String) } });
    await expect(createAdmin(db(), { login: 'director.new', password: 'Vesennii-les-2026', displayName: 'Директор', schoolId: school.id }))
      .resolves.toMatchObject({ login: 'director.new' });
  });
});
