import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from '../../../../../tests/factories/people.ts';
import { admit, insertYear, makeClass, unknownId } from '../../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../../tests/support/testApp.ts';
import { newId } from '../../../db/ids.ts';
import { securityEvents, users } from '../../../db/schema/accounts.ts';

let t: TestContext;
const db = () => t.database.db;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const idsOf = (res: { json(): { items: { userId: string }[] } }) => res.json().items.map((a) => a.userId).sort();

/** A school with a class 5А: its class teacher, a student and her mother have accounts; so do an outsider teacher and a 6Б student. */
async function schoolWithClass() {
  const { school } = await createSchool(db());
  const year = await insertYear(db(), school.id, { status: 'open' });
  const keeper = await createStaff(db(), school.id, { lastName: 'Классова', firstName: 'Нина', middleName: 'Олеговна' });
  const other = await createStaff(db(), school.id, { lastName: 'Сторонний', firstName: 'Пётр', middleName: 'Ильич' });
  const fifth = await makeClass(db(), school.id, year.id, 5, 'А', { classTeacherId: keeper.id });
  const sixth = await makeClass(db(), school.id, year.id, 6, 'Б');
  const girl = await createStudent(db(), school.id, { lastName: 'Ромашкина', firstName: 'Алла', gender: 'female' });
  const boy = await createStudent(db(), school.id, { lastName: 'Лютиков', firstName: 'Олег' });
  const mother = await createGuardian(db(), school.id, { lastName: 'Ромашкина', firstName: 'Вера' });
  await linkGuardian(db(), school.id, girl.id, mother.id);
  await admit(db(), school.id, girl.id, fifth.id);
  await admit(db(), school.id, boy.id, sixth.id);
  const account = (login: string, role: 'teacher' | 'student' | 'guardian', personId: string) =>
    createUser(db(), { login: `${login}.${newId().slice(-6)}`, roles: [{ schoolId: school.id, role, personId }] });
  return {
    school, fifth, sixth,
    keeper: await account('nina.klass', 'teacher', keeper.id),
    other: await account('petr.storon', 'teacher', other.id),
    girl: await account('alla.romashka', 'student', girl.id),
    mother: await account('vera.romashka', 'guardian', mother.id),
    boy: await account('oleg.lyutik', 'student', boy.id),
  };
}

describe('finding the accounts of a school', () => {
  it('filters by class (students, their guardians, the class teacher), by a part of the login or name, and with the role', async () => {
    const s = await schoolWithClass();
    const admin = schoolActor(s.school.id, 'admin');
    const url = `/api/v1/schools/${s.school.id}/accounts`;
    const byClass = await as(t.app, admin).get(`${url}?classId=${s.fifth.id}`);
    expect(byClass.statusCode, byClass.body).toBe(200);
    expect(idsOf(byClass)).toEqual([s.keeper.user.id, s.girl.user.id, s.mother.user.id].sort());
    expect(idsOf(await as(t.app, admin).get(`${url}?classId=${s.fifth.id}&role=guardian`))).toEqual([s.mother.user.id]);
    expect(idsOf(await as(t.app, admin).get(`${url}?classId=${s.sixth.id}`))).toEqual([s.boy.user.id]);
    // By login, any case; by the account's display name; pattern characters are literal.
    expect(idsOf(await as(t.app, admin).get(`${url}?q=ROMASHKA`))).toEqual([s.girl.user.id, s.mother.user.id].sort());
    expect(idsOf(await as(t.app, admin).get(`${url}?q=${encodeURIComponent(s.other.login)}`))).toEqual([s.other.user.id]);
    expect(idsOf(await as(t.app, admin).get(`${url}?q=${encodeURIComponent('пользователь nina')}`))).toEqual([s.keeper.user.id]);
    expect(idsOf(await as(t.app, admin).get(`${url}?q=%25`))).toEqual([]);
    expect(idsOf(await as(t.app, admin).get(`${url}?q=_`))).toEqual([]);
  });

  it('marks an account without a password as not activated', async () => {
    const s = await schoolWithClass();
    await db().update(users).set({ passwordHash: null }).where(eq(users.id, s.boy.user.id));
    const res = await as(t.app, schoolActor(s.school.id, 'admin')).get(`/api/v1/schools/${s.school.id}/accounts?classId=${s.sixth.id}`);
    expect(res.json().items).toMatchObject([{ userId: s.boy.user.id, activated: false, locked: false }]);
    const keeper = await as(t.app, schoolActor(s.school.id, 'admin')).get(`/api/v1/schools/${s.school.id}/accounts?q=nina.klass`);
    expect(keeper.json().items).toMatchObject([{ activated: true }]);
  });

  it('answers 404 for a class of another school or an unknown one, 400 for bad filters, 403 to the director', async () => {
    const s = await schoolWithClass();
    const other = await schoolWithClass();
    const admin = schoolActor(s.school.id, 'admin');
    const url = `/api/v1/schools/${s.school.id}/accounts`;
    expect((await as(t.app, admin).get(`${url}?classId=${other.fifth.id}`)).statusCode).toBe(404);
    expect((await as(t.app, admin).get(`${url}?classId=${unknownId}`)).statusCode).toBe(404);
    expect((await as(t.app, admin).get(`${url}?classId=5А`)).statusCode).toBe(400);
    expect((await as(t.app, admin).get(`${url}?q=${'я'.repeat(101)}`)).statusCode).toBe(400);
    expect((await as(t.app, admin).get(`${url}?q=%20%20`)).statusCode).toBe(400);
    expect((await as(t.app, schoolActor(s.school.id, 'director')).get(`${url}?q=nina`)).statusCode).toBe(403);
  });
});

describe('filtering the security-event log', () => {
  it('filters by login (any case) and by a time window, and refuses bad values', async () => {
    const { school } = await createSchool(db());
    const insert = (login: string, at: string) => db().insert(securityEvents).values({
      id: newId(), kind: 'login.failed', schoolId: school.id, login, address: '10.0.0.1', userAgent: 'test', details: {}, createdAt: new Date(at),
    });
    await insert('Ivan.Petrov', '2025-09-01T08:00:00Z');
    await insert('ivan.petrov', '2025-09-02T08:00:00Z');
    await insert('maria', '2025-09-03T08:00:00Z');
    const read = (query: string) => as(t.app, schoolActor(school.id, 'admin')).get(`/api/v1/schools/${school.id}/security-events${query}`);
    const logins = async (query: string) => {
      const res = await read(query);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { login: string; createdAt: string }[]).map((e) => `${e.login} ${e.createdAt.slice(0, 10)}`);
    };
    expect(await logins('?login=IVAN.PETROV')).toEqual(['ivan.petrov 2025-09-02', 'Ivan.Petrov 2025-09-01']);
    expect(await logins(`?from=${encodeURIComponent('2025-09-02T00:00:00Z')}`)).toEqual(['maria 2025-09-03', 'ivan.petrov 2025-09-02']);
    expect(await logins(`?to=${encodeURIComponent('2025-09-02T08:00:00Z')}`)).toEqual(['Ivan.Petrov 2025-09-01']);
    expect(await logins(`?login=maria&from=${encodeURIComponent('2025-09-04T00:00:00+07:00')}`)).toEqual([]);
    expect((await read('?from=вчера')).statusCode).toBe(400);
    expect((await read(`?login=${'x'.repeat(101)}`)).statusCode).toBe(400);
  });
});
