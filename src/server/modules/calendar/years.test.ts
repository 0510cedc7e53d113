import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYears, bellSchedules, bells, holidays, periods } from '../../db/schema/calendar.ts';
import {
  countOf, createBellSchedule, createHolidays, createQuartersAndHalves, createYear,
} from '../../../../tests/factories/calendar.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { schoolWithAdmin } from '../../../../tests/factories/testSchools.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function setup() {
  const { school, admin } = await schoolWithAdmin(t.database.db);
  const base = `/api/v1/schools/${school.id}/academic-years`;
  const years = () => countOf(t.database.db, academicYears, school.id);
  return { school, admin, base, years };
}

describe('academic years', () => {
  it('creates a year in planning with a five-day week, then reads, lists and renames it', async () => {
    const { admin, base } = await setup();
    const created = await as(t.app, admin).post(base, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31' });
    expect(created.statusCode).toBe(201);
    const year = created.json();
    expect(year).toMatchObject({ name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'planning', weekDays: 5 });
    expect((await as(t.app, admin).get(`${base}/${year.id}`)).json()).toEqual(year);
    const renamed = await as(t.app, admin).patch(`${base}/${year.id}`, { name: '2025–2026 учебный год', weekDays: 6 });
    expect(renamed.json()).toMatchObject({ name: '2025–2026 учебный год', weekDays: 6, startsOn: '2025-09-01', status: 'planning' });
    const list = await as(t.app, admin).get(base);
    expect(list.json()).toEqual({ items: [renamed.json()], nextCursor: null });
  });

  it('pages through the years in date order and filters them by status', async () => {
    const { school, admin, base } = await setup();
    for (const startYear of [2023, 2021, 2022, 2024]) await createYear(t.database.db, school.id, { startYear });
    await createYear(t.database.db, school.id, { startYear: 2025, status: 'open' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, admin).get(`${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((y: { name: string }) => y.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2021/2022', '2022/2023', '2023/2024', '2024/2025', '2025/2026']);
    const open = await as(t.app, admin).get(`${base}?status=open`);
    expect(open.json().items.map((y: { name: string }) => y.name)).toEqual(['2025/2026']);
    expect((await as(t.app, admin).get(`${base}?status=running`)).statusCode).toBe(400);
    expect((await as(t.app, admin).get(`${base}?cursor=zzz`)).json().error.code).toBe('pagination.bad_cursor');
    for (const forged of ['WyJ4IiwieSJd', 'WzEsMl0', 'WyIyMDI1LTA5LTAxIiwienoiXQ']) {
      expect((await as(t.app, admin).get(`${base}?cursor=${forged}`)).statusCode).toBe(400);
    }
  });

  it('refuses wrong types, missing fields, reversed or overlong dates and an odd week with 400 and no new row', async () => {
    const { admin, base, years } = await setup();
    const before = await years();
    const wrongTypes = await as(t.app, admin).post(base, { name: 2025, startsOn: '01.09.2025', endsOn: 20260531, weekDays: '5' });
    expect(wrongTypes.statusCode).toBe(400);
    expect(Object.keys(wrongTypes.json().error.fields).sort()).toEqual(['endsOn', 'name', 'startsOn', 'weekDays']);
    const missing = await as(t.app, admin).post(base, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ name: 'Обязательное поле', startsOn: 'Обязательное поле', endsOn: 'Обязательное поле' });
    const impossible = await as(t.app, admin).post(base, { name: 'X', startsOn: '2025-02-30', endsOn: '2025-06-01' });
    expect(impossible.json().error.fields.startsOn).toBeDefined();
    const reversed = await as(t.app, admin).post(base, { name: 'X', startsOn: '2026-05-31', endsOn: '2025-09-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields).toEqual({ endsOn: 'Позже даты начала' });
    const oneDay = await as(t.app, admin).post(base, { name: 'X', startsOn: '2025-09-01', endsOn: '2025-09-01' });
    expect(oneDay.statusCode).toBe(400);
    const overlong = await as(t.app, admin).post(base, { name: 'X', startsOn: '2025-09-01', endsOn: '2027-05-31' });
    expect(overlong.json().error.code).toBe('academic_year.too_long');
    const sevenDays = await as(t.app, admin).post(base, { name: 'X', startsOn: '2025-09-01', endsOn: '2026-05-31', weekDays: 7 });
    expect(sevenDays.json().error.fields.weekDays).toBe('Пятидневная (5) или шестидневная (6) неделя');
    const blank = await as(t.app, admin).post(base, { name: '  ', startsOn: '2025-09-01', endsOn: '2026-05-31' });
    expect(blank.json().error.fields.name).toBe('Не может быть пустым');
    expect(await years()).toBe(before);
  });

  it('refuses a year that shares a day with another year or repeats its name with 409 and no new row', async () => {
    const { school, admin, base, years } = await setup();
    await createYear(t.database.db, school.id, { startYear: 2025 });
    const before = await years();
    const overlap = await as(t.app, admin).post(base, { name: 'Другой', startsOn: '2026-05-31', endsOn: '2027-05-31' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('academic_year.overlap');
    expect(Object.keys(overlap.json().error.fields).sort()).toEqual(['endsOn', 'startsOn']);
    const duplicate = await as(t.app, admin).post(base, { name: '2025/2026', startsOn: '2026-09-01', endsOn: '2027-05-31' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'conflict.duplicate', fields: { name: 'Уже занято' } });
    expect(await years()).toBe(before);
    const next = await as(t.app, admin).post(base, { name: 'Следующий', startsOn: '2026-06-01', endsOn: '2027-05-31' });
    expect(next.statusCode).toBe(201);
  });

  it('refuses to move a year onto another or past its periods and holidays, and keeps it as it was', async () => {
    const { school, admin, base } = await setup();
    const year = await createYear(t.database.db, school.id, { startYear: 2025 });
    await createYear(t.database.db, school.id, { startYear: 2026 });
    await createQuartersAndHalves(t.database.db, school.id, year.id);
    await createHolidays(t.database.db, school.id, year.id);
    const url = `${base}/${year.id}`;
    const onto = await as(t.app, admin).patch(url, { endsOn: '2026-09-01' });
    expect(onto.statusCode).toBe(409);
    expect(onto.json().error.code).toBe('academic_year.overlap');
    const shrunk = await as(t.app, admin).patch(url, { startsOn: '2025-09-02', endsOn: '2026-05-20' });
    expect(shrunk.statusCode).toBe(409);
    expect(shrunk.json().error.code).toBe('academic_year.content_outside');
    expect(Object.keys(shrunk.json().error.fields).sort()).toEqual(['endsOn', 'startsOn']);
    const reversed = await as(t.app, admin).patch(url, { startsOn: '2026-06-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields.endsOn).toBeDefined();
    const wrongType = await as(t.app, admin).patch(url, { weekDays: 'six' });
    expect(wrongType.statusCode).toBe(400);
    expect((await as(t.app, admin).get(url)).json()).toMatchObject({ startsOn: '2025-09-01', endsOn: '2026-05-31', weekDays: 5 });
    const widened = await as(t.app, admin).patch(url, { startsOn: '2025-08-25', endsOn: '2026-05-31' });
    expect(widened.statusCode).toBe(200);
    expect(widened.json().startsOn).toBe('2025-08-25');
  });

  it('answers 404 for an unknown year and for a year of another school, and 400 for a malformed id', async () => {
    const { admin, base } = await setup();
    const { school: other } = await createSchool(t.database.db);
    const foreign = await createYear(t.database.db, other.id);
    for (const id of [unknownId, foreign.id]) {
      expect((await as(t.app, admin).get(`${base}/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin).patch(`${base}/${id}`, { name: 'Захват' })).statusCode).toBe(404);
      expect((await as(t.app, admin).delete(`${base}/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin).post(`${base}/${id}/open`)).json().error.code).toBe('academic_year.not_found');
    }
    expect((await as(t.app, admin).get(`${base}/not-a-uuid`)).statusCode).toBe(400);
    expect((await as(t.app, schoolActor(other.id, 'admin')).get(`/api/v1/schools/${other.id}/academic-years/${foreign.id}`)).json())
      .toMatchObject({ name: foreign.name, status: 'planning' });
  });
});

describe('academic year statuses', () => {
  it('opens, closes and archives a year, one open year at a time', async () => {
    const { school, admin, base } = await setup();
    const current = await createYear(t.database.db, school.id, { startYear: 2025 });
    const next = await createYear(t.database.db, school.id, { startYear: 2026 });
    const opened = await as(t.app, admin).post(`${base}/${current.id}/open`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().status).toBe('open');
    const second = await as(t.app, admin).post(`${base}/${next.id}/open`);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('academic_year.already_open');
    expect((await as(t.app, admin).get(`${base}/${next.id}`)).json().status).toBe('planning');
    expect((await as(t.app, admin).post(`${base}/${current.id}/close`)).json().status).toBe('closed');
    expect((await as(t.app, admin).post(`${base}/${next.id}/open`)).json().status).toBe('open');
    expect((await as(t.app, admin).post(`${base}/${current.id}/archive`)).json().status).toBe('archived');
  });

  it('refuses a transition from the wrong status with 409 and leaves the status alone', async () => {
    const { school, admin, base } = await setup();
    const cases = [
      { status: 'planning', step: 'close' }, { status: 'planning', step: 'archive' },
      { status: 'open', step: 'open' }, { status: 'open', step: 'archive' },
      { status: 'closed', step: 'open' }, { status: 'closed', step: 'close' },
      { status: 'archived', step: 'open' }, { status: 'archived', step: 'close' }, { status: 'archived', step: 'archive' },
    ] as const;
    let startYear = 2000;
    for (const { status, step } of cases) {
      const year = await createYear(t.database.db, school.id, { startYear: startYear++, status: status === 'open' ? 'planning' : status });
      if (status === 'open') await as(t.app, admin).post(`${base}/${year.id}/open`);
      const res = await as(t.app, admin).post(`${base}/${year.id}/${step}`);
      expect(res.statusCode, `${status} → ${step}`).toBe(409);
      expect(res.json().error.code).toBe('academic_year.bad_transition');
      expect((await as(t.app, admin).get(`${base}/${year.id}`)).json().status).toBe(status);
      if (status === 'open') await as(t.app, admin).post(`${base}/${year.id}/close`);
    }
    expect((await as(t.app, admin).post(`${base}/${unknownId}/reopen`)).statusCode).toBe(404);
  });

  it('deletes a planned year with its periods, holidays and bells', async () => {
    const { school, admin, base, years } = await setup();
    const year = await createYear(t.database.db, school.id);
    await createQuartersAndHalves(t.database.db, school.id, year.id);
    await createHolidays(t.database.db, school.id, year.id);
    await createBellSchedule(t.database.db, school.id, year.id);
    const res = await as(t.app, admin).delete(`${base}/${year.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deleted: true });
    expect(await years()).toBe(0);
    for (const table of [periods, holidays, bellSchedules, bells]) expect(await countOf(t.database.db, table, school.id)).toBe(0);
    expect((await as(t.app, admin).get(`${base}/${year.id}`)).statusCode).toBe(404);
  });

  it('refuses to delete a year once opened, and keeps it with its calendar', async () => {
    const { school, admin, base, years } = await setup();
    const year = await createYear(t.database.db, school.id, { status: 'open' });
    await createHolidays(t.database.db, school.id, year.id);
    const res = await as(t.app, admin).delete(`${base}/${year.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('academic_year.not_planning');
    expect(await years()).toBe(1);
    expect(await countOf(t.database.db, holidays, school.id)).toBe(3);
  });

  it('keeps a closed year as it is: no edit of the year, its periods, holidays or bells', async () => {
    const { school, admin, base } = await setup();
    const year = await createYear(t.database.db, school.id, { status: 'open' });
    const [period] = await createQuartersAndHalves(t.database.db, school.id, year.id);
    const [holiday] = await createHolidays(t.database.db, school.id, year.id);
    const schedule = await createBellSchedule(t.database.db, school.id, year.id);
    await as(t.app, admin).post(`${base}/${year.id}/close`);
    const s = `/api/v1/schools/${school.id}`;
    const refused = [
      await as(t.app, admin).patch(`${base}/${year.id}`, { name: 'Новое имя' }),
      await as(t.app, admin).post(`${s}/periods`, {
        academicYearId: year.id, name: 'Лишний', kind: 'quarter', gradeFrom: 12, gradeTo: 12, startsOn: '2025-09-01', endsOn: '2025-10-01',
      }),
      await as(t.app, admin).patch(`${s}/periods/${period!.id}`, { name: 'Другая' }),
      await as(t.app, admin).delete(`${s}/periods/${period!.id}`),
      await as(t.app, admin).post(`${s}/holidays`, { academicYearId: year.id, name: 'Праздник', kind: 'holiday', startsOn: '2026-03-09', endsOn: '2026-03-09' }),
      await as(t.app, admin).patch(`${s}/holidays/${holiday!.id}`, { name: 'Другие' }),
      await as(t.app, admin).delete(`${s}/holidays/${holiday!.id}`),
      await as(t.app, admin).post(`${s}/bell-schedules`, { academicYearId: year.id, name: 'Сокращённое', bells: [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:00' }] }),
      await as(t.app, admin).patch(`${s}/bell-schedules/${schedule.id}`, { bells: [{ lessonNumber: 1, startsAt: '09:00', endsAt: '09:40' }] }),
      await as(t.app, admin).delete(`${s}/bell-schedules/${schedule.id}`),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('academic_year.locked');
    }
    expect((await as(t.app, admin).get(`${base}/${year.id}`)).json().name).toBe(year.name);
    expect(await countOf(t.database.db, periods, school.id)).toBe(6);
    expect(await countOf(t.database.db, holidays, school.id)).toBe(3);
    expect((await as(t.app, admin).get(`${s}/bell-schedules/${schedule.id}`)).json().bells[0].startsAt).toBe('08:30');
  });
});

describe('who may touch academic years', () => {
  it('lets teachers, students and guardians read the calendar but only the admin write it', async () => {
    const { school, base, years } = await setup();
    const year = await createYear(t.database.db, school.id);
    for (const role of ['teacher', 'student', 'guardian', 'deputy'] as const) {
      const reader = schoolActor(school.id, role);
      expect((await as(t.app, reader).get(base)).statusCode).toBe(200);
      expect((await as(t.app, reader).get(`${base}/${year.id}`)).statusCode).toBe(200);
    }
    const teacher = schoolActor(school.id, 'teacher');
    const before = await years();
    expect((await as(t.app, teacher).post(base, { name: 'Свой год', startsOn: '2026-09-01', endsOn: '2027-05-31' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).patch(`${base}/${year.id}`, { name: 'Свой' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).post(`${base}/${year.id}/open`)).statusCode).toBe(403);
    expect((await as(t.app, teacher).delete(`${base}/${year.id}`)).statusCode).toBe(403);
    expect(await years()).toBe(before);
    expect((await as(t.app, teacher).get(`${base}/${year.id}`)).json()).toMatchObject({ name: year.name, status: 'planning' });
  });

  it('answers 401 without an actor and 404 to an admin of another school, changing nothing', async () => {
    const { school, base, years } = await setup();
    const year = await createYear(t.database.db, school.id);
    const { school: other } = await createSchool(t.database.db);
    const stranger = schoolActor(other.id, 'admin');
    expect((await as(t.app, null).get(base)).statusCode).toBe(401);
    expect((await as(t.app, null).post(base, { name: 'X', startsOn: '2026-09-01', endsOn: '2027-05-31' })).statusCode).toBe(401);
    for (const res of [
      await as(t.app, stranger).get(base),
      await as(t.app, stranger).get(`${base}/${year.id}`),
      await as(t.app, stranger).post(base, { name: 'X', startsOn: '2026-09-01', endsOn: '2027-05-31' }),
      await as(t.app, stranger).patch(`${base}/${year.id}`, { name: 'Захват' }),
      await as(t.app, stranger).post(`${base}/${year.id}/open`),
      await as(t.app, stranger).delete(`${base}/${year.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect(await years()).toBe(1);
    expect((await as(t.app, schoolActor(school.id, 'admin')).get(`${base}/${year.id}`)).json()).toMatchObject({ name: year.name, status: 'planning' });
  });
});
