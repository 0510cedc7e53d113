import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { insertLesson, journalWorld, type JournalWorld } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { workTypes } from '../../db/schema/journal.ts';
import { ensureDefaultWorkTypes } from './workTypeService.ts';

let t: TestContext;
let w: JournalWorld;
let base: string;
const db = () => t.database.db;
const admin = () => schoolActor(w.schoolId, 'admin');
const rowsOf = (schoolId: string) => db().select().from(workTypes).where(eq(workTypes.schoolId, schoolId)).orderBy(workTypes.id);

beforeAll(async () => {
  t = await createTestApp();
  w = await journalWorld(db());
  base = `/api/v1/schools/${w.schoolId}/work-types`;
});
afterAll(async () => { await t.close(); });

describe('work types', () => {
  it('gives a school the usual work types on its first read, once, in one transaction', async () => {
    const { school } = await createSchool(db());
    await Promise.all([ensureDefaultWorkTypes(db(), school.id), ensureDefaultWorkTypes(db(), school.id)]);
    const res = await as(t.app, schoolActor(school.id, 'teacher')).get(`/api/v1/schools/${school.id}/work-types`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { name: string; weight: number; isControl: boolean; isWritten: boolean }) => [x.name, x.weight, x.isControl, x.isWritten])).toEqual([
      ['Ответ на уроке', 1, false, false],
      ['Самостоятельная работа', 1.5, false, true],
      ['Контрольная работа', 2, true, true],
      ['Проверочная работа', 1.5, false, true],
      ['Домашняя работа', 1, false, false],
      ['Диктант', 2, true, true],
      ['Лабораторная работа', 1.5, false, false],
      ['Зачёт', 2, true, false],
    ]);
    await as(t.app, schoolActor(school.id, 'admin')).get(`/api/v1/schools/${school.id}/work-types`);
    expect((await db().select({ n: count() }).from(workTypes).where(eq(workTypes.schoolId, school.id)))[0]!.n).toBe(8);
  });

  it('lets the admin add, reweigh, archive and delete a work type, and filters by archive', async () => {
    const created = await as(t.app, admin()).post(base, { name: 'Проект', weight: 2.5, isWritten: true });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Проект', weight: 2.5, isControl: false, isWritten: true, archived: false });
    const id = created.json().id;
    expect((await as(t.app, admin()).patch(`${base}/${id}`, { weight: 3, archived: true })).json()).toMatchObject({ weight: 3, archived: true });
    expect((await as(t.app, admin()).get(`${base}?archived=true`)).json().items.map((x: { name: string }) => x.name)).toEqual(['Проект']);
    expect((await as(t.app, admin()).get(`${base}?archived=false`)).json().items).toHaveLength(8);
    expect((await as(t.app, admin()).get(`${base}/${id}`)).json().name).toBe('Проект');
    expect((await as(t.app, admin()).delete(`${base}/${id}`)).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin()).get(`${base}/${id}`)).statusCode).toBe(404);
  });

  it('refuses bad weights, missing and wrong fields, duplicates and unknown ids, and changes nothing', async () => {
    const before = await rowsOf(w.schoolId);
    for (const weight of [0, -1, 10.5, 1.555, '2']) {
      const res = await as(t.app, admin()).post(base, { name: 'Эссе', weight });
      expect(res.statusCode, String(weight)).toBe(400);
      expect(res.json().error.fields.weight).toBeDefined();
    }
    expect((await as(t.app, admin()).post(base, { weight: 1 })).json().error.fields.name).toBe('Обязательное поле');
    expect((await as(t.app, admin()).post(base, { name: '  ', weight: 1 })).statusCode).toBe(400);
    expect((await as(t.app, admin()).post(base, { name: 'Эссе', weight: 1, isControl: 'да' })).statusCode).toBe(400);
    const duplicate = await as(t.app, admin()).post(base, { name: 'Диктант', weight: 1 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toEqual({ name: 'Уже занято' });
    expect((await as(t.app, admin()).patch(`${base}/${unknownId}`, { weight: 1 })).statusCode).toBe(404);
    expect((await as(t.app, admin()).delete(`${base}/${unknownId}`)).statusCode).toBe(404);
    expect((await as(t.app, admin()).patch(`${base}/${before[0]!.id}`, {})).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/${before[0]!.id}`, { weight: 11 })).statusCode).toBe(400);
    expect((await as(t.app, admin()).get(`${base}/не-id`)).statusCode).toBe(400);
    expect(await rowsOf(w.schoolId)).toEqual(before);
  });

  it('keeps a work type that a lesson names (409) and lets the admin archive it instead', async () => {
    const created = (await as(t.app, admin()).post(base, { name: 'Зачётная работа', weight: 2 })).json();
    await insertLesson(db(), { schoolId: w.schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, staffId: w.teacher.id, date: '2025-09-03', workTypeIds: [created.id] });
    const res = await as(t.app, admin()).delete(`${base}/${created.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict.in_use');
    expect((await as(t.app, admin()).get(`${base}/${created.id}`)).statusCode).toBe(200);
  });

  it('lets staff read but only the admin write; another school and no actor learn nothing', async () => {
    const before = await rowsOf(w.schoolId);
    const body = { name: 'Реферат', weight: 1 };
    for (const role of ['teacher', 'director', 'deputy'] as const) {
      expect((await as(t.app, schoolActor(w.schoolId, role, role === 'teacher' ? w.teacher.id : null)).get(base)).statusCode).toBe(200);
      expect((await as(t.app, schoolActor(w.schoolId, role)).post(base, body)).statusCode, role).toBe(403);
      expect((await as(t.app, schoolActor(w.schoolId, role)).patch(`${base}/${before[0]!.id}`, { weight: 5 })).statusCode).toBe(403);
    }
    expect((await as(t.app, schoolActor(w.schoolId, 'student')).get(base)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(base)).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).post(base, body)).statusCode).toBe(404);
    expect((await as(t.app, null).get(base)).statusCode).toBe(401);
    expect((await as(t.app, null).delete(`${base}/${before[0]!.id}`)).statusCode).toBe(401);
    // A work type of another school is not found through this school.
    await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(`/api/v1/schools/${w.otherSchoolId}/work-types`);
    const foreign = (await rowsOf(w.otherSchoolId))[0]!;
    expect((await as(t.app, admin()).get(`${base}/${foreign.id}`)).statusCode).toBe(404);
    expect((await as(t.app, admin()).patch(`${base}/${foreign.id}`, { weight: 5 })).statusCode).toBe(404);
    expect(await rowsOf(w.schoolId)).toEqual(before);
  });
});
