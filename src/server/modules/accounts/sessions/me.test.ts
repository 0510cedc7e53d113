import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYears } from '../../../db/schema/calendar.ts';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createYear } from '../../../../../tests/factories/calendar.ts';
import { type DiaryWorld, diaryWorld } from '../../../../../tests/factories/diary.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createStaff } from '../../../../../tests/factories/people.ts';
import { makeClass } from '../../../../../tests/factories/structure.ts';
import { createTestApp, type TestContext } from '../../../../../tests/support/testApp.ts';

let t: TestContext;
let w: DiaryWorld;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2025-10-27T08:00:00Z') });
  w = await diaryWorld(t.database.db);
});
afterAll(async () => { await t.close(); });

/** `/me` of a user holding `roles`, signed in with a real session cookie. */
async function meOf(roles: NonNullable<Parameters<typeof createUser>[1]>['roles']) {
  const { login, password } = await createUser(t.database.db, { roles });
  const signedIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, headers: { 'x-klassny-csrf': '1' } });
  expect(signedIn.statusCode).toBe(200);
  const cookie = signedIn.cookies.find((c) => c.name === 'klassny_session')!;
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `klassny_session=${cookie.value}` } });
  expect(me.statusCode).toBe(200);
  return me.json() as { keptClassIds: Record<string, string[]>; permissions: Record<string, string[]> };
}

describe('/me tells which classes the person keeps', () => {
  it('names the class teacher\'s class of the current year, so the web app offers its reports', async () => {
    const me = await meOf([{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }]);
    expect(me.keptClassIds).toEqual({ [w.schoolId]: [w.classA.id] });
    expect(me.permissions[w.schoolId]).toContain('report.read');
  });

  it('names none for a teacher keeping no class, nor for a deputy (who reads every class anyway)', async () => {
    expect((await meOf([{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }])).keptClassIds).toEqual({});
    expect((await meOf([{ schoolId: w.schoolId, role: 'deputy' }])).keptClassIds).toEqual({});
  });

  it('leaves out a class of a closed year', async () => {
    const { school } = await createSchool(t.database.db);
    const former = await createStaff(t.database.db, school.id, { lastName: 'Прежняя', firstName: 'Ольга', middleName: 'Ивановна' });
    const year = await createYear(t.database.db, school.id, { startYear: 2024, status: 'open' });
    await makeClass(t.database.db, school.id, year.id, 9, 'В', { classTeacherId: former.id });
    expect((await meOf([{ schoolId: school.id, role: 'teacher', personId: former.id }])).keptClassIds).toEqual({ [school.id]: [expect.any(String)] });
    await t.database.db.update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, year.id));
    expect((await meOf([{ schoolId: school.id, role: 'teacher', personId: former.id }])).keptClassIds).toEqual({});
  });
});
