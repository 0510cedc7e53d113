import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, userRoles, users } from '../../../db/schema/accounts.ts';
import { userRecoveryCodes, userTotp } from '../../../db/schema/totp.ts';
import {
  accountCounts, codesIn, codesOf, cookieOf, createActivationApp, csrf, eventsOf, pdfText,
} from '../../../../../tests/factories/activation.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from '../../../../../tests/factories/people.ts';
import { as, schoolActor, type TestContext } from '../../../../../tests/support/testApp.ts';

let t: TestContext;
let clock = new Date('2026-02-10T06:00:00Z');
const advanceDays = (days: number) => { clock = new Date(clock.getTime() + days * 24 * 60 * 60 * 1000); };
beforeAll(async () => { t = await createActivationApp(() => clock); });
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
let logins = 0;
const freshLogin = () => `daria.s${++logins}`;
const PASSWORD = 'Sinii-traktor-2026';

const activate = (body: object, headers: Record<string, string> = csrf) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/activate', payload: body, headers });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
const login = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers: csrf });

async function schoolWithStudent() {
  const { school } = await createSchool(db());
  const student = await createStudent(db(), school.id, { lastName: 'Соколова', firstName: 'Дарья', middleName: 'Андреевна', gender: 'female' });
  return { school, student, admin: schoolActor(school.id, 'admin') };
}

/** Issues a slip through the API and reads the code off the printed PDF. */
async function slipCode(schoolId: string, kind: 'staff' | 'student' | 'guardian', id: string) {
  const res = await as(t.app, schoolActor(schoolId, 'admin')).post(`/api/v1/schools/${schoolId}/activation-codes`, { people: [{ kind, id }] });
  expect(res.statusCode).toBe(201);
  const [code] = codesIn(pdfText(res.rawPayload));
  return code!;
}

describe('activating an account with a printed code', () => {
  it('takes a student from the slip to a signed-in account', async () => {
    const { school, student } = await schoolWithStudent();
    const res = await as(t.app, schoolActor(school.id, 'admin')).post(`/api/v1/schools/${school.id}/activation-codes`, {
      people: [{ kind: 'student', id: student.id }],
    });
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Соколова Дарья Андреевна');
    const [code] = codesIn(text);
    const name = freshLogin();
    const typed = ` ${code!.toLowerCase().replace('-', ' ')} `;
    const activated = await activate({ code: typed, login: name, password: PASSWORD });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({
      user: { login: name, displayName: 'Соколова Дарья Андреевна' },
      roles: [{ schoolId: school.id, role: 'student', personId: student.id }],
    });
    const cookie = cookieOf(activated);
    expect(activated.cookies.find((c) => c.name === 'klassny_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect((await me(cookie)).json().user.login).toBe(name);
    const [row] = await codesOf(db(), student.id);
    expect(row!.usedAt).toEqual(clock);
    expect(row!.usedByUserId).toBe(activated.json().user.id);
    const activatedEvents = (await eventsOf(db(), 'account.activated')).filter((e) => e.userId === activated.json().user.id);
    expect(activatedEvents[0]!.details).toMatchObject({ outcome: 'created', role: 'student', personId: student.id });
    expect((await login({ login: name, password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a used, an unknown and a malformed code with one answer that does not say which, changing nothing', async () => {
    const { school, student } = await schoolWithStudent();
    const code = await slipCode(school.id, 'student', student.id);
    expect((await activate({ code, login: freshLogin(), password: PASSWORD })).statusCode).toBe(200);
    const before = await accountCounts(db());
    const answers = [];
    for (const attempt of [code, 'ABCDE-FGHJK', 'not-a-code', '0O1IL-0O1IL']) {
      const res = await activate({ code: attempt, login: freshLogin(), password: PASSWORD });
      expect(res.statusCode).toBe(400);
      answers.push(res.json());
    }
    expect(answers[0].error).toMatchObject({ code: 'activation.invalid_code', fields: { code: expect.any(String) } });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await accountCounts(db())).toEqual(before);
    expect((await eventsOf(db(), 'activation.failed')).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a code after its 14 days with the same answer', async () => {
    const { school, student } = await schoolWithStudent();
    const code = await slipCode(school.id, 'student', student.id);
    const used = await slipCode(school.id, 'student', (await createStudent(db(), school.id)).id);
    advanceDays(13);
    expect((await activate({ code: used, login: freshLogin(), password: PASSWORD })).statusCode).toBe(200);
    advanceDays(2);
    const before = await accountCounts(db());
    const res = await activate({ code, login: freshLogin(), password: PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('activation.invalid_code');
    expect(await accountCounts(db())).toEqual(before);
  });

  it('refuses a code that a newer slip for the same person replaced', async () => {
    const { school, student } = await schoolWithStudent();
    const old = await slipCode(school.id, 'student', student.id);
    const fresh = await slipCode(school.id, 'student', student.id);
    expect((await activate({ code: old, login: freshLogin(), password: PASSWORD })).json().error.code).toBe('activation.invalid_code');
    expect((await activate({ code: fresh, login: freshLogin(), password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses bad logins, short, login-bearing and common passwords with a field message, and the code keeps working', async () => {
    const { school, student } = await schoolWithStudent();
    const code = await slipCode(school.id, 'student', student.id);
    const before = await accountCounts(db());
    const cases: [object, string, string][] = [
      [{ code, login: 'ab', password: PASSWORD }, 'login', 'validation.failed'],
      [{ code, login: 'дарья', password: PASSWORD }, 'login', 'validation.failed'],
      [{ code, login: 'a b c', password: PASSWORD }, 'login', 'validation.failed'],
      [{ code, login: freshLogin(), password: 'short' }, 'password', 'validation.failed'],
      [{ code, login: freshLogin() }, 'password', 'validation.failed'],
      [{ login: freshLogin(), password: PASSWORD }, 'code', 'validation.failed'],
      [{ code, login: 'sokolova', password: 'Sokolova-2026' }, 'password', 'auth.weak_password'],
      [{ code, login: freshLogin(), password: 'qwerty123' }, 'password', 'auth.common_password'],
      [{ code, login: freshLogin(), password: 'Password1' }, 'password', 'auth.common_password'],
    ];
    for (const [body, field, errorCode] of cases) {
      const res = await activate(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(errorCode);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    expect(await accountCounts(db())).toEqual(before);
    expect((await activate({ code, login: freshLogin(), password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a login another account holds, unless its password comes with it, and counts the wrong password', async () => {
    const { school, student } = await schoolWithStudent();
    const code = await slipCode(school.id, 'student', student.id);
    const other = await createUser(db(), { login: freshLogin() });
    const before = await accountCounts(db());
    const res = await activate({ code, login: other.login.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'account.login_taken', fields: { login: expect.any(String) } });
    expect(await accountCounts(db())).toEqual(before);
    expect((await eventsOf(db(), 'login.failed')).some((e) => e.userId === other.user.id)).toBe(true);
    expect((await codesOf(db(), student.id))[0]!.usedAt).toBeNull();
  });

  it('needs the CSRF header', async () => {
    const res = await activate({ code: 'ABCDE-FGHJK', login: freshLogin(), password: PASSWORD }, {});
    expect(res.statusCode).toBe(403);
  });
});

describe('re-issued codes and several roles', () => {
  it('resets a forgotten password with a new code: same account, new login, unlocked, old sessions ended', async () => {
    const { school, student } = await schoolWithStudent();
    const first = await activate({ code: await slipCode(school.id, 'student', student.id), login: freshLogin(), password: PASSWORD });
    const userId = first.json().user.id;
    const oldCookie = cookieOf(first);
    await db().update(users).set({ lockedAt: clock }).where(eq(users.id, userId));
    const code = await slipCode(school.id, 'student', student.id);
    const before = await accountCounts(db());
    const newLogin = freshLogin();
    const again = await activate({ code, login: newLogin, password: 'Novyi-parol-dlya-dashi' });
    expect(again.statusCode).toBe(200);
    expect(again.json().user).toMatchObject({ id: userId, login: newLogin });
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user!.lockedAt).toBeNull();
    expect((await me(oldCookie)).statusCode).toBe(401);
    expect((await me(cookieOf(again))).statusCode).toBe(200);
    const after = await accountCounts(db());
    expect({ users: after.users, roles: after.roles }).toEqual({ users: before.users, roles: before.roles });
    expect((await login({ login: newLogin, password: PASSWORD })).statusCode).toBe(401);
    expect((await login({ login: newLogin, password: 'Novyi-parol-dlya-dashi' })).statusCode).toBe(200);
    const ended = await db().select().from(sessions).where(eq(sessions.userId, userId));
    expect(ended.filter((s) => s.endReason === 'reactivated')).toHaveLength(1);
  });

  it('removes a second factor on re-issue, so a lost phone or an intruder\'s enrolment does not outlive the new code', async () => {
    const { school, student } = await schoolWithStudent();
    const first = await activate({ code: await slipCode(school.id, 'student', student.id), login: freshLogin(), password: PASSWORD });
    const userId = first.json().user.id;
    await db().insert(userTotp).values({ userId, secret: 'sealed-secret', confirmedAt: clock });
    await db().insert(userRecoveryCodes).values({ id: '01900000-0000-7000-8000-00000000a001', userId, salt: 's', codeHash: 'h' });
    const again = await activate({ code: await slipCode(school.id, 'student', student.id), login: freshLogin(), password: 'Novyi-parol-dlya-dashi' });
    expect(again.statusCode).toBe(200);
    expect(await db().select().from(userTotp).where(eq(userTotp.userId, userId))).toEqual([]);
    expect(await db().select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId))).toEqual([]);
  });

  it('keeps the login on re-issue when another account holds the new one', async () => {
    const { school, student } = await schoolWithStudent();
    const mine = freshLogin();
    await activate({ code: await slipCode(school.id, 'student', student.id), login: mine, password: PASSWORD });
    const other = await createUser(db(), { login: freshLogin() });
    const code = await slipCode(school.id, 'student', student.id);
    const res = await activate({ code, login: other.login, password: other.password });
    expect(res.statusCode).toBe(409);
    expect((await activate({ code, login: mine.toUpperCase(), password: 'Eshche-odin-parol' })).statusCode).toBe(200);
  });

  it('adds the guardian role to the account of a teacher who is also a parent', async () => {
    const { school, student } = await schoolWithStudent();
    const teacherRecord = await createStaff(db(), school.id);
    const parentRecord = await createGuardian(db(), school.id, { lastName: 'Учителева', firstName: 'Анна', middleName: 'Петровна' });
    await linkGuardian(db(), school.id, student.id, parentRecord.id);
    const teacher = await createUser(db(), { login: freshLogin(), roles: [{ schoolId: school.id, role: 'teacher', personId: teacherRecord.id }] });
    const code = await slipCode(school.id, 'guardian', parentRecord.id);
    const before = await accountCounts(db());
    const res = await activate({ code, login: teacher.login, password: teacher.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(teacher.user.id);
    expect(res.json().roles).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: 'teacher', personId: teacherRecord.id }),
      expect.objectContaining({ role: 'guardian', personId: parentRecord.id }),
    ]));
    expect((await accountCounts(db())).users).toBe(before.users);
    const roles = await db().select().from(userRoles).where(eq(userRoles.userId, teacher.user.id));
    expect(roles).toHaveLength(2);
    expect((await eventsOf(db(), 'role.granted')).some((e) => e.userId === teacher.user.id && e.details.role === 'guardian')).toBe(true);
  });

  it('refuses a second role of the same kind in the same school for one account', async () => {
    const { school } = await schoolWithStudent();
    const mother = await createGuardian(db(), school.id);
    const aunt = await createGuardian(db(), school.id, { firstName: 'Ольга' });
    const first = await activate({ code: await slipCode(school.id, 'guardian', mother.id), login: freshLogin(), password: PASSWORD });
    const res = await activate({ code: await slipCode(school.id, 'guardian', aunt.id), login: first.json().user.login, password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('activation.role_held');
  });
});

describe('guessing codes', () => {
  it('locks the address after many wrong codes, like sign-in does', async () => {
    const { school, student } = await schoolWithStudent();
    const code = await slipCode(school.id, 'student', student.id);
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) {
      status = (await activate({ code: `ZZZZZ-ZZZ${String(i % 8 + 2)}${String((i >> 3) + 2)}`, login: freshLogin(), password: PASSWORD })).statusCode;
    }
    expect(status).toBe(429);
    const locked = await activate({ code, login: freshLogin(), password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.locked');
    clock = new Date(clock.getTime() + 6 * 60 * 1000);
    expect((await activate({ code, login: freshLogin(), password: PASSWORD })).statusCode).toBe(200);
  });
});
