import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';
import { countOf, createBellSchedule, createYear, standardBells } from '../../../../tests/factories/calendar.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { schoolWithAdmin } from '../../../../tests/factories/testSchools.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const bell = (lessonNumber: number, startsAt: string, endsAt: string) => ({ lessonNumber, startsAt, endsAt });

async function setup() {
  const { school, admin } = await schoolWithAdmin(t.database.db);
  const year = await createYear(t.database.db, school.id, { startYear: 2025, status: 'open' });
  const base = `/api/v1/schools/${school.id}/bell-schedules`;
  const counts = async () => [await countOf(t.database.db, bellSchedules, school.id), await countOf(t.database.db, bells, school.id)];
  const body = (over: Record<string, unknown> = {}) => ({ academicYearId: year.id, name: 'Основное', bells: standardBells, ...over });
  return { school, admin, year, base, counts, body };
}

describe('bell schedules', () => {
  it('creates a schedule with its bells in lesson order and shows times as HH:MM', async () => {
    const { admin, year, base, body } = await setup();
    const res = await as(t.app, admin).post(base, body({ bells: [bell(2, '09:25', '10:10'), bell(0, '07:45', '08:20'), bell(1, '08:30', '09:15')] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      academicYearId: year.id, name: 'Основное', isDefault: false,
      bells: [bell(0, '07:45', '08:20'), bell(1, '08:30', '09:15'), bell(2, '09:25', '10:10')],
    });
    expect((await as(t.app, admin).get(`${base}/${res.json().id}`)).json()).toEqual(res.json());
    const list = await as(t.app, admin).get(`${base}?academicYearId=${year.id}`);
    expect(list.json()).toEqual({ items: [res.json()], nextCursor: null });
  });

  it('keeps one default schedule per year: a new default unsets the old one', async () => {
    const { admin, year, base, body } = await setup();
    const main = (await as(t.app, admin).post(base, body({ isDefault: true }))).json();
    const short = (await as(t.app, admin).post(base, body({ name: 'Сокращённое', isDefault: true, bells: [bell(1, '08:30', '09:00')] }))).json();
    const defaults = async () => (await as(t.app, admin).get(`${base}?academicYearId=${year.id}`)).json().items
      .filter((s: { isDefault: boolean }) => s.isDefault).map((s: { name: string }) => s.name);
    expect(short.isDefault).toBe(true);
    expect(await defaults()).toEqual(['Сокращённое']);
    expect((await as(t.app, admin).patch(`${base}/${main.id}`, { isDefault: true })).json().isDefault).toBe(true);
    expect(await defaults()).toEqual(['Основное']);
    expect((await as(t.app, admin).patch(`${base}/${main.id}`, { isDefault: false })).json().isDefault).toBe(false);
    expect(await defaults()).toEqual([]);
  });

  it('replaces every bell on PATCH with bells, and keeps them on a rename', async () => {
    const { admin, base, body, counts } = await setup();
    const created = (await as(t.app, admin).post(base, body())).json();
    const renamed = await as(t.app, admin).patch(`${base}/${created.id}`, { name: 'Понедельник' });
    expect(renamed.json()).toMatchObject({ name: 'Понедельник', bells: created.bells });
    const replaced = await as(t.app, admin).patch(`${base}/${created.id}`, { bells: [bell(1, '09:00', '09:40'), bell(2, '09:50', '10:30')] });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().bells).toEqual([bell(1, '09:00', '09:40'), bell(2, '09:50', '10:30')]);
    expect(await counts()).toEqual([1, 2]);
  });

  it('refuses repeated lesson numbers, a lesson ending before it starts and overlapping lessons with 400, keeping the bells', async () => {
    const { admin, base, body, counts } = await setup();
    const created = (await as(t.app, admin).post(base, body())).json();
    const before = await counts();
    const repeated = await as(t.app, admin).post(base, body({ name: 'Б', bells: [bell(1, '08:30', '09:15'), bell(1, '09:25', '10:10')] }));
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error).toMatchObject({ code: 'bell_schedule.bad_bells', fields: { 'bells.1.lessonNumber': 'Номер урока повторяется' } });
    const backwards = await as(t.app, admin).post(base, body({ name: 'Б', bells: [bell(1, '09:15', '08:30')] }));
    expect(backwards.json().error.fields).toHaveProperty(['bells.0.endsAt']);
    const overlapping = await as(t.app, admin).post(base, body({ name: 'Б', bells: [bell(1, '08:30', '09:15'), bell(2, '09:00', '09:45')] }));
    expect(overlapping.json().error.fields).toEqual({ 'bells.1.startsAt': 'Раньше окончания урока № 1' });
    const outOfOrder = await as(t.app, admin).post(base, body({ name: 'Б', bells: [bell(1, '10:00', '10:45'), bell(2, '08:30', '09:15')] }));
    expect(outOfOrder.statusCode).toBe(400);
    const patched = await as(t.app, admin).patch(`${base}/${created.id}`, { name: 'Иное', bells: [bell(1, '08:30', '09:15'), bell(2, '09:00', '09:45')] });
    expect(patched.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await as(t.app, admin).get(`${base}/${created.id}`)).json()).toEqual(created);
  });

  it('refuses wrong types, missing fields, bad times and a duplicate name with 4xx and no new row', async () => {
    const { admin, base, body, counts } = await setup();
    await as(t.app, admin).post(base, body());
    const before = await counts();
    const wrongTypes = await as(t.app, admin).post(base, body({ name: 5, isDefault: 'yes', bells: [{ lessonNumber: '1', startsAt: '8:30', endsAt: '24:00' }] }));
    expect(wrongTypes.statusCode).toBe(400);
    expect(Object.keys(wrongTypes.json().error.fields).sort())
      .toEqual(['bells.0.endsAt', 'bells.0.lessonNumber', 'bells.0.startsAt', 'isDefault', 'name']);
    const missing = await as(t.app, admin).post(base, {});
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['academicYearId', 'bells', 'name']);
    expect((await as(t.app, admin).post(base, body({ name: 'Пустое', bells: [] }))).json().error.fields.bells).toBe('Нужен хотя бы один урок');
    expect((await as(t.app, admin).post(base, body({ name: 'Б', bells: [bell(16, '08:30', '09:15')] }))).json().error.fields['bells.0.lessonNumber']).toBe('От 0 до 15');
    const duplicate = await as(t.app, admin).post(base, body({ isDefault: true }));
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'conflict.duplicate', fields: { name: 'Уже занято' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a rename onto another schedule of the year, but allows the name in another year', async () => {
    const { school, admin, base, body } = await setup();
    await as(t.app, admin).post(base, body());
    const other = (await as(t.app, admin).post(base, body({ name: 'Субботнее' }))).json();
    const clash = await as(t.app, admin).patch(`${base}/${other.id}`, { name: 'Основное' });
    expect(clash.statusCode).toBe(409);
    expect((await as(t.app, admin).get(`${base}/${other.id}`)).json().name).toBe('Субботнее');
    const nextYear = await createYear(t.database.db, school.id, { startYear: 2026 });
    expect((await as(t.app, admin).post(base, body({ academicYearId: nextYear.id }))).statusCode).toBe(201);
  });

  it('answers 400 for a year unknown or of another school, and 404 for such a schedule', async () => {
    const { admin, base, body, counts } = await setup();
    const { school: other } = await createSchool(t.database.db);
    const foreignYear = await createYear(t.database.db, other.id, { status: 'open' });
    const foreign = await createBellSchedule(t.database.db, other.id, foreignYear.id);
    for (const academicYearId of [unknownId, foreignYear.id]) {
      const res = await as(t.app, admin).post(base, body({ academicYearId }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ academicYearId: 'Учебный год не найден' });
    }
    for (const id of [unknownId, foreign.id]) {
      expect((await as(t.app, admin).get(`${base}/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin).patch(`${base}/${id}`, { isDefault: false })).statusCode).toBe(404);
      expect((await as(t.app, admin).delete(`${base}/${id}`)).statusCode).toBe(404);
    }
    expect(await counts()).toEqual([0, 0]);
    expect(await countOf(t.database.db, bells, other.id)).toBe(3);
  });

  it('deletes a schedule with its bells', async () => {
    const { school, admin, year, base, counts } = await setup();
    const schedule = await createBellSchedule(t.database.db, school.id, year.id);
    expect((await as(t.app, admin).delete(`${base}/${schedule.id}`)).json()).toEqual({ deleted: true });
    expect(await counts()).toEqual([0, 0]);
  });

  it('pages through schedules with their bells', async () => {
    const { school, admin, year, base } = await setup();
    for (const name of ['А', 'Б', 'В']) await createBellSchedule(t.database.db, school.id, year.id, name, false);
    const first = await as(t.app, admin).get(`${base}?limit=2`);
    const second = await as(t.app, admin).get(`${base}?limit=2&cursor=${first.json().nextCursor}`);
    const all = [...first.json().items, ...second.json().items];
    expect(all.map((s: { name: string }) => s.name).sort()).toEqual(['А', 'Б', 'В']);
    expect(all.every((s: { bells: unknown[] }) => s.bells.length === 3)).toBe(true);
    expect(second.json().nextCursor).toBeNull();
  });

  it('lets teachers and guardians read schedules; refuses a teacher (403), a stranger (404) and no actor (401)', async () => {
    const { school, admin, year, base, body, counts } = await setup();
    const schedule = await createBellSchedule(t.database.db, school.id, year.id);
    for (const role of ['teacher', 'guardian'] as const) {
      expect((await as(t.app, schoolActor(school.id, role)).get(`${base}/${schedule.id}`)).json().bells).toHaveLength(3);
    }
    const teacher = schoolActor(school.id, 'teacher');
    const { school: other } = await createSchool(t.database.db);
    const stranger = schoolActor(other.id, 'admin');
    for (const [actor, status] of [[teacher, 403], [stranger, 404], [null, 401]] as const) {
      expect((await as(t.app, actor).post(base, body({ name: 'Чужое' }))).statusCode).toBe(status);
      expect((await as(t.app, actor).patch(`${base}/${schedule.id}`, { bells: [bell(1, '12:00', '12:45')] })).statusCode).toBe(status);
      expect((await as(t.app, actor).delete(`${base}/${schedule.id}`)).statusCode).toBe(status);
    }
    expect((await as(t.app, stranger).get(base)).statusCode).toBe(404);
    expect(await counts()).toEqual([1, 3]);
    expect((await as(t.app, admin).get(`${base}/${schedule.id}`)).json().bells[0]).toEqual(bell(1, '08:30', '09:15'));
  });
});
