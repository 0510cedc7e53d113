import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { twoSchools } from '../../../../tests/factories/testSchools.ts';
import {
  admit, countOf, dismissed, insertStaff, insertStudent, insertYear, makeClass, rowsOf, unknownId,
} from '../../../../tests/factories/structure.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext, schoolId: string, otherId: string, base: string, yearId: string;
const db = () => t.database.db;
const admin = () => schoolActor(schoolId, 'admin');
const snapshot = async (id = schoolId) => ({ classes: await rowsOf(db(), 'classes', id), groups: await rowsOf(db(), 'teachingGroups', id) });

beforeAll(async () => {
  ({ t, schoolId, otherSchoolId: otherId, base } = await twoSchools());
  yearId = (await insertYear(db(), schoolId)).id;
});
afterAll(async () => { await t.close(); });

describe('classes', () => {
  it('creates 5А with its class teacher and, in the same step, the group of the whole class', async () => {
    const teacher = await insertStaff(db(), schoolId);
    const res = await as(t.app, admin()).post(`${base}/classes`, { academicYearId: yearId, grade: 5, letter: 'А', classTeacherId: teacher.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ grade: 5, letter: 'А', name: '5А', shift: 1, classTeacherId: teacher.id, masterId: null });
    const group = await as(t.app, admin()).get(`${base}/teaching-groups/${res.json().groupId}`);
    expect(group.json()).toMatchObject({ kind: 'class', name: '5А', classId: res.json().id, academicYearId: yearId });
    expect((await as(t.app, admin()).get(`${base}/classes/${res.json().id}`)).json()).toEqual(res.json());
  });

  it('names a college group by its code and keeps its curator and master', async () => {
    const { school } = await createSchool(db(), 'college');
    const year = await insertYear(db(), school.id);
    const curator = await insertStaff(db(), school.id);
    const master = await insertStaff(db(), school.id);
    const res = await as(t.app, schoolActor(school.id, 'admin')).post(`/api/v1/schools/${school.id}/classes`, {
      academicYearId: year.id, grade: 2, letter: 'ТМ-21', classTeacherId: curator.id, masterId: master.id, shift: 2,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'ТМ-21', grade: 2, masterId: master.id, shift: 2 });
  });

  it('lists classes by year, grade and class teacher in grade and letter order, page by page', async () => {
    const year = await insertYear(db(), schoolId, { startYear: 2030 });
    const teacher = await insertStaff(db(), schoolId);
    for (const [grade, letter] of [[6, 'Б'], [6, 'А'], [1, 'В'], [11, 'А']] as const) await makeClass(db(), schoolId, year.id, grade, letter);
    await makeClass(db(), schoolId, year.id, 6, 'В', { classTeacherId: teacher.id });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, admin()).get(`${base}/classes?academicYearId=${year.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...res.json().items.map((c: { name: string }) => c.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(names).toEqual(['1В', '6А', '6Б', '6В', '11А']);
    const sixth = await as(t.app, admin()).get(`${base}/classes?academicYearId=${year.id}&grade=6`);
    expect(sixth.json().items).toHaveLength(3);
    const own = await as(t.app, admin()).get(`${base}/classes?classTeacherId=${teacher.id}`);
    expect(own.json().items.map((c: { name: string }) => c.name)).toEqual(['6В']);
    expect((await as(t.app, admin()).get(`${base}/classes?grade=13`)).statusCode).toBe(400);
  });

  it('refuses wrong types, missing fields, a bad letter or grade and a duplicate class, leaving rows unchanged', async () => {
    await makeClass(db(), schoolId, yearId, 7, 'А');
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/classes`, body);
    const missing = await post({ grade: 7 });
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['academicYearId', 'letter']);
    const wrong = await post({ academicYearId: yearId, grade: 'седьмой', letter: 7, shift: 3 });
    expect(Object.keys(wrong.json().error.fields).sort()).toEqual(['grade', 'letter', 'shift']);
    const latin = await post({ academicYearId: yearId, grade: 7, letter: 'a' });
    expect(latin.json().error).toMatchObject({ code: 'class.invalid', fields: { letter: 'Заглавная русская буква (А–Я)' } });
    expect((await post({ academicYearId: yearId, grade: 12, letter: 'А' })).json().error.fields).toEqual({ grade: 'От 1 до 11' });
    expect((await post({ academicYearId: yearId, grade: 0, letter: 'А' })).statusCode).toBe(400);
    const duplicate = await post({ academicYearId: yearId, grade: 7, letter: 'А' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('conflict.duplicate');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown year, another school\'s year or teacher and a dismissed teacher with 400', async () => {
    const foreignYear = await insertYear(db(), otherId);
    const foreignTeacher = await insertStaff(db(), otherId);
    const gone = await insertStaff(db(), schoolId, { dismissedOn: dismissed });
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/classes`, { grade: 8, letter: 'Б', ...body });
    for (const academicYearId of [unknownId, foreignYear.id]) {
      const res = await post({ academicYearId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.academicYearId).toBeDefined();
    }
    const foreign = await post({ academicYearId: yearId, classTeacherId: foreignTeacher.id });
    expect(foreign.json().error.fields.classTeacherId).toBeDefined();
    const fired = await post({ academicYearId: yearId, classTeacherId: gone.id });
    expect(fired.json().error).toMatchObject({ code: 'staff.dismissed', fields: { classTeacherId: 'Сотрудник уволен' } });
    expect((await post({ academicYearId: yearId, masterId: gone.id })).json().error.fields).toEqual({ masterId: 'Сотрудник уволен' });
    expect(await snapshot()).toEqual(before);
    expect(await snapshot(otherId)).toEqual({ classes: [], groups: [] });
  });

  it('refuses any change to the classes of a closed or archived year with 409', async () => {
    const open = await insertYear(db(), schoolId, { startYear: 2040 });
    const cls = await makeClass(db(), schoolId, open.id, 3, 'А');
    for (const status of ['closed', 'archived'] as const) {
      const year = await insertYear(db(), schoolId, { startYear: 2041, status });
      const res = await as(t.app, admin()).post(`${base}/classes`, { academicYearId: year.id, grade: 3, letter: 'А' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('year.closed');
    }
    await db().update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, open.id));
    const before = await snapshot();
    expect((await as(t.app, admin()).patch(`${base}/classes/${cls.id}`, { letter: 'Б' })).statusCode).toBe(409);
    expect((await as(t.app, admin()).delete(`${base}/classes/${cls.id}`)).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('renames the whole-class group with the class and refuses a dismissed teacher on update', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 9, 'А');
    const gone = await insertStaff(db(), schoolId, { dismissedOn: dismissed });
    const renamed = await as(t.app, admin()).patch(`${base}/classes/${cls.id}`, { letter: 'Д', shift: 2 });
    expect(renamed.json()).toMatchObject({ name: '9Д', shift: 2, groupId: cls.groupId });
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${cls.groupId}`)).json().name).toBe('9Д');
    const before = await snapshot();
    expect((await as(t.app, admin()).patch(`${base}/classes/${cls.id}`, { classTeacherId: gone.id })).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/classes/${cls.id}`, { letter: 'd' })).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/classes/${cls.id}`, { shift: 'вторая' })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('deletes a class never enrolled in, with its group, and keeps one with enrolment history', async () => {
    const empty = await makeClass(db(), schoolId, yearId, 10, 'А');
    expect((await as(t.app, admin()).delete(`${base}/classes/${empty.id}`)).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin()).get(`${base}/classes/${empty.id}`)).statusCode).toBe(404);
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${empty.groupId}`)).statusCode).toBe(404);
    const used = await makeClass(db(), schoolId, yearId, 10, 'Б');
    await admit(db(), schoolId, (await insertStudent(db(), schoolId)).id, used.id);
    const before = { ...(await snapshot()), enrolments: await countOf(db(), 'enrolments', schoolId) };
    const refused = await as(t.app, admin()).delete(`${base}/classes/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('class.has_enrolments');
    expect({ ...(await snapshot()), enrolments: await countOf(db(), 'enrolments', schoolId) }).toEqual(before);
  });

  it('answers 404 for an unknown class and for another school\'s class, which stays unchanged', async () => {
    const foreign = await makeClass(db(), otherId, (await insertYear(db(), otherId)).id, 4, 'А');
    for (const id of [unknownId, foreign.id]) {
      expect((await as(t.app, admin()).get(`${base}/classes/${id}`)).statusCode).toBe(404);
      expect((await as(t.app, admin()).patch(`${base}/classes/${id}`, { letter: 'Б' })).statusCode).toBe(404);
      expect((await as(t.app, admin()).delete(`${base}/classes/${id}`)).statusCode).toBe(404);
    }
    expect((await rowsOf(db(), 'classes', otherId))[0]).toMatchObject({ id: foreign.id, letter: 'А' });
  });

  it('lets a teacher read classes but not change them, refuses strangers and hides them from other admins', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 2, 'А');
    const teacher = schoolActor(schoolId, 'teacher');
    expect((await as(t.app, teacher).get(`${base}/classes/${cls.id}`)).statusCode).toBe(200);
    const before = await snapshot();
    expect((await as(t.app, teacher).post(`${base}/classes`, { academicYearId: yearId, grade: 2, letter: 'Б' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).patch(`${base}/classes/${cls.id}`, { letter: 'В' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).delete(`${base}/classes/${cls.id}`)).statusCode).toBe(403);
    expect((await as(t.app, null).get(`${base}/classes`)).statusCode).toBe(401);
    expect((await as(t.app, null).post(`${base}/classes`, { academicYearId: yearId, grade: 2, letter: 'Б' })).statusCode).toBe(401);
    const stranger = schoolActor(otherId, 'admin');
    expect((await as(t.app, stranger).get(`${base}/classes`)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/classes`, { academicYearId: yearId, grade: 2, letter: 'Б' })).statusCode).toBe(404);
    expect((await as(t.app, stranger).delete(`${base}/classes/${cls.id}`)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
