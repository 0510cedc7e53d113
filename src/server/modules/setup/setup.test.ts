import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { as, createTestApp, platformAdmin, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import { setupTokens } from '../../db/schema/deployment.ts';
import { municipalities, regions, schools } from '../../db/schema/organisation.ts';
import { userRoles, users } from '../../db/schema/accounts.ts';
import { createAdmin } from '../accounts/service.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { DEMO_PASSWORD } from '../accounts/sessions/demoLogins.ts';
import { firstYearOf, issueSetupToken } from './service.ts';

const csrf = { 'x-klassny-csrf': '1' };
let t: TestContext;
beforeEach(async () => { t = await createTestApp(); });
afterEach(async () => { await t.close(); });

const post = (url: string, payload: unknown, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload: payload as object, headers: csrf, remoteAddress });
const rows = async (table: typeof schools | typeof users | typeof regions | typeof municipalities | typeof academicYears) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

const firstSchool = (token: string) => ({
  token,
  regionName: 'Тверская область',
  municipalityName: 'г. Тверь',
  school: { name: 'МБОУ «Средняя школа № 7»', shortName: 'Школа № 7', kind: 'general', timeZone: 'Europe/Moscow' },
  weekDays: 6,
  admin: { login: 'ivanova', password: 'Школа-7-надёжно', displayName: 'Иванова Мария Петровна' },
});

describe('«Первый запуск»', () => {
  it('makes the school, its administrator and a planning year with the chosen week, signs the administrator in, and works once', async () => {
    const token = (await issueSetupToken(t.database.db))!;
    expect((await post('/setup/check', { token })).json()).toEqual({ valid: true });

    const made = await post('/setup', firstSchool(token));
    expect(made.statusCode).toBe(201);
    const { schoolId, academicYearId, login } = made.json();
    expect(login).toBe('ivanova');
    const [year] = await t.database.db.select().from(academicYears).where(eq(academicYears.id, academicYearId));
    expect(year).toMatchObject({ schoolId, status: 'planning', weekDays: 6 });
    const [role] = await t.database.db.select().from(userRoles).where(eq(userRoles.schoolId, schoolId));
    expect(role!.role).toBe('admin');

    const cookie = made.cookies.find((c) => c.name === 'klassny_session')!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { klassny_session: cookie.value } });
    expect(me.json().roles).toEqual([expect.objectContaining({ schoolId, role: 'admin' })]);

    const again = await post('/setup', { ...firstSchool(token), school: { ...firstSchool(token).school, name: 'Вторая' } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('setup.link_invalid');
    expect((await post('/setup/check', { token })).json()).toEqual({ valid: false });
    expect(await rows(schools)).toBe(1);
    // A database with a school prints no new link.
    expect(await issueSetupToken(t.database.db)).toBeNull();
  });

  it('refuses an unknown token and a link replaced by a later start, with nothing written', async () => {
    const old = (await issueSetupToken(t.database.db))!;
    const current = (await issueSetupToken(t.database.db))!;
    for (const token of ['not-a-token', old]) {
      const res = await post('/setup', firstSchool(token));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('setup.link_invalid');
    }
    expect((await post('/setup/check', { token: current })).json()).toEqual({ valid: true });
    expect(await rows(schools)).toBe(0);
    expect(await rows(users)).toBe(0);
  });

  it('answers bad fields with 400 and keeps the link usable and the database empty', async () => {
    const token = (await issueSetupToken(t.database.db))!;
    const good = firstSchool(token);
    const cases: [unknown, string][] = [
      [{ ...good, regionName: '  ' }, 'regionName'],
      [{ ...good, school: { ...good.school, timeZone: 'Mars/Olympus' } }, 'school.timeZone'],
      [{ ...good, school: { ...good.school, kind: 'university' } }, 'school.kind'],
      [{ ...good, weekDays: 7 }, 'weekDays'],
      [{ ...good, admin: { ...good.admin, login: 'иванова' } }, 'login'],
      [{ ...good, admin: { ...good.admin, password: 'short' } }, 'password'],
      [{ ...good, admin: { ...good.admin, password: DEMO_PASSWORD } }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/setup', body);
      expect(res.statusCode, field).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}), field).toContain(field);
    }
    expect((await post('/setup', {})).statusCode).toBe(400);
    expect(await rows(schools)).toBe(0);
    expect(await rows(regions)).toBe(0);
    expect(await rows(users)).toBe(0);
    expect((await post('/setup/check', { token })).json()).toEqual({ valid: true });
    expect((await post('/setup', good)).statusCode).toBe(201);
  });

  it('refuses a taken login with 409 and leaves the link for a second try', async () => {
    await createAdmin(t.database.db, { login: 'ivanova', password: 'Оператор-123', displayName: 'Оператор' });
    const token = (await issueSetupToken(t.database.db))!;
    const res = await post('/setup', firstSchool(token));
    expect(res.statusCode).toBe(409);
    expect(await rows(schools)).toBe(0);
    expect((await t.database.db.select().from(setupTokens))[0]!.usedAt).toBeNull();
  });

  it('reuses a region and municipality of the same name instead of making a second', async () => {
    await t.database.db.transaction(async (tx) => {
      await tx.insert(regions).values({ id: '019a0000-0000-7000-8000-000000000001', name: 'Тверская область' });
    });
    const token = (await issueSetupToken(t.database.db))!;
    expect((await post('/setup', firstSchool(token))).statusCode).toBe(201);
    expect(await rows(regions)).toBe(1);
    expect(await rows(municipalities)).toBe(1);
  });
});

describe('the first academic year', () => {
  it('starts on 1 September of this year from June on, of the last year before', () => {
    expect(firstYearOf('2026-12-07', 5)).toEqual({ name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', weekDays: 5 });
    expect(firstYearOf('2027-03-01', 6)).toEqual({ name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', weekDays: 6 });
    expect(firstYearOf('2027-06-01', 5).name).toBe('2027/2028');
  });
});

describe('demo logins with the published password', () => {
  beforeEach(async () => {
    // A real account may not take the published password; the demo writes its accounts itself.
    await expect(createAdmin(t.database.db, { login: 'teacher', password: DEMO_PASSWORD, displayName: 'Демо' }))
      .rejects.toMatchObject({ code: 'auth.common_password' });
    await t.database.db.insert(users).values({ id: '019a0000-0000-7000-8000-0000000000aa', login: 'teacher', passwordHash: await hashPassword(DEMO_PASSWORD), displayName: 'Демо' });
  });
  const login = (remoteAddress: string) => post('/auth/login', { login: 'teacher', password: DEMO_PASSWORD }, remoteAddress);

  it('are accepted from this machine and refused from another address', async () => {
    expect((await login('127.0.0.1')).statusCode).toBe(200);
    expect((await login('::1')).statusCode).toBe(200);
    const remote = await login('203.0.113.7');
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.code).toBe('auth.demo_local_only');
    expect(remote.cookies.find((c) => c.name === 'klassny_session')).toBeUndefined();
  });

  it('are accepted from anywhere with DEMO_PUBLIC=true', async () => {
    t.app.demoPublic = true;
    expect((await login('203.0.113.7')).statusCode).toBe(200);
  });
});

describe('a platform operator appoints a school\'s first administrator', () => {
  const admin = { login: 'director7', password: 'Директор-школы-7', displayName: 'Петров Пётр Петрович' };

  it('creates the account with the admin role in that school; anyone else is refused and nothing is written', async () => {
    const { school } = await createSchool(t.database.db);
    const operator = platformAdmin();
    const made = await as(t.app, operator).post(`/api/v1/schools/${school.id}/administrators`, admin);
    expect(made.statusCode).toBe(201);
    const [role] = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, made.json().id));
    expect(role).toMatchObject({ schoolId: school.id, role: 'admin' });

    const before = await rows(users);
    const other = { ...admin, login: 'intruder' };
    expect((await as(t.app, schoolActor(school.id, 'admin')).post(`/api/v1/schools/${school.id}/administrators`, other)).statusCode).toBe(403);
    expect((await as(t.app, null).post(`/api/v1/schools/${school.id}/administrators`, other)).statusCode).toBe(401);
    expect(await rows(users)).toBe(before);
  });

  it('answers an unknown school with 404, a taken login with 409 and a bad body with 400', async () => {
    const { school } = await createSchool(t.database.db);
    const operator = platformAdmin();
    expect((await as(t.app, operator).post('/api/v1/schools/019a0000-0000-7000-8000-00000000ffff/administrators', admin)).statusCode).toBe(404);
    expect((await as(t.app, operator).post(`/api/v1/schools/${school.id}/administrators`, admin)).statusCode).toBe(201);
    expect((await as(t.app, operator).post(`/api/v1/schools/${school.id}/administrators`, admin)).statusCode).toBe(409);
    const bad = await as(t.app, operator).post(`/api/v1/schools/${school.id}/administrators`, { ...admin, login: 'x y', displayName: '' });
    expect(bad.statusCode).toBe(400);
    expect((await as(t.app, operator).post('/api/v1/schools/not-an-id/administrators', admin)).statusCode).toBe(400);
  });
});
