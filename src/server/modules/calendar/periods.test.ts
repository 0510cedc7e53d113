import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periods } from '../../db/schema/calendar.ts';
import { countOf, createQuartersAndHalves, createYear } from '../../../../tests/factories/calendar.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { schoolWithAdmin } from '../../../../tests/factories/testSchools.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function setup(status: 'planning' | 'open' = 'open') {
  const { school, admin } = await schoolWithAdmin(t.database.db);
  const year = await createYear(t.database.db, school.id, { startYear: 2025, status });
  const base = `/api/v1/schools/${school.id}/periods`;
  const count = () => countOf(t.database.db, periods, school.id);
  const body = (over: Record<string, unknown> = {}) => ({
    academicYearId: year.id, name: '1 триместр', kind: 'trimester', gradeFrom: 1, gradeTo: 11, startsOn: '2025-09-01', endsOn: '2025-11-30', ...over,
  });
  return { school, admin, year, base, count, body };
}

describe('periods', () => {
  it('creates trimesters, reads one, renames it and lists them by date', async () => {
    const { admin, year, base, body } = await setup();
    // seed 002: a school working by trimesters.
    const first = await as(t.app, admin).post(base, body());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ academicYearId: year.id, name: '1 триместр', kind: 'trimester', gradeFrom: 1, gradeTo: 11, startsOn: '2025-09-01', endsOn: '2025-11-30' });
    const third = await as(t.app, admin).post(base, body({ name: '3 триместр', startsOn: '2026-03-01', endsOn: '2026-05-31' }));
    const second = await as(t.app, admin).post(base, body({ name: '2 триместр', startsOn: '2025-12-01', endsOn: '2026-02-28' }));
    expect([third.statusCode, second.statusCode]).toEqual([201, 201]);
    expect((await as(t.app, admin).get(`${base}/${first.json().id}`)).json()).toEqual(first.json());
    const renamed = await as(t.app, admin).patch(`${base}/${first.json().id}`, { name: 'I триместр', endsOn: '2025-11-29' });
    expect(renamed.json()).toMatchObject({ name: 'I триместр', endsOn: '2025-11-29', startsOn: '2025-09-01', kind: 'trimester' });
    const list = await as(t.app, admin).get(`${base}?academicYearId=${year.id}`);
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['I триместр', '2 триместр', '3 триместр']);
    expect(list.json().nextCursor).toBeNull();
  });

  it('keeps quarters for 1–9 and halves for 10–11 side by side and filters them by grade', async () => {
    const { school, admin, year, base } = await setup();
    await createQuartersAndHalves(t.database.db, school.id, year.id);
    const of = async (grade: number) =>
      (await as(t.app, admin).get(`${base}?academicYearId=${year.id}&grade=${grade}`)).json().items.map((p: { name: string }) => p.name);
    expect(await of(5)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(await of(10)).toEqual(['1 полугодие', '2 полугодие']);
    expect(await of(12)).toEqual([]);
    expect((await as(t.app, admin).get(`${base}?grade=13`)).statusCode).toBe(400);
    const paged = await as(t.app, admin).get(`${base}?limit=4`);
    expect(paged.json().items).toHaveLength(4);
    const rest = await as(t.app, admin).get(`${base}?limit=4&cursor=${paged.json().nextCursor}`);
    expect(rest.json().items).toHaveLength(2);
    expect(rest.json().nextCursor).toBeNull();
  });

  it('refuses wrong types, missing fields, a reversed band or dates and an unknown kind with 400 and no new row', async () => {
    const { admin, base, count, body } = await setup();
    const before = await count();
    const wrongTypes = await as(t.app, admin).post(base, body({ gradeFrom: '1', gradeTo: 1.5, startsOn: 20250901, name: [] }));
    expect(wrongTypes.statusCode).toBe(400);
    expect(Object.keys(wrongTypes.json().error.fields).sort()).toEqual(['gradeFrom', 'gradeTo', 'name', 'startsOn']);
    const missing = await as(t.app, admin).post(base, {});
    expect(Object.keys(missing.json().error.fields).sort())
      .toEqual(['academicYearId', 'endsOn', 'gradeFrom', 'gradeTo', 'kind', 'name', 'startsOn']);
    expect((await as(t.app, admin).post(base, body({ kind: 'season' }))).json().error.fields.kind).toBeDefined();
    expect((await as(t.app, admin).post(base, body({ gradeFrom: 0 }))).json().error.fields.gradeFrom).toBe('От 1 до 12');
    const band = await as(t.app, admin).post(base, body({ gradeFrom: 9, gradeTo: 5 }));
    expect(band.statusCode).toBe(400);
    expect(band.json().error.fields).toEqual({ gradeTo: 'Не меньше начальной параллели' });
    const dates = await as(t.app, admin).post(base, body({ startsOn: '2025-11-30', endsOn: '2025-09-01' }));
    expect(dates.json().error.fields).toEqual({ endsOn: 'Не раньше даты начала' });
    expect(await count()).toBe(before);
  });

  it('refuses a period outside its year with 400 on the date that sticks out', async () => {
    const { admin, base, count, body } = await setup();
    const early = await as(t.app, admin).post(base, body({ startsOn: '2025-08-25' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'period.outside_year', fields: { startsOn: 'За пределами учебного года' } });
    const late = await as(t.app, admin).post(base, body({ startsOn: '2026-03-01', endsOn: '2026-06-15' }));
    expect(late.json().error.fields).toEqual({ endsOn: 'За пределами учебного года' });
    const beyond = await as(t.app, admin).post(base, body({ startsOn: '2026-07-01', endsOn: '2026-08-15' }));
    expect(Object.keys(beyond.json().error.fields).sort()).toEqual(['endsOn', 'startsOn']);
    expect(await count()).toBe(0);
  });

  it('refuses a period sharing days with another of intersecting grades, and a repeated name, with 409', async () => {
    const { school, admin, year, base, count, body } = await setup();
    const created = await createQuartersAndHalves(t.database.db, school.id, year.id);
    const before = await count();
    const overlap = await as(t.app, admin).post(base, body({ name: 'Спецкурс', kind: 'half', gradeFrom: 9, gradeTo: 10, startsOn: '2025-10-20', endsOn: '2025-10-30' }));
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('period.overlap');
    expect(Object.keys(overlap.json().error.fields).sort()).toEqual(['endsOn', 'startsOn']);
    const duplicate = await as(t.app, admin).post(base, body({ name: '1 четверть', kind: 'quarter', gradeFrom: 1, gradeTo: 9, startsOn: '2025-10-25', endsOn: '2025-11-04' }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'conflict.duplicate', fields: { name: 'Уже занято' } });
    const moved = await as(t.app, admin).patch(`${base}/${created[1]!.id}`, { startsOn: '2025-10-20' });
    expect(moved.statusCode).toBe(409);
    expect(await count()).toBe(before);
    expect((await as(t.app, admin).get(`${base}/${created[1]!.id}`)).json().startsOn).toBe('2025-11-05');
    const grade12 = await as(t.app, admin).post(base, body({ name: 'Особый', gradeFrom: 12, gradeTo: 12, startsOn: '2025-10-20', endsOn: '2025-10-30' }));
    expect(grade12.statusCode).toBe(201);
  });

  it('checks an edit against its year and its own band, and may reshape a period in place', async () => {
    const { school, admin, year, base } = await setup();
    const [q1] = await createQuartersAndHalves(t.database.db, school.id, year.id);
    const url = `${base}/${q1!.id}`;
    expect((await as(t.app, admin).patch(url, { endsOn: '2025-10-26' })).statusCode).toBe(200);
    expect((await as(t.app, admin).patch(url, {})).json()).toMatchObject({ name: '1 четверть', endsOn: '2025-10-26' });
    const outside = await as(t.app, admin).patch(url, { startsOn: '2025-08-01' });
    expect(outside.json().error.fields).toEqual({ startsOn: 'За пределами учебного года' });
    expect((await as(t.app, admin).patch(url, { gradeFrom: 10 })).json().error.fields).toEqual({ gradeTo: 'Не меньше начальной параллели' });
    expect((await as(t.app, admin).patch(url, { gradeTo: 'nine' })).statusCode).toBe(400);
    expect((await as(t.app, admin).patch(url, { academicYearId: unknownId, name: 'I четверть' })).json().name).toBe('I четверть');
    expect((await as(t.app, admin).get(url)).json()).toMatchObject({ academicYearId: year.id, startsOn: '2025-09-01', endsOn: '2025-10-26', gradeTo: 9 });
  });

  it('answers 400 for a year unknown or of another school, and 404 for such a period', async () => {
    const { admin, base, count, body } = await setup();
    const { school: other } = await createSchool(t.database.db);
    const foreignYear = await createYear(t.database.db, other.id, { status: 'open' });
    const [foreignPeriod] = await createQuartersAndHalves(t.database.db, other.id, foreignYear.id);
    for (const academicYearId of [unknownId, foreignYear.id]) {
      const res = await as(t.app, admin).post(base, body({ academicYearId }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ academicYearId: 'Учебный год не найден' });
    }
    for (const id of [unknownId, foreignPeriod!.id]) {
      expect((await as(t.app, admin).get(`${base}/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin).patch(`${base}/${id}`, { name: 'Захват' })).statusCode).toBe(404);
      expect((await as(t.app, admin).delete(`${base}/${id}`)).statusCode).toBe(404);
    }
    expect((await as(t.app, admin).get(`${base}?academicYearId=${foreignYear.id}`)).json().items).toEqual([]);
    expect(await count()).toBe(0);
    expect(await countOf(t.database.db, periods, other.id)).toBe(6);
  });

  it('deletes a period of a planned year', async () => {
    const { school, admin, year, base, count } = await setup('planning');
    const [q1] = await createQuartersAndHalves(t.database.db, school.id, year.id);
    expect((await as(t.app, admin).delete(`${base}/${q1!.id}`)).json()).toEqual({ deleted: true });
    expect(await count()).toBe(5);
    expect((await as(t.app, admin).get(`${base}/${q1!.id}`)).statusCode).toBe(404);
  });

  it('lets staff, students and guardians read periods; refuses a teacher (403), a stranger (404) and no actor (401)', async () => {
    const { school, admin, year, base, count, body } = await setup();
    const [q1] = await createQuartersAndHalves(t.database.db, school.id, year.id);
    for (const role of ['teacher', 'student', 'guardian'] as const) {
      const reader = schoolActor(school.id, role);
      expect((await as(t.app, reader).get(`${base}?grade=5`)).json().items).toHaveLength(4);
      expect((await as(t.app, reader).get(`${base}/${q1!.id}`)).statusCode).toBe(200);
    }
    const teacher = schoolActor(school.id, 'teacher');
    const { school: other } = await createSchool(t.database.db);
    const stranger = schoolActor(other.id, 'admin');
    const newPeriod = body({ name: 'Особый', gradeFrom: 12, gradeTo: 12 });
    for (const [actor, status] of [[teacher, 403], [stranger, 404], [null, 401]] as const) {
      expect((await as(t.app, actor).post(base, newPeriod)).statusCode).toBe(status);
      expect((await as(t.app, actor).patch(`${base}/${q1!.id}`, { name: 'Захват' })).statusCode).toBe(status);
      expect((await as(t.app, actor).delete(`${base}/${q1!.id}`)).statusCode).toBe(status);
    }
    expect((await as(t.app, stranger).get(base)).statusCode).toBe(404);
    expect((await as(t.app, null).get(base)).statusCode).toBe(401);
    expect(await count()).toBe(6);
    expect((await as(t.app, admin).get(`${base}/${q1!.id}`)).json().name).toBe('1 четверть');
  });
});
