import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { regions, schools } from '../../db/schema/organisation.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { as, createTestApp, platformAdmin, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const operator = platformAdmin();
const countRows = async (table: typeof regions | typeof schools) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

describe('regions and municipalities', () => {
  it('creates, reads, renames and lists a region for a platform operator', async () => {
    const created = await as(t.app, operator).post('/api/v1/regions', { name: 'Республика Дагестан' });
    expect(created.statusCode).toBe(201);
    const region = created.json();
    expect((await as(t.app, operator).get(`/api/v1/regions/${region.id}`)).json().name).toBe('Республика Дагестан');
    const renamed = await as(t.app, operator).patch(`/api/v1/regions/${region.id}`, { name: 'Дагестан' });
    expect(renamed.json().name).toBe('Дагестан');
    const list = await as(t.app, operator).get('/api/v1/regions?limit=500');
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(region.id);
  });

  it('pages through regions by cursor without repeating or skipping', async () => {
    for (let i = 0; i < 5; i++) await as(t.app, operator).post('/api/v1/regions', { name: `Страница ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, operator).get(`/api/v1/regions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((r: { id: string }) => r.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await countRows(regions));
  });

  it('refuses a bad cursor, an empty name and a duplicate name with 4xx and no new row', async () => {
    await as(t.app, operator).post('/api/v1/regions', { name: 'Тверская область' });
    const before = await countRows(regions);
    const badCursor = await as(t.app, operator).get('/api/v1/regions?cursor=zzz');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().error.code).toBe('pagination.bad_cursor');
    const empty = await as(t.app, operator).post('/api/v1/regions', { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.name).toBe('Не может быть пустым');
    const missing = await as(t.app, operator).post('/api/v1/regions', {});
    expect(missing.json().error.fields.name).toBe('Обязательное поле');
    const wrongType = await as(t.app, operator).post('/api/v1/regions', { name: 42 });
    expect(wrongType.statusCode).toBe(400);
    const duplicate = await as(t.app, operator).post('/api/v1/regions', { name: 'Тверская область' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'conflict.duplicate', fields: { name: 'Уже занято' } });
    expect(await countRows(regions)).toBe(before);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await as(t.app, operator).get('/api/v1/regions/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await as(t.app, operator).get('/api/v1/regions/not-a-uuid')).statusCode).toBe(400);
  });

  it('creates a municipality only in an existing region and refuses to delete a region in use', async () => {
    const region = (await as(t.app, operator).post('/api/v1/regions', { name: 'Омская область' })).json();
    const unknown = await as(t.app, operator).post('/api/v1/municipalities', {
      regionId: '01900000-0000-7000-8000-000000000000', name: 'г. Омск',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.regionId).toBeDefined();
    const municipality = await as(t.app, operator).post('/api/v1/municipalities', { regionId: region.id, name: 'г. Омск' });
    expect(municipality.statusCode).toBe(201);
    const filtered = await as(t.app, operator).get(`/api/v1/municipalities?regionId=${region.id}`);
    expect(filtered.json().items).toHaveLength(1);
    const inUse = await as(t.app, operator).delete(`/api/v1/regions/${region.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('conflict.in_use');
    expect((await as(t.app, operator).get(`/api/v1/regions/${region.id}`)).statusCode).toBe(200);
    expect((await as(t.app, operator).delete(`/api/v1/municipalities/${municipality.json().id}`)).statusCode).toBe(200);
    expect((await as(t.app, operator).delete(`/api/v1/regions/${region.id}`)).statusCode).toBe(200);
  });
});

describe('schools', () => {
  it('creates a college with defaults and lets its administrator update it but not create schools', async () => {
    const { municipality } = await createSchool(t.database.db);
    const res = await as(t.app, operator).post('/api/v1/schools', {
      municipalityId: municipality.id, name: 'КГБПОУ «Алтайский политехнический техникум»', shortName: 'АПТ', kind: 'college',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'college', timeZone: 'Europe/Moscow', address: '', inn: null });
    const admin = schoolActor(res.json().id, 'admin');
    const patched = await as(t.app, admin).patch(`/api/v1/schools/${res.json().id}`, { address: 'г. Барнаул' });
    expect(patched.json()).toMatchObject({ address: 'г. Барнаул', timeZone: 'Europe/Moscow', kind: 'college' });
    const refused = await as(t.app, admin).post('/api/v1/schools', {
      municipalityId: municipality.id, name: 'Чужая школа', shortName: 'ЧШ', kind: 'general',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses an unknown kind, time zone or INN with field messages and no new row', async () => {
    const { municipality } = await createSchool(t.database.db);
    const before = await countRows(schools);
    const res = await as(t.app, operator).post('/api/v1/schools', {
      municipalityId: municipality.id, name: 'Школа', shortName: 'Ш', kind: 'university', timeZone: 'Mars/Olympus', inn: '12',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['inn', 'kind', 'timeZone']);
    expect(await countRows(schools)).toBe(before);
  });

  it('shows a school to its own people only; another school answers 404 and stays unchanged', async () => {
    const { school: own } = await createSchool(t.database.db);
    const { school: other } = await createSchool(t.database.db);
    const teacher = schoolActor(own.id, 'teacher');
    expect((await as(t.app, teacher).get(`/api/v1/schools/${own.id}`)).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(`/api/v1/schools/${other.id}`)).statusCode).toBe(404);
    const list = await as(t.app, teacher).get('/api/v1/schools');
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([own.id]);
    expect((await as(t.app, teacher).patch(`/api/v1/schools/${own.id}`, { name: 'Новое имя' })).statusCode).toBe(403);
    const foreignAdmin = schoolActor(own.id, 'admin');
    expect((await as(t.app, foreignAdmin).patch(`/api/v1/schools/${other.id}`, { name: 'Захват' })).statusCode).toBe(404);
    expect((await as(t.app, operator).get(`/api/v1/schools/${other.id}`)).json().name).toBe(other.name);
  });

  it('requires a signed-in actor for every API route', async () => {
    const res = await as(t.app, null).get('/api/v1/regions');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
    expect((await as(t.app, null).post('/api/v1/regions', { name: 'x' })).statusCode).toBe(401);
  });
});

describe('empty changes', () => {
  it('answers an empty PATCH with 400 and changes nothing', async () => {
    const region = (await as(t.app, operator).post('/api/v1/regions', { name: 'Калужская область' })).json();
    const res = await as(t.app, operator).patch(`/api/v1/regions/${region.id}`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.nothing_to_update');
    expect((await as(t.app, operator).get(`/api/v1/regions/${region.id}`)).json().name).toBe('Калужская область');
  });
});
