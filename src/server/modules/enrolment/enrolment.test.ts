import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoSchools } from '../../../../tests/factories/testSchools.ts';
import {
  admit, insertStaff, insertStudent, insertYear, makeClass, makeSubgroup, rowsOf, unknownId,
} from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import * as groups from '../structure/groupService.ts';

let t: TestContext, schoolId: string, otherId: string, base: string, yearId: string;
const db = () => t.database.db;
const admin = () => schoolActor(schoolId, 'admin');
const snapshot = async () => ({ enrolments: await rowsOf(db(), 'enrolments', schoolId), members: await rowsOf(db(), 'groupMembers', schoolId) });
const order = (n: string, orderDate = '2024-08-28') => ({ orderNumber: n, orderDate });

beforeAll(async () => {
  ({ t, schoolId, otherSchoolId: otherId, base } = await twoSchools());
  yearId = (await insertYear(db(), schoolId)).id;
});
afterAll(async () => { await t.close(); });

describe('admission', () => {
  it('admits a student by order and shows the stay with its event in the history', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 1, 'А');
    const student = await insertStudent(db(), schoolId);
    const res = await as(t.app, admin()).post(`${base}/enrolments`, { studentId: student.id, classId: cls.id, startsOn: '2024-09-01', ...order('45-у') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      studentId: student.id, classId: cls.id, startsOn: '2024-09-01', endsOn: null,
      start: { event: 'admitted', orderNumber: '45-у', orderDate: '2024-08-28' }, end: null,
    });
    expect((await as(t.app, admin()).get(`${base}/enrolments/${res.json().id}`)).json()).toEqual(res.json());
    const onDate = await as(t.app, admin()).get(`${base}/enrolments?classId=${cls.id}&on=2024-10-01`);
    expect(onDate.json().items.map((e: { id: string }) => e.id)).toEqual([res.json().id]);
    expect((await as(t.app, admin()).get(`${base}/enrolments?classId=${cls.id}&on=2024-08-31`)).json().items).toEqual([]);
  });

  it('refuses missing fields, wrong types, unknown or foreign ids and a date outside the class\'s year', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 1, 'Б');
    const foreignClass = await makeClass(db(), otherId, (await insertYear(db(), otherId)).id, 1, 'А');
    const [student, foreignStudent] = [await insertStudent(db(), schoolId), await insertStudent(db(), otherId)];
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/enrolments`, { studentId: student.id, classId: cls.id, startsOn: '2024-09-01', ...order('1'), ...body });
    expect(Object.keys((await as(t.app, admin()).post(`${base}/enrolments`, {})).json().error.fields).sort())
      .toEqual(['classId', 'orderDate', 'orderNumber', 'startsOn', 'studentId']);
    expect(Object.keys((await post({ startsOn: '01.09.2024', orderNumber: 7 })).json().error.fields).sort()).toEqual(['orderNumber', 'startsOn']);
    expect((await post({ orderNumber: '  ' })).json().error.fields).toEqual({ orderNumber: 'Не может быть пустым' });
    for (const [field, value] of [['studentId', unknownId], ['studentId', foreignStudent.id], ['classId', unknownId], ['classId', foreignClass.id]]) {
      const res = await post({ [field!]: value });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual([field]);
    }
    const outside = await post({ startsOn: '2025-09-01' });
    expect(outside.json().error).toMatchObject({ code: 'date.outside_year', fields: { startsOn: 'Дата вне учебного года класса' } });
    expect((await post({ startsOn: '2024-08-31' })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stay that overlaps another of the same student and one in a closed year', async () => {
    const [a, b] = [await makeClass(db(), schoolId, yearId, 2, 'А'), await makeClass(db(), schoolId, yearId, 2, 'Б')];
    const student = await insertStudent(db(), schoolId);
    const stay = await admit(db(), schoolId, student.id, a.id, '2024-09-01');
    const old = await makeClass(db(), schoolId, (await insertYear(db(), schoolId, { startYear: 2021 })).id, 2, 'А');
    await db().update(academicYears).set({ status: 'archived' }).where(eq(academicYears.id, old.academicYearId));
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/enrolments`, { studentId: student.id, classId: b.id, startsOn: '2024-10-01', ...order('2'), ...body });
    const overlap = await post({});
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('enrolment.overlap');
    expect((await post({ classId: old.id, startsOn: '2021-09-01' })).json().error.code).toBe('year.closed');
    expect(await snapshot()).toEqual(before);
    await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/expel`, { on: '2024-10-10', ...order('9-о'), reason: 'Смена места жительства' });
    expect((await post({ startsOn: '2024-10-10' })).statusCode).toBe(409);
    expect((await post({ startsOn: '2024-10-11' })).statusCode).toBe(201);
  });
});

describe('history', () => {
  it('pages through a student\'s stays in date order without repeating or skipping', async () => {
    const classes = [await makeClass(db(), schoolId, yearId, 8, 'А'), await makeClass(db(), schoolId, yearId, 8, 'Б'), await makeClass(db(), schoolId, yearId, 8, 'В')];
    const student = await insertStudent(db(), schoolId);
    let stay = await admit(db(), schoolId, student.id, classes[0]!.id, '2024-09-01');
    for (const [i, on] of [[1, '2024-10-01'], [2, '2024-11-01']] as const) {
      const res = await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/transfer`, { toClassId: classes[i]!.id, on, ...order(`п-${i}`) });
      stay = res.json().opened;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, admin()).get(`${base}/enrolments?studentId=${student.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((e: { startsOn: string }) => e.startsOn));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2024-09-01', '2024-10-01', '2024-11-01']);
    expect((await as(t.app, admin()).get(`${base}/enrolments?on=1-10-2024`)).statusCode).toBe(400);
  });
});

describe('transfer, expulsion and graduation', () => {
  it('transfers a student: the old stay ends the day before, the new one starts that day, subgroups are left', async () => {
    const [from, to] = [await makeClass(db(), schoolId, yearId, 3, 'А'), await makeClass(db(), schoolId, yearId, 3, 'Б')];
    const sub = await makeSubgroup(db(), schoolId, yearId, from.id, '3А англ. 1');
    const student = await insertStudent(db(), schoolId);
    const stay = await admit(db(), schoolId, student.id, from.id, '2024-09-01');
    const member = await groups.addMember(db(), schoolId, sub.id, { studentId: student.id, startsOn: '2024-09-02' });
    const res = await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/transfer`, {
      toClassId: to.id, on: '2024-11-05', ...order('112-п', '2024-11-01'), reason: 'Заявление родителей',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().closed).toMatchObject({
      id: stay.id, endsOn: '2024-11-04', end: { event: 'transferred', orderNumber: '112-п', orderDate: '2024-11-01', reason: 'Заявление родителей' },
    });
    expect(res.json().opened).toMatchObject({
      classId: to.id, startsOn: '2024-11-05', endsOn: null, start: { event: 'transferred', orderNumber: '112-п', orderDate: '2024-11-01' },
    });
    const history = await as(t.app, admin()).get(`${base}/enrolments?studentId=${student.id}`);
    expect(history.json().items.map((e: { classId: string }) => e.classId)).toEqual([from.id, to.id]);
    const members = await rowsOf(db(), 'groupMembers', schoolId);
    expect(members.find((m) => m.id === member.memberId)?.endsOn).toBe('2024-11-04');
  });

  it('refuses a transfer on the first day, to the same, an unknown or a foreign class, or past the years', async () => {
    const [from, to] = [await makeClass(db(), schoolId, yearId, 4, 'А'), await makeClass(db(), schoolId, yearId, 4, 'Б')];
    const foreign = await makeClass(db(), otherId, (await insertYear(db(), otherId)).id, 4, 'А');
    const stay = await admit(db(), schoolId, (await insertStudent(db(), schoolId)).id, from.id, '2024-09-02');
    const before = await snapshot();
    const transfer = (body: object, id = stay.id) => as(t.app, admin()).post(`${base}/enrolments/${id}/transfer`, { toClassId: to.id, on: '2024-10-01', ...order('3'), ...body });
    expect((await transfer({ on: '2024-09-02' })).json().error).toMatchObject({ code: 'enrolment.before_start', fields: { on: 'Позже даты зачисления' } });
    expect((await transfer({ on: '2024-08-01' })).statusCode).toBe(400);
    expect((await transfer({ toClassId: from.id })).json().error.code).toBe('enrolment.same_class');
    expect(Object.keys((await transfer({ toClassId: unknownId })).json().error.fields)).toEqual(['toClassId']);
    expect(Object.keys((await transfer({ toClassId: foreign.id })).json().error.fields)).toEqual(['toClassId']);
    expect((await transfer({ on: '2025-09-02' })).json().error.code).toBe('date.outside_year');
    expect((await transfer({ on: 'завтра' })).statusCode).toBe(400);
    expect((await transfer({}, unknownId)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('expels with a reason, ending the stay and the subgroups that day, and only once', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 5, 'А');
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '5А инф. 1');
    const student = await insertStudent(db(), schoolId);
    const stay = await admit(db(), schoolId, student.id, cls.id, '2024-09-01');
    const member = await groups.addMember(db(), schoolId, sub.id, { studentId: student.id, startsOn: '2024-09-01' });
    const url = `${base}/enrolments/${stay.id}/expel`;
    const before = await snapshot();
    expect((await as(t.app, admin()).post(url, { on: '2024-12-01', ...order('77-о') })).json().error.fields).toEqual({ reason: 'Обязательное поле' });
    expect((await as(t.app, admin()).post(url, { on: '2024-08-31', ...order('77-о'), reason: 'Перевод' })).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
    const res = await as(t.app, admin()).post(url, { on: '2024-12-01', ...order('77-о', '2024-11-29'), reason: 'Перевод в другую школу' });
    expect(res.json()).toMatchObject({
      endsOn: '2024-12-01', end: { event: 'expelled', orderNumber: '77-о', orderDate: '2024-11-29', reason: 'Перевод в другую школу' },
    });
    expect((await rowsOf(db(), 'groupMembers', schoolId)).find((m) => m.id === member.memberId)?.endsOn).toBe('2024-12-01');
    const again = await as(t.app, admin()).post(url, { on: '2024-12-02', ...order('78-о'), reason: 'Повторно' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('enrolment.closed');
    const transfer = await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/transfer`, { toClassId: cls.id, on: '2024-12-05', ...order('1') });
    expect(transfer.statusCode).toBe(409);
  });

  it('graduates a student on the day of the order', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 11, 'А');
    const stay = await admit(db(), schoolId, (await insertStudent(db(), schoolId)).id, cls.id, '2024-09-01');
    const res = await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/graduate`, { on: '2025-06-25', ...order('201-в', '2025-06-25') });
    expect(res.json()).toMatchObject({ endsOn: '2025-06-25', end: { event: 'graduated', orderNumber: '201-в', reason: null } });
    expect((await as(t.app, admin()).post(`${base}/enrolments/${stay.id}/graduate`, { on: '2025-06-26', ...order('2') })).statusCode).toBe(409);
  });

  it('keeps the history: there is no delete and no edit of a stay', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 6, 'А');
    const stay = await admit(db(), schoolId, (await insertStudent(db(), schoolId)).id, cls.id);
    const before = await snapshot();
    expect((await as(t.app, admin()).delete(`${base}/enrolments/${stay.id}`)).statusCode).toBe(404);
    expect((await as(t.app, admin()).patch(`${base}/enrolments/${stay.id}`, { startsOn: '2024-09-02' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('who may see and change enrolments', () => {
  it('lets the class teacher read but not write, hides the stay from other teachers, refuses strangers and hides the school from other admins', async () => {
    const classTeacher = await insertStaff(db(), schoolId);
    const cls = await makeClass(db(), schoolId, yearId, 7, 'А', { classTeacherId: classTeacher.id });
    const student = await insertStudent(db(), schoolId);
    const stay = await admit(db(), schoolId, student.id, cls.id);
    const teacher = schoolActor(schoolId, 'teacher', classTeacher.id);
    const body = { studentId: (await insertStudent(db(), schoolId)).id, classId: cls.id, startsOn: '2024-09-01', ...order('5') };
    const expel = { on: '2024-10-01', ...order('6'), reason: 'Переезд' };
    expect((await as(t.app, teacher).get(`${base}/enrolments/${stay.id}`)).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(`${base}/enrolments?classId=${cls.id}`)).json().items.map((e: { id: string }) => e.id)).toEqual([stay.id]);
    const otherTeacher = schoolActor(schoolId, 'teacher', (await insertStaff(db(), schoolId)).id);
    expect((await as(t.app, otherTeacher).get(`${base}/enrolments/${stay.id}`)).statusCode).toBe(404);
    expect((await as(t.app, otherTeacher).get(`${base}/enrolments?classId=${cls.id}`)).json().items).toEqual([]);
    const before = await snapshot();
    expect((await as(t.app, teacher).post(`${base}/enrolments`, body)).statusCode).toBe(403);
    expect((await as(t.app, teacher).post(`${base}/enrolments/${stay.id}/expel`, expel)).statusCode).toBe(403);
    expect((await as(t.app, null).get(`${base}/enrolments`)).statusCode).toBe(401);
    expect((await as(t.app, null).post(`${base}/enrolments`, body)).statusCode).toBe(401);
    const stranger = schoolActor(otherId, 'admin');
    expect((await as(t.app, stranger).get(`${base}/enrolments?studentId=${student.id}`)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/enrolments`, body)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/enrolments/${stay.id}/expel`, expel)).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(otherId, 'admin')).get(`/api/v1/schools/${otherId}/enrolments/${stay.id}`)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
