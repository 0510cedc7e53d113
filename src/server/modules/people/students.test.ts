import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { students } from '../../db/schema/people.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { twoSchools, type TwoSchools } from '../../../../tests/factories/testSchools.ts';
import {
  createGuardian, createStudent, createYearWithClasses, linkGuardian, peopleRows,
} from '../../../../tests/factories/people.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { todayUtc } from '../../../shared/domain/person.ts';

let t: TestContext, schoolId: string, otherSchoolId: string, admin: TwoSchools['admin'];
beforeAll(async () => { ({ t, schoolId, otherSchoolId, admin } = await twoSchools()); });
afterAll(async () => { await t.close(); });

const url = (path = '', school = schoolId) => `/api/v1/schools/${school}/students${path}`;
const rows = (school = schoolId) => peopleRows(t.database.db, students, school);
const unknownId = '01900000-0000-7000-8000-000000000000';
const yearsAgo = (years: number, days = 0) => {
  const d = new Date(`${todayUtc()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const kuznetsov = {
  lastName: 'Кузнецов', firstName: 'Артём', middleName: 'Олегович', gender: 'male', birthDate: '2014-05-17',
  snils: '11223344595', address: ' г. Барнаул, ул. Попова, 10-5 ', phone: '+7 (913) 765-43-21', email: 'artem@mail.ru',
};

describe('student records', () => {
  it('adds a student with the SNILS written in the official form and a normalised phone', async () => {
    const res = await as(t.app, admin).post(url(), kuznetsov);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fullName: 'Кузнецов Артём Олегович', shortName: 'Кузнецов А. О.', birthDate: '2014-05-17', snils: '112-233-445 95',
      address: 'г. Барнаул, ул. Попова, 10-5', phone: '+79137654321', email: 'artem@mail.ru',
    });
    expect((await as(t.app, admin).get(url(`/${res.json().id}`))).json()).toEqual(res.json());
  });

  it('adds a student with only the required fields', async () => {
    const res = await as(t.app, admin).post(url(), { lastName: 'Ли', firstName: 'Мин', gender: 'female', birthDate: '2016-01-09' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ middleName: '', snils: null, address: null, phone: null, email: null, shortName: 'Ли М.' });
  });

  it('accepts a birth date exactly 3 and exactly 80 years ago', async () => {
    for (const birthDate of [yearsAgo(3), yearsAgo(80)]) {
      const res = await as(t.app, admin).post(url(), { ...kuznetsov, snils: null, birthDate });
      expect(res.statusCode, birthDate).toBe(201);
    }
  });

  it('refuses bad SNILS, phone, email, birth dates, types and missing fields with field messages, adding no row', async () => {
    const before = await rows();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...kuznetsov, snils: '112-233-445 96' }, 'snils', 'СНИЛС в формате ХХХ-ХХХ-ХХХ ХХ с верной контрольной суммой'],
      [{ ...kuznetsov, snils: '112-233-44' }, 'snils'],
      [{ ...kuznetsov, snils: 11223344595 }, 'snils'],
      [{ ...kuznetsov, phone: '+1 202 555 0100' }, 'phone'],
      [{ ...kuznetsov, email: 'artem@' }, 'email', 'Неверный адрес электронной почты'],
      [{ ...kuznetsov, birthDate: yearsAgo(0, 1) }, 'birthDate', 'Дата рождения не может быть в будущем'],
      [{ ...kuznetsov, birthDate: yearsAgo(3, 1) }, 'birthDate', 'Обучающемуся должно быть не меньше 3 лет'],
      [{ ...kuznetsov, birthDate: yearsAgo(80, -1) }, 'birthDate', 'Обучающемуся должно быть не больше 80 лет'],
      [{ ...kuznetsov, birthDate: '2014-02-30' }, 'birthDate'],
      [{ ...kuznetsov, birthDate: '17.05.2014' }, 'birthDate'],
      [{ ...kuznetsov, birthDate: undefined }, 'birthDate', 'Обязательное поле'],
      [{ ...kuznetsov, gender: undefined }, 'gender', 'Обязательное поле'],
      [{ ...kuznetsov, firstName: ['Артём'] }, 'firstName'],
      [{ ...kuznetsov, lastName: 'Кузнецов_' }, 'lastName'],
      [{ ...kuznetsov, address: 'а'.repeat(501) }, 'address'],
    ];
    for (const [body, field, message] of cases) {
      const res = await as(t.app, admin).post(url(), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[field], field).toBeTruthy();
      if (message) expect(res.json().error.fields[field]).toBe(message);
    }
    expect(await rows()).toEqual(before);
  });

  it('refuses a second student with the same SNILS in one school, but not in another school', async () => {
    const snils = '123-456-789 64';
    expect((await as(t.app, admin).post(url(), { ...kuznetsov, snils })).statusCode).toBe(201);
    const before = await rows();
    const again = await as(t.app, admin).post(url(), { ...kuznetsov, firstName: 'Иван', snils: '12345678964' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'student.snils_taken', fields: { snils: 'Уже есть у другого обучающегося' } });
    const other = await createStudent(t.database.db, schoolId);
    const patched = await as(t.app, admin).patch(url(`/${other.id}`), { snils });
    expect(patched.statusCode).toBe(409);
    expect(await rows()).toEqual([...before, other].sort((a, b) => a.id.localeCompare(b.id)));
    const elsewhere = await as(t.app, schoolActor(otherSchoolId, 'admin')).post(url('', otherSchoolId), { ...kuznetsov, snils });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('answers 404 for an unknown id, another school\'s id and 400 for a malformed one', async () => {
    const foreign = await createStudent(t.database.db, otherSchoolId);
    expect((await as(t.app, admin).get(url(`/${unknownId}`))).json().error.code).toBe('student.not_found');
    expect((await as(t.app, admin).get(url(`/${foreign.id}`))).statusCode).toBe(404);
    expect((await as(t.app, admin).get(url('/123'))).statusCode).toBe(400);
  });
});

describe('changing and removing students', () => {
  it('changes only the fields sent, keeps its own SNILS and clears contacts with null or empty', async () => {
    const student = await createStudent(t.database.db, schoolId, { snils: '234-567-890 99', email: 'a@b.ru', address: 'Барнаул' });
    const res = await as(t.app, admin).patch(url(`/${student.id}`), { lastName: 'Петров-Водкин', snils: '23456789099', email: null, address: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lastName: 'Петров-Водкин', firstName: 'Пётр', middleName: 'Петрович', birthDate: '2014-03-15', snils: '234-567-890 99', email: null, address: null,
    });
  });

  it('refuses a bad PATCH, an unknown id and another school\'s id, changing nothing', async () => {
    const student = await createStudent(t.database.db, schoolId);
    const foreign = await createStudent(t.database.db, otherSchoolId);
    const before = await rows();
    const foreignBefore = await rows(otherSchoolId);
    for (const body of [{ birthDate: '2999-01-01' }, { snils: '123-456-789 65' }, { phone: '+7 913' }, { gender: null }, { middleName: 7 }]) {
      expect((await as(t.app, admin).patch(url(`/${student.id}`), body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await as(t.app, admin).patch(url(`/${unknownId}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, admin).patch(url(`/${foreign.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
    expect(await rows(otherSchoolId)).toEqual(foreignBefore);
  });

  it('deletes a student entered by mistake', async () => {
    const student = await createStudent(t.database.db, schoolId);
    expect((await as(t.app, admin).delete(url(`/${student.id}`))).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin).get(url(`/${student.id}`))).statusCode).toBe(404);
  });

  it('keeps a student with guardian links or an enrolment: 409 and the row stays', async () => {
    const linked = await createStudent(t.database.db, schoolId);
    await linkGuardian(t.database.db, schoolId, linked.id, (await createGuardian(t.database.db, schoolId)).id);
    const enrolled = await createStudent(t.database.db, schoolId);
    await createYearWithClasses(t.database.db, schoolId, { '3Б': [{ studentId: enrolled.id, endsOn: '2025-12-31' }] });
    const before = await rows();
    const withGuardian = await as(t.app, admin).delete(url(`/${linked.id}`));
    expect(withGuardian.statusCode).toBe(409);
    expect(withGuardian.json().error.code).toBe('student.has_guardians');
    const withHistory = await as(t.app, admin).delete(url(`/${enrolled.id}`));
    expect(withHistory.statusCode).toBe(409);
    expect(withHistory.json().error.code).toBe('conflict.in_use');
    expect(await rows()).toEqual(before);
  });

  it('answers 404 when deleting an unknown or another school\'s student, which stays', async () => {
    const foreign = await createStudent(t.database.db, otherSchoolId);
    expect((await as(t.app, admin).delete(url(`/${unknownId}`))).statusCode).toBe(404);
    expect((await as(t.app, admin).delete(url(`/${foreign.id}`))).statusCode).toBe(404);
    expect((await rows(otherSchoolId)).map((r) => r.id)).toContain(foreign.id);
  });
});

describe('student lists and class rosters', () => {
  let school: string;
  let ids: Record<string, string>;
  let year: { id: string };
  let classIds: Record<string, string>;
  beforeAll(async () => {
    school = (await createSchool(t.database.db)).school.id;
    const db = t.database.db;
    const make = async (lastName: string, firstName: string) => (await createStudent(db, school, { lastName, firstName })).id;
    ids = {
      orlov: await make('Орлов', 'Денис'), orlova: await make('Орлова', 'Дарья'), belov: await make('Белов', 'Глеб'),
      zaitsev: await make('Зайцев', 'Лев'), moved: await make('Морозов', 'Ян'), fresh: await make('Носов', 'Ник'),
    };
    ({ year, classIds } = await createYearWithClasses(db, school, {
      '5А': [{ studentId: ids.orlov! }, { studentId: ids.belov! }, { studentId: ids.moved!, endsOn: '2025-12-26' }],
      '5Б': [{ studentId: ids.orlova! }, { studentId: ids.moved!, startsOn: '2025-12-29' }, { studentId: ids.fresh!, startsOn: '2026-01-12' }],
      '6А': [{ studentId: ids.zaitsev! }],
    }));
  });
  const list = async (query = '', actor = schoolActor(school, 'deputy')) => {
    const res = await as(t.app, actor).get(`${url('', school)}?limit=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { fullName: string }) => p.fullName);
  };

  it('lists the students sorted by ФИО and finds them by a prefix of the last name or «Фамилия Имя»', async () => {
    expect(await list()).toEqual([
      'Белов Глеб Петрович', 'Зайцев Лев Петрович', 'Морозов Ян Петрович', 'Носов Ник Петрович', 'Орлов Денис Петрович', 'Орлова Дарья Петрович',
    ]);
    expect(await list('&search=ОРЛОВ')).toEqual(['Орлов Денис Петрович', 'Орлова Дарья Петрович']);
    expect(await list(`&search=${encodeURIComponent('орлова д')}`)).toEqual(['Орлова Дарья Петрович']);
  });

  it('gives the roster of a class on a date, following transfers', async () => {
    expect(await list(`&classId=${classIds['5А']}&on=2025-12-01`)).toEqual(['Белов Глеб Петрович', 'Морозов Ян Петрович', 'Орлов Денис Петрович']);
    expect(await list(`&classId=${classIds['5А']}&on=2026-01-15`)).toEqual(['Белов Глеб Петрович', 'Орлов Денис Петрович']);
    expect(await list(`&classId=${classIds['5Б']}&on=2026-01-15&search=мор`)).toEqual(['Морозов Ян Петрович']);
    expect(await list(`&classId=${classIds['5А']}&on=2025-08-31`)).toEqual([]);
  });

  it('takes today as the roster date by default', async () => {
    expect(await list(`&classId=${classIds['5Б']}`)).toEqual(['Морозов Ян Петрович', 'Носов Ник Петрович', 'Орлова Дарья Петрович']);
  });

  it('gives the students of every class of a grade in a year', async () => {
    expect(await list(`&grade=5&academicYearId=${year.id}&on=2025-10-01`)).toEqual([
      'Белов Глеб Петрович', 'Морозов Ян Петрович', 'Орлов Денис Петрович', 'Орлова Дарья Петрович',
    ]);
    expect(await list(`&grade=6&academicYearId=${year.id}&on=2025-10-01`)).toEqual(['Зайцев Лев Петрович']);
    expect(await list(`&grade=7&academicYearId=${year.id}&on=2025-10-01`)).toEqual([]);
  });

  it('pages a roster by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, schoolActor(school, 'admin'))
        .get(`${url('', school)}?limit=1&grade=5&academicYearId=${year.id}&on=2025-10-01${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((p: { fullName: string }) => p.fullName));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('refuses inconsistent filters and classes or years of another school with 400', async () => {
    const foreign = await createYearWithClasses(t.database.db, otherSchoolId, { '5А': [] });
    const cases: [string, string][] = [
      [`classId=${foreign.classIds['5А']}`, 'classId'],
      [`classId=${unknownId}`, 'classId'],
      [`grade=5&academicYearId=${foreign.year.id}`, 'academicYearId'],
      ['grade=5', 'academicYearId'],
      [`academicYearId=${year.id}`, 'grade'],
      [`classId=${classIds['5А']}&grade=5&academicYearId=${year.id}`, 'grade'],
      ['on=2025-10-01', 'on'],
      [`classId=${classIds['5А']}&on=${encodeURIComponent('вчера')}`, 'on'],
      ['grade=13&academicYearId=' + year.id, 'grade'],
      ['classId=abc', 'classId'],
    ];
    for (const [query, field] of cases) {
      const res = await as(t.app, schoolActor(school, 'admin')).get(`${url('', school)}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.fields[field], query).toBeTruthy();
    }
  });
});

describe('who may read and write students', () => {
  it('asks for a sign-in without an actor', async () => {
    expect((await as(t.app, null).get(url())).statusCode).toBe(401);
    expect((await as(t.app, null).post(url(), kuznetsov)).statusCode).toBe(401);
  });

  it('lets a deputy read but not write, and the refused writes change nothing', async () => {
    const deputy = schoolActor(schoolId, 'deputy');
    const student = await createStudent(t.database.db, schoolId);
    const before = await rows();
    expect((await as(t.app, deputy).get(url(`/${student.id}`))).statusCode).toBe(200);
    for (const res of [
      await as(t.app, deputy).post(url(), { ...kuznetsov, snils: null }),
      await as(t.app, deputy).patch(url(`/${student.id}`), { firstName: 'Анна' }),
      await as(t.app, deputy).delete(url(`/${student.id}`)),
    ]) expect(res.statusCode).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it('hides every student from a teacher with no groups: 404 to read or change, 403 to add or delete', async () => {
    const teacher = schoolActor(schoolId, 'teacher');
    const student = await createStudent(t.database.db, schoolId);
    const before = await rows();
    expect((await as(t.app, teacher).get(url())).json().items).toEqual([]);
    expect((await as(t.app, teacher).get(url(`/${student.id}`))).statusCode).toBe(404);
    expect((await as(t.app, teacher).patch(url(`/${student.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, teacher).post(url(), { ...kuznetsov, snils: null })).statusCode).toBe(403);
    expect((await as(t.app, teacher).delete(url(`/${student.id}`))).statusCode).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it('lists to a student only themself and to a guardian only their own children', async () => {
    const db = t.database.db;
    const [self, child, stranger] = [await createStudent(db, schoolId), await createStudent(db, schoolId), await createStudent(db, schoolId)];
    const mother = await createGuardian(db, schoolId);
    await linkGuardian(db, schoolId, child.id, mother.id);
    const ids = async (actor: ReturnType<typeof schoolActor>) => (await as(t.app, actor).get(url('?limit=500'))).json().items.map((s: { id: string }) => s.id);
    expect(await ids(schoolActor(schoolId, 'student', self.id))).toEqual([self.id]);
    expect(await ids(schoolActor(schoolId, 'guardian', mother.id))).toEqual([child.id]);
    expect((await as(t.app, schoolActor(schoolId, 'guardian', mother.id)).get(url(`/${stranger.id}`))).statusCode).toBe(404);
    expect(await ids(schoolActor(schoolId, 'student'))).toEqual([]);
  });

  it('answers 404 to an admin of another school, reading or writing', async () => {
    const outsider = schoolActor(otherSchoolId, 'admin');
    const student = await createStudent(t.database.db, schoolId);
    const before = await rows();
    expect((await as(t.app, outsider).get(url())).statusCode).toBe(404);
    expect((await as(t.app, outsider).get(url(`/${student.id}`))).statusCode).toBe(404);
    expect((await as(t.app, outsider).post(url(), { ...kuznetsov, snils: null })).statusCode).toBe(404);
    expect((await as(t.app, outsider).patch(url(`/${student.id}`), { firstName: 'Анна' })).statusCode).toBe(404);
    expect((await as(t.app, outsider).delete(url(`/${student.id}`))).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });
});
