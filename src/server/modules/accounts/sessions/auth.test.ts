import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { securityEvents, sessions, users } from '../../../db/schema/accounts.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createTestApp, type TestContext } from '../../../../../tests/support/testApp.ts';

let t: TestContext;
let clock = new Date('2026-11-27T08:00:00Z');
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
beforeAll(async () => { t = await createTestApp({ now: () => clock }); });
afterAll(async () => { await t.close(); });

const csrf = { 'x-klassny-csrf': '1' };
const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'klassny_session');
  return c ? `klassny_session=${c.value}` : '';
};
const login = (body: unknown, headers: Record<string, string> = csrf) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body as object, headers });
const withCookie = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie, ...csrf } });

async function teacherAccount() {
  const { school } = await createSchool(t.database.db);
  const account = await createUser(t.database.db, { roles: [{ schoolId: school.id, role: 'teacher' }] });
  return { school, ...account };
}

describe('signing in and out', () => {
  it('signs in with login and password, sets an HttpOnly SameSite=Lax cookie, and /me tells roles and permissions', async () => {
    const { school, login: name, password } = await teacherAccount();
    const res = await login({ login: name.toUpperCase(), password });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'klassny_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await withCookie(cookieOf(res), 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toEqual([expect.objectContaining({ schoolId: school.id, role: 'teacher', schoolName: school.shortName })]);
    expect(me.json().permissions[school.id]).toContain('structure.read');
    expect(me.json().permissions[school.id]).not.toContain('structure.write');
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, me.json().user.id));
    expect(row!.tokenHash).not.toContain(cookie.value);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an unknown login exactly like a wrong password, and logs both failures', async () => {
    const { login: name } = await teacherAccount();
    const wrong = await login({ login: name, password: 'not-the-password' });
    const unknown = await login({ login: 'nobody-here', password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const failures = await t.database.db.select().from(securityEvents).where(eq(securityEvents.kind, 'login.failed'));
    expect(failures.map((e) => e.login)).toEqual(expect.arrayContaining([name, 'nobody-here']));
  });

  it('locks a login at one address after five failures, for known and unknown logins alike, and lets it in once the lock passes', async () => {
    const { login: name, password } = await teacherAccount();
    for (const who of [name, 'ghost-login']) {
      for (let i = 0; i < 4; i++) expect((await login({ login: who, password: 'wrong-password' })).statusCode).toBe(401);
      const fifth = await login({ login: who, password: 'wrong-password' });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json().error.code).toBe('auth.locked');
    }
    expect((await login({ login: name, password })).statusCode).toBe(429);
    advance(61);
    expect((await login({ login: name, password })).statusCode).toBe(200);
  });

  it('logs out: the cookie stops working and the session is kept as ended', async () => {
    const { login: name, password } = await teacherAccount();
    const cookie = cookieOf(await login({ login: name, password }));
    expect((await withCookie(cookie, 'POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await withCookie(cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses a locked account even with the right password, with its own message', async () => {
    const { user, login: name, password } = await teacherAccount();
    await t.database.db.update(users).set({ lockedAt: clock }).where(eq(users.id, user.id));
    const res = await login({ login: name, password });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.account_locked');
  });

  it('refuses malformed bodies, oversized fields and a tampered cookie', async () => {
    expect((await login({ login: '' , password: 'x' })).statusCode).toBe(400);
    expect((await login({ login: 'a'.repeat(101), password: 'x' })).statusCode).toBe(400);
    const broken = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: '{"login":', headers: { ...csrf, 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('request.invalid');
    expect((await login('plain text' as unknown as object)).statusCode).toBe(415);
    const { login: name, password } = await teacherAccount();
    const cookie = cookieOf(await login({ login: name, password }));
    expect((await withCookie(`${cookie.slice(0, -2)}xx`, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await withCookie('klassny_session=short', 'GET', '/api/v1/me')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('ends a staff session after two idle hours and a family session only after a week', async () => {
    const { school, login: name, password } = await teacherAccount();
    const parent = await createUser(t.database.db, { roles: [{ schoolId: school.id, role: 'guardian' }] });
    const staffCookie = cookieOf(await login({ login: name, password }));
    const familyCookie = cookieOf(await login({ login: parent.login, password: parent.password }));
    advance(2 * 60 * 60 + 1);
    expect((await withCookie(staffCookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await withCookie(familyCookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
    advance(7 * 24 * 60 * 60 + 1);
    expect((await withCookie(familyCookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('ends a staff session after twelve hours however active it is', async () => {
    const { login: name, password } = await teacherAccount();
    const cookie = cookieOf(await login({ login: name, password }));
    for (let hour = 0; hour < 11; hour++) {
      advance(60 * 60);
      expect((await withCookie(cookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
    }
    advance(60 * 60 + 1);
    expect((await withCookie(cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('lists the person\'s sessions with device and address, and ends another one', async () => {
    const { login: name, password } = await teacherAccount();
    const phone = cookieOf(await t.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { login: name, password },
      headers: { ...csrf, 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36' },
    }));
    const desk = cookieOf(await login({ login: name, password }));
    const list = await withCookie(desk, 'GET', '/api/v1/me/sessions');
    expect(list.json().items).toHaveLength(2);
    const other = list.json().items.find((s: { current: boolean }) => !s.current);
    expect(other.device).toBe('Chrome, Android');
    expect((await withCookie(desk, 'DELETE', `/api/v1/me/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await withCookie(phone, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await withCookie(desk, 'DELETE', `/api/v1/me/sessions/${other.id}`)).statusCode).toBe(404);
  });

  it('changes the password, ending every other session but this one', async () => {
    const { login: name, password } = await teacherAccount();
    const first = cookieOf(await login({ login: name, password }));
    const second = cookieOf(await login({ login: name, password }));
    const wrong = await withCookie(second, 'POST', '/api/v1/me/password', { currentPassword: 'nope-nope', newPassword: 'Novyi-parol-2026' });
    expect(wrong.statusCode).toBe(400);
    expect((await withCookie(first, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const short = await withCookie(second, 'POST', '/api/v1/me/password', { currentPassword: password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.newPassword).toBeDefined();
    expect((await withCookie(second, 'POST', '/api/v1/me/password', { currentPassword: password, newPassword: 'Novyi-parol-2026' })).statusCode).toBe(200);
    expect((await withCookie(first, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await withCookie(second, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await login({ login: name, password: 'Novyi-parol-2026' })).statusCode).toBe(200);
  });
});

describe('cross-site request forgery and headers', () => {
  it('refuses a cookie-borne write without the CSRF header or from another origin', async () => {
    const { login: name, password } = await teacherAccount();
    expect((await login({ login: name, password }, {})).statusCode).toBe(403);
    const cookie = cookieOf(await login({ login: name, password }));
    const noHeader = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('auth.csrf');
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, ...csrf, origin: 'https://evil.example' } });
    expect(foreign.json().error.code).toBe('auth.bad_origin');
    expect((await withCookie(cookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('sends a strict content security policy and the usual security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });
});

describe('forgetting old failures', () => {
  it('forgets a login\'s failures after an hour without any, so old typos never add up to a lock', async () => {
    const { login: name, password } = await teacherAccount();
    for (let i = 0; i < 4; i++) expect((await login({ login: name, password: 'wrong-password' })).statusCode).toBe(401);
    advance(61 * 60);
    for (let i = 0; i < 4; i++) expect((await login({ login: name, password: 'wrong-password' })).statusCode).toBe(401);
    expect((await login({ login: name, password })).statusCode).toBe(200);
  });
});
