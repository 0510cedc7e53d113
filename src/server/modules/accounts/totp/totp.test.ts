import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../../app.ts';
import type { Database } from '../../../db/client.ts';
import { loginChallenges, securityEvents, sessions, userRecoveryCodes, userTotp } from '../../../db/schema/index.ts';
import { unseal } from '../../../secretKey.ts';
import { DEVICE_COOKIE } from '../sessions/deviceCookie.ts';
import { RULES } from '../sessions/throttle.ts';
import type { Role } from '../../../../shared/contract/enums.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { browser, buildTotpApp, sessionCookie, TEST_SECRET_KEY, totpCode } from '../../../../../tests/factories/totp.ts';
import { as, platformAdmin, schoolActor } from '../../../../../tests/support/testApp.ts';
import { createTestDatabase } from '../../../../../tests/support/testDatabase.ts';

let database: Database;
let app: App;
let web: ReturnType<typeof browser>;
let clock = new Date('2026-11-27T08:00:00Z');
const advance = (seconds: number) => { clock = new Date(clock.getTime() + seconds * 1000); };
beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildTotpApp(database, () => clock);
  web = browser(app);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const db = () => database.db;
const code = (secret: string, offsetSeconds = 0) => totpCode(secret, new Date(clock.getTime() + offsetSeconds * 1000));
const rowsOf = <T>(rows: T[]) => rows.length;
/** Six digits that are not the code of this step or of either neighbour. */
function wrongCode(secret: string) {
  const valid = new Set([code(secret, -30), code(secret), code(secret, 30)]);
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

async function signedIn(role: Role = 'teacher', schoolId?: string) {
  const school = schoolId ? { id: schoolId } : (await createSchool(db())).school;
  const account = await createUser(db(), { roles: [{ schoolId: school.id, role }] });
  const res = await web.login({ login: account.login, password: account.password });
  expect(res.statusCode).toBe(200);
  return { school, ...account, cookie: sessionCookie(res) };
}

/** A signed-in person who has enrolled and confirmed TOTP; the clock moves past the confirming step. */
async function enrolled(role: Role = 'teacher', schoolId?: string) {
  const account = await signedIn(role, schoolId);
  const started = await web.send(account.cookie, 'POST', '/api/v1/me/totp');
  expect(started.statusCode).toBe(201);
  const { secret } = started.json();
  const confirmed = await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(secret) });
  expect(confirmed.statusCode).toBe(200);
  advance(30);
  return { ...account, secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

async function challengeFor(account: { login: string; password: string }) {
  const res = await web.login({ login: account.login, password: account.password });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ mfaRequired: true, challenge: expect.any(String) });
  expect(sessionCookie(res)).toBe('');
  return res.json().challenge as string;
}

const sessionCount = async (userId: string) => rowsOf(await db().select().from(sessions).where(eq(sessions.userId, userId)));

describe('enrolling and signing in with a code', () => {
  it('enrols a teacher, confirms with a code, and then asks for a code at sign-in before opening a session', async () => {
    const account = await signedIn('teacher');
    const started = await web.send(account.cookie, 'POST', '/api/v1/me/totp');
    expect(started.statusCode).toBe(201);
    const { secret, uri } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Klassny:${account.login}\\?`));
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect(Object.fromEntries(new URL(uri).searchParams)).toMatchObject({ issuer: 'Klassny', algorithm: 'SHA1', digits: '6', period: '30' });
    expect((await web.send(account.cookie, 'GET', '/api/v1/me/totp')).json()).toMatchObject({ enabled: false, pending: true });
    // Unconfirmed, the factor is not asked for yet.
    expect((await web.login({ login: account.login, password: account.password })).json()).not.toHaveProperty('mfaRequired');

    const confirmed = await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(secret) });
    expect(confirmed.statusCode).toBe(200);
    const recoveryCodes: string[] = confirmed.json().recoveryCodes;
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await web.send(account.cookie, 'GET', '/api/v1/me')).json()).toMatchObject({ totpEnabled: true, totpSetupRequired: false });
    advance(30);

    const before = await sessionCount(account.user.id);
    const challenge = await challengeFor(account);
    expect(await sessionCount(account.user.id)).toBe(before);
    const res = await web.loginTotp({ challenge, code: code(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.login).toBe(account.login);
    const cookie = sessionCookie(res);
    expect((await web.send(cookie, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const kinds = (await db().select().from(securityEvents).where(eq(securityEvents.userId, account.user.id))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['totp.enabled', 'login.mfa_required', 'login.succeeded']));
  });

  it('accepts the code of the previous or next step, not one further off', async () => {
    const account = await enrolled();
    advance(60);
    expect((await web.loginTotp({ challenge: await challengeFor(account), code: code(account.secret, -30) })).statusCode).toBe(200);
    advance(60);
    expect((await web.loginTotp({ challenge: await challengeFor(account), code: code(account.secret, 30) })).statusCode).toBe(200);
    advance(60);
    const far = await web.loginTotp({ challenge: await challengeFor(account), code: code(account.secret, -90) });
    expect(far.statusCode).toBe(401);
    expect(far.json().error.code).toBe('auth.invalid_code');
  });

  it('refuses a wrong code and a code already used, opening no session', async () => {
    const account = await enrolled();
    const before = await sessionCount(account.user.id);
    const challenge = await challengeFor(account);
    const wrong = await web.loginTotp({ challenge, code: wrongCode(account.secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'auth.invalid_code', fields: { code: expect.any(String) } });
    expect(await sessionCount(account.user.id)).toBe(before);

    const used = code(account.secret);
    expect((await web.loginTotp({ challenge, code: used })).statusCode).toBe(200);
    const reused = await web.loginTotp({ challenge: await challengeFor(account), code: used });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('auth.code_reused');
    expect(await sessionCount(account.user.id)).toBe(before + 1);
  });

  it('counts wrong codes towards the login\'s throttle; a right password does not forgive them', async () => {
    const account = await enrolled();
    for (let i = 0; i < 4; i++) {
      expect((await web.loginTotp({ challenge: await challengeFor(account), code: wrongCode(account.secret) })).statusCode).toBe(401);
    }
    const fifth = await web.loginTotp({ challenge: await challengeFor(account), code: wrongCode(account.secret) });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('auth.locked');
    expect((await web.login({ login: account.login, password: account.password })).statusCode).toBe(429);
    advance(61);
    const challenge = await challengeFor(account);
    expect((await web.loginTotp({ challenge, code: code(account.secret) })).statusCode).toBe(200);
  });

  it('lets a known browser through both steps while guesses from many addresses lock new browsers out, and counts its wrong codes on its own allowance', async () => {
    const account = await enrolled();
    const opened = await web.loginTotp({ challenge: await challengeFor(account), code: code(account.secret) });
    expect(opened.statusCode).toBe(200);
    const device = opened.cookies.find((c) => c.name === DEVICE_COOKIE)!.value;
    const post = (url: string, payload: object, remoteAddress: string, cookie?: string) => app.inject({
      method: 'POST', url, payload, remoteAddress, headers: { 'x-klassny-csrf': '1', ...(cookie ? { cookie: `${DEVICE_COOKIE}=${cookie}` } : {}) },
    });
    for (let i = 0; i <= RULES.untrusted.freeFailures; i++) await post('/api/v1/auth/login', { login: account.login, password: `wrong-${i}` }, `198.51.100.${i + 1}`);
    expect((await web.login({ login: account.login, password: account.password })).statusCode).toBe(429);
    const knownStep = async () => {
      const res = await post('/api/v1/auth/login', { login: account.login, password: account.password }, '10.9.0.1', device);
      expect(res.statusCode).toBe(200);
      return res.json().challenge as string;
    };
    advance(30);
    expect((await post('/api/v1/auth/login/totp', { challenge: await knownStep(), code: code(account.secret) }, '10.9.0.1', device)).statusCode).toBe(200);
    for (let i = 0; i < RULES.device.freeFailures; i++) {
      expect((await post('/api/v1/auth/login/totp', { challenge: await knownStep(), code: wrongCode(account.secret) }, '10.9.0.1', device)).statusCode).toBe(401);
    }
    const fifth = await post('/api/v1/auth/login/totp', { challenge: await knownStep(), code: wrongCode(account.secret) }, '10.9.0.1', device);
    expect(fifth.statusCode).toBe(429);
    expect((await post('/api/v1/auth/login', { login: account.login, password: account.password }, '10.9.0.1', device)).statusCode).toBe(429);
  });

  it('signs in once with each recovery code, typed in any case and spacing', async () => {
    const account = await enrolled();
    const recovery = account.recoveryCodes[0]!;
    const typed = recovery.toUpperCase().replace(/-/g, ' ');
    expect((await web.loginTotp({ challenge: await challengeFor(account), code: typed })).statusCode).toBe(200);
    const again = await web.loginTotp({ challenge: await challengeFor(account), code: recovery });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth.invalid_code');
    const status = await web.send(account.cookie, 'GET', '/api/v1/me/totp');
    expect(status.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
  });

  it('lets a challenge expire after five minutes and serve one sign-in only', async () => {
    const account = await enrolled();
    const stale = await challengeFor(account);
    advance(5 * 60 + 1);
    const late = await web.loginTotp({ challenge: stale, code: code(account.secret) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('auth.challenge_invalid');

    const challenge = await challengeFor(account);
    const [row] = await db().select().from(loginChallenges).where(and(eq(loginChallenges.userId, account.user.id)));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.tokenHash).not.toBe(challenge);
    expect((await web.loginTotp({ challenge, code: code(account.secret) })).statusCode).toBe(200);
    advance(30);
    const replay = await web.loginTotp({ challenge, code: code(account.secret) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.challenge_invalid');
    const tampered = await web.loginTotp({ challenge: `${challenge.slice(0, -2)}xx`, code: code(account.secret) });
    expect(tampered.json().error.code).toBe('auth.challenge_invalid');
    expect((await web.loginTotp({ challenge: 'short', code: '123456' })).statusCode).toBe(400);
    expect((await web.loginTotp({ challenge })).statusCode).toBe(400);
  });
});

describe('enrolment rules', () => {
  it('lets only staff enrol: a student and a guardian get 403 and no row', async () => {
    for (const role of ['student', 'guardian'] as const) {
      const account = await signedIn(role);
      const res = await web.send(account.cookie, 'POST', '/api/v1/me/totp');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('totp.staff_only');
      expect(await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id))).toEqual([]);
    }
    const operator = await createUser(db(), { platformAdmin: true });
    const cookie = sessionCookie(await web.login({ login: operator.login, password: operator.password }));
    expect((await web.send(cookie, 'POST', '/api/v1/me/totp')).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/totp' })).statusCode).toBe(401);
  });

  it('confirms only a started enrolment with a right code, and never re-enrols over a confirmed one', async () => {
    const account = await signedIn('director');
    const early = await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: '123456' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('totp.not_started');
    const first = (await web.send(account.cookie, 'POST', '/api/v1/me/totp')).json().secret;
    const second = (await web.send(account.cookie, 'POST', '/api/v1/me/totp')).json().secret;
    expect(second).not.toBe(first);
    const stale = await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(first) });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({ code: 'totp.invalid_code', fields: { code: expect.any(String) } });
    expect((await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', {})).statusCode).toBe(400);
    expect((await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: 123456 })).statusCode).toBe(400);
    const [pending] = await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id));
    expect(pending!.confirmedAt).toBeNull();
    expect((await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(second) })).statusCode).toBe(200);
    const again = await web.send(account.cookie, 'POST', '/api/v1/me/totp');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('totp.already_enabled');
    expect((await web.send(account.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(second) })).statusCode).toBe(409);
  });

  it('keeps secrets and recovery codes out of plain text', async () => {
    const account = await enrolled();
    const [row] = await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id));
    expect(row!.secret).not.toContain(account.secret);
    expect(row!.secret).toMatch(/^v1\./);
    expect(unseal(TEST_SECRET_KEY, 'totp-secret', row!.secret, account.user.id)).toBe(account.secret);
    // Sealed for one person: the same value does not open as another's, nor with another key.
    expect(unseal(TEST_SECRET_KEY, 'totp-secret', row!.secret, schoolActor(account.school.id, 'teacher').userId)).toBeNull();
    expect(unseal(`${TEST_SECRET_KEY}x`, 'totp-secret', row!.secret, account.user.id)).toBeNull();
    const codes = await db().select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, account.user.id));
    expect(codes).toHaveLength(10);
    const stored = JSON.stringify(codes);
    for (const c of account.recoveryCodes) expect(stored).not.toContain(c.replace(/-/g, ''));
  });

  it('refuses to turn TOTP on with 409 when the server has no secret key (PostgreSQL without SECRET_KEY)', async () => {
    const keyless = await buildTotpApp(database, () => clock, null);
    try {
      const account = await signedIn('teacher');
      const res = await browser(keyless).send(account.cookie, 'POST', '/api/v1/me/totp');
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'totp.unavailable', message: expect.stringContaining('SECRET_KEY') });
      expect(await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id))).toEqual([]);
    } finally {
      await keyless.close();
    }
  });
});

describe('turning TOTP off', () => {
  it('takes the password and a code, then signs in with the password alone', async () => {
    const account = await enrolled();
    const wrongPassword = await web.send(account.cookie, 'DELETE', '/api/v1/me/totp', { password: 'not-my-password', code: code(account.secret) });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.fields).toHaveProperty('password');
    const badCode = await web.send(account.cookie, 'DELETE', '/api/v1/me/totp', { password: account.password, code: wrongCode(account.secret) });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.code).toBe('totp.invalid_code');
    expect((await web.send(account.cookie, 'DELETE', '/api/v1/me/totp', { password: account.password })).statusCode).toBe(400);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id))).toHaveLength(1);

    const off = await web.send(account.cookie, 'DELETE', '/api/v1/me/totp', { password: account.password, code: code(account.secret) });
    expect(off.statusCode).toBe(200);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, account.user.id))).toEqual([]);
    expect(await db().select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, account.user.id))).toEqual([]);
    expect(sessionCookie(await web.login({ login: account.login, password: account.password }))).not.toBe('');
    const again = await web.send(account.cookie, 'DELETE', '/api/v1/me/totp', { password: account.password, code: code(account.secret) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('totp.not_enabled');
    const events = await db().select().from(securityEvents).where(and(eq(securityEvents.userId, account.user.id), eq(securityEvents.kind, 'totp.disabled')));
    expect(events).toHaveLength(1);
  });
});

describe('a school that requires TOTP of its administrators', () => {
  async function requiringSchool() {
    const { school } = await createSchool(db());
    const res = await as(app, platformAdmin()).patch(`/api/v1/schools/${school.id}`, { requireAdminTotp: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().requireAdminTotp).toBe(true);
    return school;
  }

  it('lets its administrator without TOTP sign in and read, but refuses every write until enrolled', async () => {
    const school = await requiringSchool();
    const admin = await signedIn('admin', school.id);
    expect((await web.send(admin.cookie, 'GET', '/api/v1/me')).json()).toMatchObject({ totpEnabled: false, totpSetupRequired: true });
    expect((await web.send(admin.cookie, 'GET', `/api/v1/schools/${school.id}`)).statusCode).toBe(200);
    const write = await web.send(admin.cookie, 'PATCH', `/api/v1/schools/${school.id}`, { address: 'Новый адрес' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('auth.totp_setup_required');
    const password = await web.send(admin.cookie, 'POST', '/api/v1/me/password', { currentPassword: admin.password, newPassword: 'Druguoj-parol-42' });
    expect(password.json().error.code).toBe('auth.totp_setup_required');
    expect((await as(app, platformAdmin()).get(`/api/v1/schools/${school.id}`)).json().address).not.toBe('Новый адрес');

    // A teacher of the same school is not held back.
    const teacher = await signedIn('teacher', school.id);
    expect((await web.send(teacher.cookie, 'GET', '/api/v1/me')).json().totpSetupRequired).toBe(false);

    const secret = (await web.send(admin.cookie, 'POST', '/api/v1/me/totp')).json().secret;
    expect((await web.send(admin.cookie, 'POST', '/api/v1/me/totp/confirm', { code: code(secret) })).statusCode).toBe(200);
    expect((await web.send(admin.cookie, 'GET', '/api/v1/me')).json()).toMatchObject({ totpEnabled: true, totpSetupRequired: false });
    const now = await web.send(admin.cookie, 'PATCH', `/api/v1/schools/${school.id}`, { address: 'Новый адрес' });
    expect(now.statusCode).toBe(200);
    expect(now.json().address).toBe('Новый адрес');
  });

  it('lets the held-back administrator log out', async () => {
    const school = await requiringSchool();
    const admin = await signedIn('admin', school.id);
    expect((await web.send(admin.cookie, 'POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await web.send(admin.cookie, 'GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses to turn TOTP off for its administrator with 409, and allows it once the school lifts the rule', async () => {
    const school = await requiringSchool();
    const admin = await enrolled('admin', school.id);
    const refused = await web.send(admin.cookie, 'DELETE', '/api/v1/me/totp', { password: admin.password, code: code(admin.secret) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('totp.required');
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, admin.user.id))).toHaveLength(1);

    const bad = await web.send(admin.cookie, 'PATCH', `/api/v1/schools/${school.id}`, { requireAdminTotp: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('requireAdminTotp');
    const lifted = await web.send(admin.cookie, 'PATCH', `/api/v1/schools/${school.id}`, { requireAdminTotp: false });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json().requireAdminTotp).toBe(false);
    const off = await web.send(admin.cookie, 'DELETE', '/api/v1/me/totp', { password: admin.password, code: code(admin.secret) });
    expect(off.statusCode).toBe(200);
  });

  it('lets only the school\'s administrator change the setting: a teacher gets 403, another school\'s admin 404', async () => {
    const school = await requiringSchool();
    const teacher = await as(app, schoolActor(school.id, 'teacher')).patch(`/api/v1/schools/${school.id}`, { requireAdminTotp: false });
    expect(teacher.statusCode).toBe(403);
    const other = (await createSchool(db())).school;
    const stranger = await as(app, schoolActor(other.id, 'admin')).patch(`/api/v1/schools/${school.id}`, { requireAdminTotp: false });
    expect(stranger.statusCode).toBe(404);
    expect((await as(app, platformAdmin()).get(`/api/v1/schools/${school.id}`)).json().requireAdminTotp).toBe(true);
  });
});
