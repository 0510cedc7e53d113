import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holidays } from '../../db/schema/calendar.ts';
import { countOf, createHolidays, createYear } from '../../../../tests/factories/calendar.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { schoolWithAdmin } from '../../../../tests/factories/testSchools.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function setup() {
  const { school, admin } = await schoolWithAdmin(t.database.db);
  const year = await createYear(t.database.db, school.id, { startYear: 2025, status: 'open' });
  const base = `/api/v1/schools/${school.id}/holidays`;
  const count = () => countOf(t.database.db, holidays, school.id);
  const body = (over: Record<string, unknown> = {}) => ({
    academicYearId: year.id, name: 'Зимние каникулы', kind: 'vacation', startsOn: '2025-12-29', endsOn: '2026-01-11', ...over,
  });
  return { school, admin, year, base, count, body };
}

describe('holidays', () => {
  it('adds whole-school vacations and a February week for grade 1, and reads, edits and lists them', async () => {
    const { admin, year, base, body } = await setup();
    const winter = await as(t.app, admin).post(base, body());
    expect(winter.statusCode).toBe(201);
    expect(winter.json()).toMatchObject({ academicYearId: year.id, name: 'Зимние каникулы', kind: 'vacation', gradeFrom: null, gradeTo: null });
    const february = await as(t.app, admin).post(base, body({ name: 'Дополнительные каникулы', startsOn: '2026-02-16', endsOn: '2026-02-22', gradeFrom: 1, gradeTo: 1 }));
    expect(february.json()).toMatchObject({ gradeFrom: 1, gradeTo: 1 });
    const day = await as(t.app, admin).post(base, body({ name: 'День защитника Отечества', kind: 'holiday', startsOn: '2026-02-23', endsOn: '2026-02-23' }));
    expect(day.statusCode).toBe(201);
    expect((await as(t.app, admin).get(`${base}/${winter.json().id}`)).json()).toEqual(winter.json());
    const edited = await as(t.app, admin).patch(`${base}/${winter.json().id}`, { endsOn: '2026-01-08' });
    expect(edited.json()).toMatchObject({ startsOn: '2025-12-29', endsOn: '2026-01-08', name: 'Зимние каникулы' });
    expect((await as(t.app, admin).patch(`${base}/${winter.json().id}`, {})).json()).toEqual(edited.json());
    const all = await as(t.app, admin).get(`${base}?academicYearId=${year.id}`);
    expect(all.json().items.map((h: { name: string }) => h.name)).toEqual(['Зимние каникулы', 'Дополнительные каникулы', 'День защитника Отечества']);
    const grade2 = await as(t.app, admin).get(`${base}?academicYearId=${year.id}&grade=2`);
    expect(grade2.json().items.map((h: { name: string }) => h.name)).toEqual(['Зимние каникулы', 'День защитника Отечества']);
    const banded = await as(t.app, admin).patch(`${base}/${winter.json().id}`, { gradeFrom: 5, gradeTo: 11 });
    expect(banded.json()).toMatchObject({ gradeFrom: 5, gradeTo: 11 });
    const whole = await as(t.app, admin).patch(`${base}/${winter.json().id}`, { gradeFrom: null, gradeTo: null });
    expect(whole.json()).toMatchObject({ gradeFrom: null, gradeTo: null });
  });

  it('refuses wrong types, missing fields, a half or reversed band and reversed dates with 400 and no new row', async () => {
    const { admin, base, count, body } = await setup();
    const wrongTypes = await as(t.app, admin).post(base, body({ name: null, kind: 'weekend', startsOn: '2025-12-32', gradeFrom: 'first' }));
    expect(wrongTypes.statusCode).toBe(400);
    expect(Object.keys(wrongTypes.json().error.fields).sort()).toEqual(['gradeFrom', 'kind', 'name', 'startsOn']);
    const missing = await as(t.app, admin).post(base, { gradeFrom: 1 });
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['academicYearId', 'endsOn', 'kind', 'name', 'startsOn']);
    const half = await as(t.app, admin).post(base, body({ gradeFrom: 1 }));
    expect(half.statusCode).toBe(400);
    expect(half.json().error.fields).toEqual({ gradeTo: 'Укажите обе границы параллелей или ни одной' });
    expect((await as(t.app, admin).post(base, body({ gradeFrom: 4, gradeTo: 1 }))).json().error.fields).toEqual({ gradeTo: 'Не меньше начальной параллели' });
    expect((await as(t.app, admin).post(base, body({ endsOn: '2025-12-28' }))).json().error.fields).toEqual({ endsOn: 'Не раньше даты начала' });
    expect(await count()).toBe(0);
  });

  it('refuses a holiday outside its year with 400 on the dates that stick out', async () => {
    const { admin, base, count, body } = await setup();
    const summer = await as(t.app, admin).post(base, body({ name: 'Летние каникулы', startsOn: '2026-06-01', endsOn: '2026-08-31' }));
    expect(summer.statusCode).toBe(400);
    expect(summer.json().error).toMatchObject({
      code: 'holiday.outside_year', fields: { startsOn: 'За пределами учебного года', endsOn: 'За пределами учебного года' },
    });
    const straddling = await as(t.app, admin).post(base, body({ startsOn: '2025-08-30', endsOn: '2025-09-02' }));
    expect(straddling.json().error.fields).toEqual({ startsOn: 'За пределами учебного года' });
    expect(await count()).toBe(0);
  });

  it('refuses the same vacation twice for a grade but accepts a public holiday inside a vacation', async () => {
    const { school, admin, year, base, count, body } = await setup();
    const [autumn] = await createHolidays(t.database.db, school.id, year.id);
    const before = await count();
    const twice = await as(t.app, admin).post(base, body({ name: 'Осенние каникулы', startsOn: '2025-10-27', endsOn: '2025-11-02', gradeFrom: 1, gradeTo: 4 }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('holiday.overlap');
    const sameDay = await as(t.app, admin).post(base, body({ name: 'День народного единства', kind: 'holiday', startsOn: '2025-11-04', endsOn: '2025-11-04' }));
    expect(sameDay.statusCode).toBe(409);
    const stretched = await as(t.app, admin).patch(`${base}/${autumn!.id}`, { endsOn: '2026-02-20' });
    expect(stretched.statusCode).toBe(409);
    expect(await count()).toBe(before);
    expect((await as(t.app, admin).get(`${base}/${autumn!.id}`)).json().endsOn).toBe('2025-11-04');
    const inside = await as(t.app, admin).post(base, body({ name: 'Новогодние праздники', kind: 'holiday', startsOn: '2026-01-01', endsOn: '2026-01-08' }));
    expect(inside.statusCode).toBe(201);
  });

  it('answers 400 for a year unknown or of another school, and 404 for such a holiday', async () => {
    const { admin, base, count, body } = await setup();
    const { school: other } = await createSchool(t.database.db);
    const foreignYear = await createYear(t.database.db, other.id, { status: 'open' });
    const [foreignHoliday] = await createHolidays(t.database.db, other.id, foreignYear.id);
    for (const academicYearId of [unknownId, foreignYear.id]) {
      const res = await as(t.app, admin).post(base, body({ academicYearId }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ academicYearId: 'Учебный год не найден' });
    }
    for (const id of [unknownId, foreignHoliday!.id]) {
      expect((await as(t.app, admin).get(`${base}/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin).patch(`${base}/${id}`, { name: 'Захват' })).statusCode).toBe(404);
      expect((await as(t.app, admin).delete(`${base}/${id}`)).statusCode).toBe(404);
    }
    expect((await as(t.app, admin).get(`${base}/bad-id`)).statusCode).toBe(400);
    expect(await count()).toBe(0);
    expect((await as(t.app, schoolActor(other.id, 'admin')).get(`/api/v1/schools/${other.id}/holidays/${foreignHoliday!.id}`)).json().name)
      .toBe('Осенние каникулы');
  });

  it('deletes a holiday', async () => {
    const { school, admin, year, base, count } = await setup();
    const [autumn] = await createHolidays(t.database.db, school.id, year.id);
    expect((await as(t.app, admin).delete(`${base}/${autumn!.id}`)).json()).toEqual({ deleted: true });
    expect(await count()).toBe(2);
  });

  it('lets students read holidays; refuses a teacher (403), a stranger (404) and no actor (401)', async () => {
    const { school, admin, year, base, count, body } = await setup();
    const [autumn] = await createHolidays(t.database.db, school.id, year.id);
    const student = schoolActor(school.id, 'student');
    expect((await as(t.app, student).get(`${base}?grade=1`)).json().items).toHaveLength(3);
    expect((await as(t.app, student).get(`${base}/${autumn!.id}`)).statusCode).toBe(200);
    const teacher = schoolActor(school.id, 'teacher');
    expect((await as(t.app, teacher).get(base)).statusCode).toBe(200);
    const { school: other } = await createSchool(t.database.db);
    const stranger = schoolActor(other.id, 'admin');
    for (const [actor, status] of [[teacher, 403], [student, 403], [stranger, 404], [null, 401]] as const) {
      expect((await as(t.app, actor).post(base, body())).statusCode).toBe(status);
      expect((await as(t.app, actor).patch(`${base}/${autumn!.id}`, { name: 'Захват' })).statusCode).toBe(status);
      expect((await as(t.app, actor).delete(`${base}/${autumn!.id}`)).statusCode).toBe(status);
    }
    expect((await as(t.app, stranger).get(`${base}/${autumn!.id}`)).statusCode).toBe(404);
    expect(await count()).toBe(3);
    expect((await as(t.app, admin).get(`${base}/${autumn!.id}`)).json().name).toBe('Осенние каникулы');
  });
});
