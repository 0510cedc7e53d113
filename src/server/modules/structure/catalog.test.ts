import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { countOf, insertYear, makeSubject, rowsOf, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import * as load from './loadService.ts';

let t: TestContext;
let schoolId: string;
let collegeId: string;
let otherId: string;
let base: string;
let college: string;
const db = () => t.database.db;
const admin = () => schoolActor(schoolId, 'admin');
const collegeAdmin = () => schoolActor(collegeId, 'admin');

beforeAll(async () => {
  t = await createTestApp();
  schoolId = (await createSchool(db())).school.id;
  collegeId = (await createSchool(db(), 'college')).school.id;
  otherId = (await createSchool(db())).school.id;
  base = `/api/v1/schools/${schoolId}`;
  college = `/api/v1/schools/${collegeId}`;
});
afterAll(async () => { await t.close(); });

describe('subjects', () => {
  it('creates, reads, renames, archives and filters a school subject', async () => {
    const created = await as(t.app, admin()).post(`${base}/subjects`, { name: 'Математика', shortName: 'Матем.', kind: 'subject' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Математика', kind: 'subject', code: '', parentId: null, archived: false });
    const id = created.json().id;
    expect((await as(t.app, admin()).get(`${base}/subjects/${id}`)).json().shortName).toBe('Матем.');
    const patched = await as(t.app, admin()).patch(`${base}/subjects/${id}`, { name: 'Алгебра', archived: true });
    expect(patched.json()).toMatchObject({ name: 'Алгебра', shortName: 'Матем.', archived: true });
    expect((await as(t.app, admin()).patch(`${base}/subjects/${id}`, {})).json()).toEqual(patched.json());
    const archived = await as(t.app, admin()).get(`${base}/subjects?archived=true`);
    expect(archived.json().items.map((s: { id: string }) => s.id)).toEqual([id]);
    const live = await as(t.app, admin()).get(`${base}/subjects?archived=false&kind=subject`);
    expect(live.json().items.map((s: { id: string }) => s.id)).not.toContain(id);
  });

  it('pages through subjects by name without repeating or skipping', async () => {
    for (const name of ['Физика', 'Химия', 'Биология', 'География', 'История']) await makeSubject(db(), schoolId, name);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, admin()).get(`${base}/subjects?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((s: { name: string }) => s.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : 1)));
    expect(seen.length).toBe(await countOf(db(), 'subjects', schoolId));
  });

  it('refuses wrong types, missing fields, a bad filter and a duplicate name, leaving subjects unchanged', async () => {
    await makeSubject(db(), schoolId, 'Русский язык');
    const before = await rowsOf(db(), 'subjects', schoolId);
    const missing = await as(t.app, admin()).post(`${base}/subjects`, { name: 'Литература' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.shortName).toBe('Обязательное поле');
    expect(missing.json().error.fields.kind).toBeDefined();
    const wrong = await as(t.app, admin()).post(`${base}/subjects`, { name: 5, shortName: 'Лит.', kind: 'lesson', archived: 'yes' });
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['archived', 'kind', 'name']);
    const duplicate = await as(t.app, admin()).post(`${base}/subjects`, { name: 'Русский язык', shortName: 'Рус.', kind: 'subject' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'conflict.duplicate', fields: { name: 'Уже занято' } });
    expect((await as(t.app, admin()).get(`${base}/subjects?archived=maybe`)).statusCode).toBe(400);
    expect((await as(t.app, admin()).get(`${base}/subjects?cursor=zzz`)).json().error.code).toBe('pagination.bad_cursor');
    expect(await rowsOf(db(), 'subjects', schoolId)).toEqual(before);
  });

  it('keeps disciplines, modules and МДК to colleges', async () => {
    const before = await countOf(db(), 'subjects', schoolId);
    const res = await as(t.app, admin()).post(`${base}/subjects`, { name: 'ПМ.01 Обработка', shortName: 'ПМ.01', kind: 'module' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'subject.college_only', fields: { kind: 'Только для колледжа' } });
    expect(await countOf(db(), 'subjects', schoolId)).toBe(before);
  });

  it('files an МДК under its professional module and nowhere else', async () => {
    const post = (body: object) => as(t.app, collegeAdmin()).post(`${college}/subjects`, body);
    const module = await post({ name: 'Технология металлообработки', shortName: 'ПМ.01', kind: 'module', code: 'ПМ.01' });
    expect(module.statusCode).toBe(201);
    const discipline = await post({ name: 'Инженерная графика', shortName: 'ОП.01', kind: 'discipline', code: 'ОП.01' });
    const foreign = await makeSubject(db(), otherId, 'Чужой предмет');
    const before = await rowsOf(db(), 'subjects', collegeId);
    const mdk = { name: 'Технология обработки на станках', shortName: 'МДК.01.01', kind: 'interdisciplinaryCourse', code: 'МДК.01.01' };
    expect((await post(mdk)).json().error.fields).toEqual({ parentId: 'Обязательное поле' });
    expect((await post({ ...mdk, parentId: discipline.json().id })).json().error.fields).toEqual({ parentId: 'Должен быть модулем (ПМ)' });
    expect((await post({ ...mdk, parentId: foreign.id })).json().error.fields).toEqual({ parentId: 'Не найдено в этой школе' });
    const withParent = await post({ name: 'Черчение', shortName: 'Черч.', kind: 'discipline', parentId: module.json().id });
    expect(withParent.json().error.fields).toEqual({ parentId: 'Только у МДК' });
    expect(await rowsOf(db(), 'subjects', collegeId)).toEqual(before);
    const created = await post({ ...mdk, parentId: module.json().id });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'interdisciplinaryCourse', parentId: module.json().id, code: 'МДК.01.01' });
    const retyped = await as(t.app, collegeAdmin()).patch(`${college}/subjects/${module.json().id}`, { kind: 'discipline' });
    expect(retyped.statusCode).toBe(409);
    expect(retyped.json().error.code).toBe('subject.has_children');
    expect((await as(t.app, collegeAdmin()).get(`${college}/subjects/${module.json().id}`)).json().kind).toBe('module');
  });

  it('refuses to delete a subject in use and deletes an unused one', async () => {
    const year = await insertYear(db(), schoolId);
    const used = await makeSubject(db(), schoolId, 'Информатика');
    await load.createCurriculum(db(), schoolId, { academicYearId: year.id, grade: 7, subjectId: used.id, hoursPerWeek: 1 });
    const refused = await as(t.app, admin()).delete(`${base}/subjects/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict.in_use');
    expect((await as(t.app, admin()).get(`${base}/subjects/${used.id}`)).statusCode).toBe(200);
    const unused = await makeSubject(db(), schoolId, 'Астрономия');
    expect((await as(t.app, admin()).delete(`${base}/subjects/${unused.id}`)).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin()).get(`${base}/subjects/${unused.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown subject and for one of another school, which stays unchanged', async () => {
    const foreign = await makeSubject(db(), otherId, 'Чужая физика');
    for (const id of [unknownId, foreign.id]) {
      expect((await as(t.app, admin()).get(`${base}/subjects/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin()).patch(`${base}/subjects/${id}`, { name: 'Захват' })).statusCode).toBe(404);
      expect((await as(t.app, admin()).delete(`${base}/subjects/${id}`)).statusCode).toBe(404);
    }
    expect((await as(t.app, admin()).get(`${base}/subjects/not-a-uuid`)).statusCode).toBe(400);
    expect((await rowsOf(db(), 'subjects', otherId)).find((s) => s.id === foreign.id)?.name).toBe('Чужая физика');
  });
});

describe('rooms', () => {
  it('creates, updates, lists and deletes a room', async () => {
    const created = await as(t.app, admin()).post(`${base}/rooms`, { name: 'Каб. 204', capacity: 30 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Каб. 204', capacity: 30, note: '' });
    const id = created.json().id;
    const patched = await as(t.app, admin()).patch(`${base}/rooms/${id}`, { note: 'Кабинет физики', capacity: null });
    expect(patched.json()).toMatchObject({ name: 'Каб. 204', capacity: null, note: 'Кабинет физики' });
    expect((await as(t.app, admin()).patch(`${base}/rooms/${id}`, {})).json()).toEqual(patched.json());
    expect((await as(t.app, admin()).get(`${base}/rooms`)).json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await as(t.app, admin()).delete(`${base}/rooms/${id}`)).statusCode).toBe(200);
    expect((await as(t.app, admin()).get(`${base}/rooms/${id}`)).statusCode).toBe(404);
  });

  it('refuses a bad capacity, a missing name and a duplicate, leaving rooms unchanged', async () => {
    await as(t.app, admin()).post(`${base}/rooms`, { name: 'Спортзал' });
    const before = await rowsOf(db(), 'rooms', schoolId);
    expect((await as(t.app, admin()).post(`${base}/rooms`, { name: 'Каб. 1', capacity: 0 })).json().error.fields).toEqual({ capacity: 'От 1 до 1000' });
    expect((await as(t.app, admin()).post(`${base}/rooms`, { name: 'Каб. 1', capacity: 'много' })).statusCode).toBe(400);
    expect((await as(t.app, admin()).post(`${base}/rooms`, {})).json().error.fields).toEqual({ name: 'Обязательное поле' });
    expect((await as(t.app, admin()).post(`${base}/rooms`, { name: 'Спортзал' })).statusCode).toBe(409);
    expect((await as(t.app, admin()).patch(`${base}/rooms/${unknownId}`, { name: 'X' })).statusCode).toBe(404);
    expect(await rowsOf(db(), 'rooms', schoolId)).toEqual(before);
  });
});

describe('who may touch subjects and rooms', () => {
  it('lets a teacher read but not write, refuses strangers and hides the school from other admins', async () => {
    const subject = await makeSubject(db(), schoolId, 'Музыка');
    const teacher = schoolActor(schoolId, 'teacher');
    expect((await as(t.app, teacher).get(`${base}/subjects`)).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(`${base}/rooms`)).statusCode).toBe(200);
    const before = { subjects: await rowsOf(db(), 'subjects', schoolId), rooms: await rowsOf(db(), 'rooms', schoolId) };
    expect((await as(t.app, teacher).post(`${base}/subjects`, { name: 'ИЗО', shortName: 'ИЗО', kind: 'subject' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).patch(`${base}/subjects/${subject.id}`, { name: 'Пение' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).delete(`${base}/subjects/${subject.id}`)).statusCode).toBe(403);
    expect((await as(t.app, teacher).post(`${base}/rooms`, { name: 'Каб. 5' })).statusCode).toBe(403);
    expect((await as(t.app, null).get(`${base}/subjects`)).statusCode).toBe(401);
    expect((await as(t.app, null).post(`${base}/rooms`, { name: 'Каб. 6' })).statusCode).toBe(401);
    const stranger = schoolActor(otherId, 'admin');
    expect((await as(t.app, stranger).get(`${base}/subjects/${subject.id}`)).statusCode).toBe(404);
    expect((await as(t.app, stranger).patch(`${base}/subjects/${subject.id}`, { name: 'Захват' })).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/rooms`, { name: 'Каб. 7' })).statusCode).toBe(404);
    expect({ subjects: await rowsOf(db(), 'subjects', schoolId), rooms: await rowsOf(db(), 'rooms', schoolId) }).toEqual(before);
  });
});
