import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttachment, insertAttendance, insertHomework, insertMark } from '../../../../tests/factories/diary.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, platformAdmin, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { DiaryLesson, DiaryWeek } from '../../../shared/contract/diary.ts';
import { attachments } from '../../db/schema/homework.ts';
import { TEST_ACTOR_HEADER } from '../../plugins/actor.ts';

let t: TestContext;
let w: DiaryWorld;
type Key = 'before' | 'monday' | 'english' | 'wednesday' | 'classB' | 'old' | 'general' | 'forIvanov' | 'forSmirnova' | 'file';
const ids = {} as Record<Key, string>;

const week = (studentId: string, date = '2025-09-10', schoolId = w.schoolId) =>
  `/api/v1/schools/${schoolId}/students/${studentId}/diary/week?date=${date}`;
const admin = () => schoolActor(w.schoolId, 'admin');
const lessonOf = (body: DiaryWeek, id: string): DiaryLesson | undefined => body.days.flatMap((d) => d.lessons).find((l) => l.id === id);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const before = await w.mathsLesson('2025-09-05', { topic: 'Дроби' });
  const monday = await w.mathsLesson('2025-09-08', { topic: 'Сложение дробей' });
  const english = await w.englishLesson('2025-09-08', { topic: 'Present Simple', substituteStaffId: w.substitute.id });
  const wednesday = await w.mathsLesson('2025-09-10', { status: 'cancelled', topic: '' });
  const classB = await w.mathsLesson('2025-09-08', { groupId: w.classB.groupId!, topic: 'Чужой урок' });
  Object.assign(ids, { before: before.id, monday: monday.id, english: english.id, wednesday: wednesday.id, classB: classB.id });
  await insertMark(db, { schoolId: s, lessonId: monday.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5', comment: 'Молодец' });
  await insertMark(db, { schoolId: s, lessonId: monday.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '3' });
  await insertMark(db, { schoolId: s, lessonId: monday.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2', deleted: true });
  await insertAttendance(db, { schoolId: s, lessonId: monday.id, studentId: w.ivanov.id, code: 'late', reason: 'Автобус' });
  await insertAttendance(db, { schoolId: s, lessonId: monday.id, studentId: w.smirnova.id, code: 'absent' });
  await insertAttendance(db, { schoolId: s, lessonId: english.id, studentId: w.ivanov.id, code: null });
  const old = await insertHomework(db, { schoolId: s, lessonId: before.id, dueDate: '2025-09-08', text: '№ 10' });
  const general = await insertHomework(db, { schoolId: s, lessonId: monday.id, dueLessonId: wednesday.id, dueDate: '2025-09-10', text: '№ 15–17', pages: 'с. 12' });
  const forIvanov = await insertHomework(db, { schoolId: s, lessonId: monday.id, dueDate: '2025-09-12', text: 'Доклад', studentIds: [w.ivanov.id] });
  const forSmirnova = await insertHomework(db, { schoolId: s, lessonId: monday.id, dueDate: '2025-09-10', text: 'Работа над ошибками', studentIds: [w.smirnova.id] });
  await insertHomework(db, { schoolId: s, lessonId: monday.id, dueDate: '2025-09-10', text: 'Стёрто', deleted: true });
  const file = await insertAttachment(db, s, general.id, 'Задачи.pdf', 4096);
  const gone = await insertAttachment(db, s, general.id, 'Удалённый.pdf');
  await db.update(attachments).set({ deleted: true }).where(eq(attachments.id, gone.id));
  Object.assign(ids, { old: old.id, general: general.id, forIvanov: forIvanov.id, forSmirnova: forSmirnova.id, file: file.id });
});
afterAll(async () => { await t.close(); });

describe('GET …/diary/week', () => {
  it('shows Monday to Saturday with the lessons of every group the student sits in, with bells, teacher and status', async () => {
    const res = await as(t.app, admin()).get(week(w.ivanov.id));
    expect(res.statusCode).toBe(200);
    const body = res.json() as DiaryWeek;
    expect(body.from).toBe('2025-09-08');
    expect(body.to).toBe('2025-09-13');
    expect(body.days.map((d) => d.date)).toEqual(['2025-09-08', '2025-09-09', '2025-09-10', '2025-09-11', '2025-09-12', '2025-09-13']);
    expect(body.days[0]!.lessons.map((l) => l.id)).toEqual([ids.monday, ids.english]);
    const monday = lessonOf(body, ids.monday)!;
    expect(monday).toMatchObject({
      lessonNumber: 1, startsAt: '08:30', endsAt: '09:15', subject: { id: w.maths.id, name: 'Математика' },
      teacher: 'Математикова М. И.', substituted: false, status: 'scheduled', topic: 'Сложение дробей',
    });
    expect(lessonOf(body, ids.english)).toMatchObject({ startsAt: '09:25', teacher: 'Заменова З. С.', substituted: true, attendance: null });
    expect(lessonOf(body, ids.wednesday)).toMatchObject({ status: 'cancelled', topic: '' });
    expect(lessonOf(body, ids.classB)).toBeUndefined();
  });

  it('shows exactly this student\'s current marks and attendance, with work type and weight', async () => {
    const body = (await as(t.app, admin()).get(week(w.ivanov.id))).json() as DiaryWeek;
    const monday = lessonOf(body, ids.monday)!;
    expect(monday.marks).toHaveLength(1);
    expect(monday.marks[0]).toMatchObject({ value: '5', scale: 'five', workType: { id: w.answer.id, name: 'Ответ на уроке' }, weight: 1, comment: 'Молодец' });
    expect(monday.attendance).toEqual({ code: 'late', reason: 'Автобус' });
    const other = lessonOf((await as(t.app, admin()).get(week(w.smirnova.id))).json() as DiaryWeek, ids.monday)!;
    expect(other.marks.map((m) => m.value)).toEqual(['3']);
    expect(other.attendance).toEqual({ code: 'absent', reason: '' });
  });

  it('shows general homework and the student\'s own individual homework, never a classmate\'s, with attachments', async () => {
    const body = (await as(t.app, admin()).get(week(w.ivanov.id))).json() as DiaryWeek;
    const monday = lessonOf(body, ids.monday)!;
    expect(monday.homeworkSet.map((h) => h.id).sort()).toEqual([ids.general, ids.forIvanov].sort());
    expect(monday.homeworkDue.map((h) => h.id)).toEqual([ids.old]);
    const due = lessonOf(body, ids.wednesday)!.homeworkDue;
    expect(due.map((h) => h.id)).toEqual([ids.general]);
    expect(due[0]).toMatchObject({ text: '№ 15–17', pages: 'с. 12', subjectName: 'Математика', individual: false });
    expect(due[0]!.attachments).toEqual([
      { id: ids.file, fileName: 'Задачи.pdf', size: 4096, url: `/api/v1/schools/${w.schoolId}/homework/${ids.general}/attachments/${ids.file}` },
    ]);
    expect(body.days[4]!.homeworkDue.map((h) => h.id)).toEqual([ids.forIvanov]);
    const all = JSON.stringify(body);
    expect(all).not.toContain(ids.forSmirnova);
    expect(all).not.toContain('Стёрто');

    const hers = (await as(t.app, admin()).get(week(w.smirnova.id))).json() as DiaryWeek;
    expect(lessonOf(hers, ids.monday)!.homeworkSet.map((h) => h.id).sort()).toEqual([ids.general, ids.forSmirnova].sort());
    expect(JSON.stringify(hers)).not.toContain(ids.forIvanov);
    expect(lessonOf(hers, ids.english)).toBeUndefined();
  });

  it('takes the week of a Sunday as the week before it, and a week without lessons is six empty days', async () => {
    expect((await as(t.app, admin()).get(week(w.ivanov.id, '2025-09-14'))).json().from).toBe('2025-09-08');
    const empty = (await as(t.app, admin()).get(week(w.ivanov.id, '2025-12-31'))).json() as DiaryWeek;
    expect(empty.days.every((d) => d.lessons.length === 0 && d.homeworkDue.length === 0)).toBe(true);
  });

  it('shows a mark on the very next read after it is saved', async () => {
    // Read first, so that the week is in the cache when the mark arrives.
    expect((await as(t.app, admin()).get(week(w.ivanov.id))).statusCode).toBe(200);
    const mark = await insertMark(t.database.db, {
      schoolId: w.schoolId, lessonId: ids.english, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2,
    });
    const body = (await as(t.app, admin()).get(week(w.ivanov.id))).json() as DiaryWeek;
    expect(lessonOf(body, ids.english)!.marks).toEqual([expect.objectContaining({ id: mark.id, value: '4', weight: 2, workType: { id: w.test.id, name: 'Контрольная работа' } })]);
  });

  it('sends the week gzipped to a client that accepts it, and plain JSON to one that does not', async () => {
    const plain = await as(t.app, admin()).get(week(w.ivanov.id));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.headers.vary).toContain('accept-encoding');
    const zipped = await t.app.inject({
      method: 'GET', url: week(w.ivanov.id), headers: { [TEST_ACTOR_HEADER]: JSON.stringify(admin()), 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(plain.json());
  });

  it('reads the week in a fixed handful of queries, and an unchanged week in one', async () => {
    const client = (t.database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const spy = vi.spyOn(client, 'query');
    try {
      // A change of the school: the next read cannot come from the cache.
      await t.database.db.execute(sql`update lessons set topic = 'Повторение' where school_id = ${w.schoolId} and id = ${ids.english}`);
      spy.mockClear();
      const first = await as(t.app, admin()).get(week(w.ivanov.id));
      expect(first.statusCode).toBe(200);
      expect(lessonOf(first.json() as DiaryWeek, ids.english)!.topic).toBe('Повторение');
      const asAdmin = spy.mock.calls.length;
      spy.mockClear();
      const again = await as(t.app, schoolActor(w.schoolId, 'guardian', w.mother.id)).get(week(w.ivanov.id));
      const asGuardian = spy.mock.calls.length;
      expect(again.body).toBe(first.body);
      // version, student lookup, group stays, then lessons, marks, attendance, homework (with files)
      // and the lessons under review after a compromised login (seed 003, 4.4), side by side
      expect(asAdmin).toBeLessThanOrEqual(8);
      // the guardian's links and the version
      expect(asGuardian).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('who may open a diary', () => {
  it('lets the student read their own diary and hides another student\'s with 404', async () => {
    const me = schoolActor(w.schoolId, 'student', w.ivanov.id);
    expect((await as(t.app, me).get(week(w.ivanov.id))).statusCode).toBe(200);
    const res = await as(t.app, me).get(week(w.smirnova.id));
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('student.not_found');
  });

  it('lets a guardian read each of their children and hides another child with 404', async () => {
    const mother = schoolActor(w.schoolId, 'guardian', w.mother.id);
    expect((await as(t.app, mother).get(week(w.ivanov.id))).statusCode).toBe(200);
    expect((await as(t.app, mother).get(week(w.sister.id))).statusCode).toBe(200);
    expect((await as(t.app, mother).get(week(w.smirnova.id))).statusCode).toBe(404);
  });

  it('lets the teacher and the class teacher read their students, not another class\'s', async () => {
    const teacher = schoolActor(w.schoolId, 'teacher', w.teacher.id);
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    expect((await as(t.app, teacher).get(week(w.ivanov.id))).statusCode).toBe(200);
    expect((await as(t.app, classTeacher).get(week(w.smirnova.id))).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(week(w.sister.id))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.substitute.id)).get(week(w.ivanov.id))).statusCode).toBe(404);
  });

  it('answers 401 without an actor and 404 to another school\'s admin or a platform operator', async () => {
    expect((await as(t.app, null).get(week(w.ivanov.id))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(week(w.ivanov.id))).statusCode).toBe(404);
    expect((await as(t.app, platformAdmin()).get(week(w.ivanov.id))).statusCode).toBe(404);
  });

  it('answers 404 for an unknown student or one of another school, and 400 for a bad or missing date', async () => {
    expect((await as(t.app, admin()).get(week(unknownId))).json().error.code).toBe('student.not_found');
    const otherAdmin = schoolActor(w.otherSchoolId, 'admin');
    expect((await as(t.app, otherAdmin).get(week(w.ivanov.id, '2025-09-10', w.otherSchoolId))).statusCode).toBe(404);
    const bad = await as(t.app, admin()).get(week(w.ivanov.id, '2025-02-30'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('date');
    const missing = await as(t.app, admin()).get(`/api/v1/schools/${w.schoolId}/students/${w.ivanov.id}/diary/week`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ date: 'Обязательное поле' });
    expect((await as(t.app, admin()).get(`/api/v1/schools/${w.schoolId}/students/nope/diary/week?date=2025-09-10`)).statusCode).toBe(400);
  });
});

describe('GET /me/diary-students', () => {
  it('lists a guardian\'s children with their classes, and a student themself', async () => {
    const mother = schoolActor(w.schoolId, 'guardian', w.mother.id);
    const items = (await as(t.app, mother).get('/api/v1/me/diary-students')).json().items;
    expect(items.map((i: { studentId: string; className: string; relation: string }) => [i.studentId, i.className, i.relation]).sort()).toEqual([
      [w.ivanov.id, '5А', 'child'], [w.sister.id, '5Б', 'child'],
    ].sort());
    expect(items[0]).toMatchObject({ schoolId: w.schoolId, schoolName: expect.any(String), fullName: expect.any(String), shortName: expect.any(String) });
    const self = (await as(t.app, schoolActor(w.schoolId, 'student', w.smirnova.id)).get('/api/v1/me/diary-students')).json().items;
    expect(self).toEqual([expect.objectContaining({ studentId: w.smirnova.id, fullName: 'Смирнова Света Олеговна', relation: 'self', className: '5А' })]);
  });

  it('lists nobody for staff and answers 401 without an actor', async () => {
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get('/api/v1/me/diary-students')).json()).toEqual({ items: [] });
    expect((await as(t.app, null).get('/api/v1/me/diary-students')).statusCode).toBe(401);
  });
});
