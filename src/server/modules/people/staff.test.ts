import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { staff } from '../../db/schema/people.ts';
import { classes } from '../../db/schema/structure.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { twoSchools, type TwoSchools } from '../../../../tests/factories/testSchools.ts';
import { createStaff, createYearWithClasses, peopleRows } from '../../../../tests/factories/people.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext, schoolId: string, otherSchoolId: string, admin: TwoSchools['admin'];
beforeAll(async () => { ({ t, schoolId, otherSchoolId, admin } = await twoSchools()); });
afterAll(async () => { await t.close(); });

const url = (path = '', school = schoolId) => `/api/v1/schools/${school}/staff${path}`;
const rows = () => peopleRows(t.database.db, staff, schoolId);
const unknownId = '01900000-0000-7000-8000-000000000000';

const ivanova = {
  lastName: '  Иванова ', firstName: 'Мария', middleName: 'Сергеевна', gender: 'female', position: 'teacher',
  email: 'ivanova@school.ru', phone: '8 (913) 123-45-67', hiredOn: '2010-08-30',
};

describe('staff records', () => {
  it('hires a teacher with trimmed names, a normalised phone and derived full and short names', async () => {
    const res = await as(t.app, admin).post(url(), ivanova);
    expect(res.statusCode).toBe(201);
    const person = res.json();
    expect(person).toMatchObject({
      lastName: 'Иванова', firstName: 'Мария', middleName: 'Сергеевна', gender: 'female', position: 'teacher',
      email: 'ivanova@school.ru', phone: '+79131234567', hiredOn: '2010-08-30', dismissedOn: null,
      fullName: 'Иванова Мария Сергеевна', shortName: 'Иванова М. С.',
    });
    expect((await as(t.app, admin).get(url(`/${person.id}`))).json()).toEqual(person);
  });

  it('takes the optional fields as absent and accepts hyphenated and apostrophe names', async () => {
    const res = await as(t.app, admin).post(url(), { lastName: "Д'Артаньян-Салтыков", firstName: 'Шарль', gender: 'male', position: 'other' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ middleName: '', email: null, phone: null, hiredOn: null, shortName: "Д'Артаньян-Салтыков Ш." });
  });

  it('refuses wrong types, missing fields, bad names and contacts with field messages and adds no row', async () => {
    const before = await rows();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...ivanova, lastName: undefined }, 'lastName', 'Обязательное поле'],
      [{ ...ivanova, lastName: 42 }, 'lastName'],
      [{ ...ivanova, lastName: '   ' }, 'lastName', 'Не может быть пустым'],
      [{ ...ivanova, firstName: 'Мария2' }, 'firstName', 'Только буквы, пробел, дефис и апостроф'],
      [{ ...ivanova, middleName: 'Сергеевна!' }, 'middleName'],
      [{ ...ivanova, lastName: 'Я'.repeat(101) }, 'lastName', 'Не длиннее 100 символов'],
      [{ ...ivanova, gender: 'unknown' }, 'gender'],
      [{ ...ivanova, position: 'janitor' }, 'position'],
      [{ ...ivanova, phone: '12345' }, 'phone', 'Телефон в формате +7XXXXXXXXXX или 8XXXXXXXXXX'],
      [{ ...ivanova, phone: 89131234567 }, 'phone'],
      [{ ...ivanova, email: 'not-an-email' }, 'email', 'Неверный адрес электронной почты'],
      [{ ...ivanova, hiredOn: '2010-02-30' }, 'hiredOn'],
      [{ ...ivanova, dismissedOn: '2009-06-30' }, 'dismissedOn', 'Не раньше даты приёма на работу'],
    ];
    for (const [body, field, message] of cases) {
      const res = await as(t.app, admin).post(url(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation.failed');
      expect(res.json().error.fields[field], field).toBe(message ?? res.json().error.fields[field]);
      expect(res.json().error.fields[field]).toBeTruthy();
    }
    expect((await as(t.app, admin).post(url(), [ivanova])).statusCode).toBe(400);
    expect(await rows()).toEqual(before);
  });

  it('answers 404 for an unknown id, another school\'s id and 400 for a malformed one', async () => {
    const foreign = await createStaff(t.database.db, otherSchoolId);
    expect((await as(t.app, admin).get(url(`/${unknownId}`))).json().error.code).toBe('staff.not_found');
    expect((await as(t.app, admin).get(url(`/${foreign.id}`))).statusCode).toBe(404);
    expect((await as(t.app, admin).get(url('/not-a-uuid'))).statusCode).toBe(400);
  });
});

describe('staff list', () => {
  let school: string;
  beforeAll(async () => {
    school = (await createSchool(t.database.db)).school.id;
    const db = t.database.db;
    await createStaff(db, school, { lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Ивановна' });
    await createStaff(db, school, { lastName: 'Смирнов', firstName: 'Олег', middleName: '' });
    await createStaff(db, school, { lastName: 'Абрамов', firstName: 'Борис', middleName: 'Львович', gender: 'male', position: 'director', hiredOn: '2001-01-10' });
    await createStaff(db, school, { lastName: 'Смирнов', firstName: 'Андрей', middleName: 'Петрович', dismissedOn: '2020-06-30' });
    await createStaff(db, school, { lastName: 'Волкова', firstName: 'Ирина', middleName: 'Юрьевна', position: 'deputy', dismissedOn: '2999-12-31' });
    await createStaff(db, otherSchoolId, { lastName: 'Смирнов', firstName: 'Чужой' });
  });
  const list = async (query = '') => {
    const res = await as(t.app, schoolActor(school, 'teacher')).get(`${url('', school)}?limit=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { fullName: string }) => p.fullName);
  };

  it('lists the school\'s staff sorted by ФИО and nobody from another school', async () => {
    expect(await list()).toEqual([
      'Абрамов Борис Львович', 'Волкова Ирина Юрьевна', 'Смирнов Андрей Петрович', 'Смирнов Олег', 'Смирнова Ольга Ивановна',
    ]);
  });

  it('pages by cursor over ФИО without repeating or skipping anyone', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, schoolActor(school, 'admin')).get(`${url('', school)}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((p: { fullName: string }) => p.fullName));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(await list());
  });

  it('filters by a case-insensitive prefix of the last name or of «Фамилия Имя»', async () => {
    expect(await list('&search=смирнов')).toEqual(['Смирнов Андрей Петрович', 'Смирнов Олег', 'Смирнова Ольга Ивановна']);
    expect(await list(`&search=${encodeURIComponent('СМИРНОВ  о')}`)).toEqual(['Смирнов Олег']);
    expect(await list(`&search=${encodeURIComponent('Смирнова Ол')}`)).toEqual(['Смирнова Ольга Ивановна']);
    expect(await list('&search=%25')).toEqual([]);
    expect(await list('&search=ольга')).toEqual([]);
  });

  it('filters by position and by being active (a dismissal in the future still counts as active)', async () => {
    expect(await list('&position=director')).toEqual(['Абрамов Борис Львович']);
    expect(await list('&active=false')).toEqual(['Смирнов Андрей Петрович']);
    expect(await list('&active=true&position=deputy')).toEqual(['Волкова Ирина Юрьевна']);
    expect(await list('&active=true')).toHaveLength(4);
  });

  it('refuses a bad filter or cursor with 400', async () => {
    const teacher = schoolActor(school, 'teacher');
    for (const query of ['position=janitor', 'active=maybe', 'cursor=zzz', 'limit=0', 'limit=abc']) {
      const res = await as(t.app, teacher).get(`${url('', school)}?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
  });
});

describe('changing and removing staff', () => {
  it('changes only the fields sent and keeps the rest', async () => {
    const person = await createStaff(t.database.db, schoolId, { email: 'old@school.ru', phone: '+79990000000' });
    const res = await as(t.app, admin).patch(url(`/${person.id}`), { phone: '+7 999 111-22-33', position: 'deputy' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '+79991112233', position: 'deputy', email: 'old@school.ru', middleName: 'Петровна', hiredOn: '2015-08-25' });
    const cleared = await as(t.app, admin).patch(url(`/${person.id}`), { email: null, phone: '' });
    expect(cleared.json()).toMatchObject({ email: null, phone: null, position: 'deputy' });
  });

  it('dismisses by PATCH dismissedOn and refuses a dismissal before the hiring day, keeping the row', async () => {
    const person = await createStaff(t.database.db, schoolId, { hiredOn: '2015-08-25' });
    const before = await rows();
    const early = await as(t.app, admin).patch(url(`/${person.id}`), { dismissedOn: '2015-08-24' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'staff.dismissed_before_hired', fields: { dismissedOn: 'Не раньше даты приёма на работу' } });
    const both = await as(t.app, admin).patch(url(`/${person.id}`), { hiredOn: '2016-01-01', dismissedOn: '2015-12-31' });
    expect(both.statusCode).toBe(400);
    expect(await rows()).toEqual(before);
    const dismissed = await as(t.app, admin).patch(url(`/${person.id}`), { dismissedOn: '2024-06-30' });
    expect(dismissed.json().dismissedOn).toBe('2024-06-30');
    const lateHire = await as(t.app, admin).patch(url(`/${person.id}`), { hiredOn: '2024-07-01' });
    expect(lateHire.json().error.fields).toEqual({ hiredOn: 'Не позже даты увольнения' });
  });

  it('refuses a bad PATCH, an unknown id and another school\'s id, changing nothing', async () => {
    const person = await createStaff(t.database.db, schoolId);
    const foreign = await createStaff(t.database.db, otherSchoolId);
    const before = await rows();
    for (const body of [{ lastName: '' }, { gender: 'x' }, { email: 'bad' }, { phone: 'тел' }, { hiredOn: 5 }, { lastName: null }]) {
      expect((await as(t.app, admin).patch(url(`/${person.id}`), body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await as(t.app, admin).patch(url(`/${unknownId}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, admin).patch(url(`/${foreign.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
    expect((await peopleRows(t.database.db, staff, otherSchoolId)).find((r) => r.id === foreign.id)).toEqual(foreign);
  });

  it('deletes a record nothing refers to', async () => {
    const person = await createStaff(t.database.db, schoolId);
    expect((await as(t.app, admin).delete(url(`/${person.id}`))).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin).get(url(`/${person.id}`))).statusCode).toBe(404);
  });

  it('refuses to delete a class teacher with 409 conflict.in_use and keeps the person', async () => {
    const person = await createStaff(t.database.db, schoolId);
    const { year } = await createYearWithClasses(t.database.db, schoolId, {});
    await t.database.db.insert(classes).values({ schoolId, id: newId(), academicYearId: year.id, grade: 5, letter: 'А', classTeacherId: person.id });
    const before = await rows();
    const res = await as(t.app, admin).delete(url(`/${person.id}`));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict.in_use');
    expect(await rows()).toEqual(before);
  });

  it('answers 404 when deleting an unknown or another school\'s person and keeps that person', async () => {
    const foreign = await createStaff(t.database.db, otherSchoolId);
    expect((await as(t.app, admin).delete(url(`/${unknownId}`))).statusCode).toBe(404);
    expect((await as(t.app, admin).delete(url(`/${foreign.id}`))).statusCode).toBe(404);
    expect((await peopleRows(t.database.db, staff, otherSchoolId)).map((r) => r.id)).toContain(foreign.id);
  });
});

describe('who may read and write staff', () => {
  it('asks for a sign-in without an actor', async () => {
    const res = await as(t.app, null).get(url());
    expect(res.statusCode).toBe(401);
    expect((await as(t.app, null).post(url(), ivanova)).statusCode).toBe(401);
  });

  it('lets a teacher read but not write, and the refused writes change nothing', async () => {
    const teacher = schoolActor(schoolId, 'teacher');
    const person = await createStaff(t.database.db, schoolId);
    const before = await rows();
    expect((await as(t.app, teacher).get(url(`/${person.id}`))).statusCode).toBe(200);
    for (const res of [
      await as(t.app, teacher).post(url(), ivanova),
      await as(t.app, teacher).patch(url(`/${person.id}`), { firstName: 'Анна' }),
      await as(t.app, teacher).delete(url(`/${person.id}`)),
      await as(t.app, schoolActor(schoolId, 'director')).post(url(), ivanova),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('policy.forbidden');
    }
    expect(await rows()).toEqual(before);
  });

  it('keeps students and guardians out of the staff list', async () => {
    expect((await as(t.app, schoolActor(schoolId, 'student')).get(url())).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(schoolId, 'guardian')).get(url())).statusCode).toBe(403);
  });

  it('answers 404 to an admin of another school, reading or writing', async () => {
    const outsider = schoolActor(otherSchoolId, 'admin');
    const person = await createStaff(t.database.db, schoolId);
    const before = await rows();
    expect((await as(t.app, outsider).get(url())).statusCode).toBe(404);
    expect((await as(t.app, outsider).get(url(`/${person.id}`))).statusCode).toBe(404);
    expect((await as(t.app, outsider).post(url(), ivanova)).statusCode).toBe(404);
    expect((await as(t.app, outsider).patch(url(`/${person.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, outsider).delete(url(`/${person.id}`))).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });

  it('publishes the people routes in the OpenAPI document', async () => {
    const paths = Object.keys((await as(t.app, null).get('/api/docs/json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1/schools/{schoolId}/staff', '/api/v1/schools/{schoolId}/students/{id}',
      '/api/v1/schools/{schoolId}/students/{studentId}/guardians/{guardianId}', '/api/v1/schools/{schoolId}/guardians/{guardianId}/students',
    ]));
  });
});
