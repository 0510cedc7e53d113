import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod, journalCounts, journalRows, journalWorld, type JournalWorld } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

let t: TestContext;
let w: JournalWorld;
let base: string;
const clock = new Date('2025-10-20T06:00:00Z');
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const snapshot = async () => ({ counts: await journalCounts(db(), w.schoolId), rows: await journalRows(db(), w.schoolId) });
const put = (actor: Actor | null, lessonId: string, studentId: string, body: object) =>
  as(t.app, actor).put(`${base}/lessons/${lessonId}/attendance/${studentId}`, body);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await journalWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
});
afterAll(async () => { await t.close(); });

describe('attendance', () => {
  it('marks a student absent with a reason, changes the code, withdraws it and keeps the row', async () => {
    const lesson = await w.lesson('2025-09-08');
    const actor = teacher();
    const absent = await put(actor, lesson.id, w.students.antonov.id, { code: 'absent', reason: 'Без предупреждения' });
    expect(absent.statusCode).toBe(200);
    expect(absent.json()).toMatchObject({
      lessonId: lesson.id, studentId: w.students.antonov.id, code: 'absent', reason: 'Без предупреждения', version: 1,
      recordedBy: actor.userId, recordedAt: clock.toISOString(), confirmedBy: null,
    });
    expect((await put(teacher(), lesson.id, w.students.antonov.id, { code: 'ill', reason: 'Справка', version: 1 })).json()).toMatchObject({ code: 'ill', version: 2 });
    // Nothing new: the same version comes back.
    expect((await put(teacher(), lesson.id, w.students.antonov.id, { code: 'ill', version: 2 })).json()).toMatchObject({ code: 'ill', reason: 'Справка', version: 2 });
    const withdrawn = await put(teacher(), lesson.id, w.students.antonov.id, { code: null, version: 2 });
    expect(withdrawn.json()).toMatchObject({ id: absent.json().id, code: null, version: 3 });
    await put(teacher(), lesson.id, w.students.borisova.id, { code: 'late' });
    const list = (await as(t.app, teacher()).get(`${base}/lessons/${lesson.id}/attendance`)).json().items;
    expect(list.map((a: { studentId: string; code: string | null }) => [a.studentId, a.code]).sort()).toEqual(
      [[w.students.antonov.id, null], [w.students.borisova.id, 'late']].sort(),
    );
  });

  it('refuses a missing or stale version with 409 and the current cell, and changes nothing', async () => {
    const lesson = await w.lesson('2025-09-09');
    await put(teacher(), lesson.id, w.students.antonov.id, { code: 'absent' });
    await put(teacher(), lesson.id, w.students.antonov.id, { code: 'excused', version: 1 });
    const before = await snapshot();
    const missing = await put(teacher(), lesson.id, w.students.antonov.id, { code: 'absent' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ code: 'attendance.stale', current: { code: 'excused', version: 2 } });
    expect((await put(teacher(), lesson.id, w.students.antonov.id, { code: null, version: 1 })).json().error.current.version).toBe(2);
    expect((await put(teacher(), lesson.id, w.students.borisova.id, { code: 'absent', version: 4 })).json().error).toMatchObject({ code: 'attendance.stale', current: null });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses unknown codes, bad fields, students outside the group, cancelled lessons and closed periods, and changes nothing', async () => {
    const lesson = await w.lesson('2025-09-10');
    const cancelled = await w.lesson('2025-09-10', { lessonNumber: 2, status: 'cancelled' });
    const inQ2 = await w.lesson('2025-11-11');
    await closePeriod(db(), w.schoolId, w.q2.id);
    const before = await snapshot();
    const refused = async (lessonId: string, studentId: string, body: object, status: number, field?: string) => {
      const res = await put(teacher(), lessonId, studentId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().error.fields[field], JSON.stringify(body)).toBeDefined();
      return res.json().error;
    };
    await refused(lesson.id, w.students.antonov.id, { code: 'truant' }, 400, 'code');
    await refused(lesson.id, w.students.antonov.id, { code: 'н' }, 400, 'code');
    await refused(lesson.id, w.students.antonov.id, {}, 400, 'code');
    await refused(lesson.id, w.students.antonov.id, { code: 'absent', version: 'первая' }, 400, 'version');
    await refused(lesson.id, w.students.antonov.id, { code: 'absent', reason: 'я'.repeat(501) }, 400, 'reason');
    await refused(lesson.id, w.students.antonov.id, { code: null }, 400, 'code');
    expect(await refused(lesson.id, w.students.grigoriev.id, { code: 'absent' }, 400, 'studentId')).toMatchObject({ code: 'journal.student_not_in_group' });
    await refused(lesson.id, w.students.pupilB.id, { code: 'absent' }, 400, 'studentId');
    await refused(lesson.id, unknownId, { code: 'absent' }, 400, 'studentId');
    expect((await put(teacher(), lesson.id, 'ученик', { code: 'absent' })).statusCode).toBe(400);
    expect(await refused(cancelled.id, w.students.antonov.id, { code: 'absent' }, 409)).toMatchObject({ code: 'lesson.cancelled' });
    expect(await refused(inQ2.id, w.students.antonov.id, { code: 'absent' }, 409)).toMatchObject({ code: 'journal.period_closed' });
    expect(await refused(unknownId, w.students.antonov.id, { code: 'absent' }, 404)).toMatchObject({ code: 'lesson.not_found' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses attendance on a lesson that has not begun with 409 and writes nothing (the clock stands on 20.10)', async () => {
    const nextWeek = await w.lesson('2025-10-27');
    const before = await snapshot();
    const early = await put(teacher(), nextWeek.id, w.students.antonov.id, { code: 'ill' });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'journal.lesson_in_future']);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only the lesson\'s teacher or its substitute write; readers get 403, others 404, no actor 401', async () => {
    const lesson = await w.lesson('2025-09-11');
    const substituted = await w.lesson('2025-09-11', { lessonNumber: 2, substituteStaffId: w.substitute.id });
    const before = await snapshot();
    const status = async (actor: Actor | null) => (await put(actor, lesson.id, w.students.antonov.id, { code: 'absent' })).statusCode;
    for (const role of ['admin', 'director', 'deputy'] as const) expect(await status(schoolActor(w.schoolId, role)), role).toBe(403);
    expect(await status(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).toBe(403);
    expect(await status(schoolActor(w.schoolId, 'teacher', w.stranger.id))).toBe(404);
    expect(await status(schoolActor(w.schoolId, 'guardian'))).toBe(403);
    expect(await status(schoolActor(w.otherSchoolId, 'admin'))).toBe(404);
    expect(await status(null)).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).put(
      `/api/v1/schools/${w.otherSchoolId}/lessons/${lesson.id}/attendance/${w.students.antonov.id}`, { code: 'absent' },
    )).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await put(schoolActor(w.schoolId, 'teacher', w.substitute.id), substituted.id, w.students.antonov.id, { code: 'late' })).statusCode).toBe(200);
    expect((await put(schoolActor(w.schoolId, 'teacher', w.substitute.id), lesson.id, w.students.antonov.id, { code: 'late' })).statusCode).toBe(404);
  });

  it('shows a lesson\'s attendance to those who read its journal and to its substitute only', async () => {
    const lesson = await w.lesson('2025-09-12', { substituteStaffId: w.substitute.id });
    const read = async (actor: Actor | null, schoolId = w.schoolId) =>
      (await as(t.app, actor).get(`/api/v1/schools/${schoolId}/lessons/${lesson.id}/attendance`)).statusCode;
    expect(await read(schoolActor(w.schoolId, 'director'))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.classTeacher.id))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.substitute.id))).toBe(200);
    expect(await read(schoolActor(w.schoolId, 'teacher', w.stranger.id))).toBe(404);
    expect(await read(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await read(schoolActor(w.otherSchoolId, 'admin'), w.otherSchoolId)).toBe(404);
    expect(await read(null)).toBe(401);
  });
});

describe('the class teacher\'s check of absences', () => {
  it('lists the week\'s absences of his class in every subject and confirms them, correcting a reason', async () => {
    const maths = await w.lesson('2025-09-22');
    const russian = await w.lesson('2025-09-23', { subjectId: w.russian.id, staffId: w.russianTeacher.id });
    const outside = await w.lesson('2025-09-30');
    const absentMaths = (await put(teacher(), maths.id, w.students.borisova.id, { code: 'absent' })).json();
    const ill = (await put(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id), russian.id, w.students.antonov.id, { code: 'ill', reason: 'ОРВИ' })).json();
    await put(teacher(), outside.id, w.students.antonov.id, { code: 'absent' });
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const url = `${base}/classes/${w.classA.id}/absences`;
    const list = await as(t.app, classTeacher).get(`${url}?from=2025-09-22&to=2025-09-28`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string; subjectId: string; studentName: string; code: string }) => [a.id, a.subjectId, a.studentName, a.code])).toEqual([
      [absentMaths.id, w.maths.id, 'Борисова Бэлла Петрович', 'absent'],
      [ill.id, w.russian.id, 'Антонов Антон Петрович', 'ill'],
    ]);
    const confirmed = await as(t.app, classTeacher).post(`${url}/confirm`, { ids: [absentMaths.id, ill.id], reasons: { [absentMaths.id]: 'Соревнования' } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().items).toEqual([
      expect.objectContaining({ id: absentMaths.id, reason: 'Соревнования', confirmedBy: classTeacher.userId, confirmedAt: clock.toISOString(), version: 2 }),
      expect.objectContaining({ id: ill.id, reason: 'ОРВИ', confirmedBy: classTeacher.userId, version: 2 }),
    ]);
    // A change by the subject teacher needs the check again.
    expect((await put(teacher(), maths.id, w.students.borisova.id, { code: 'excused', version: 2 })).json()).toMatchObject({ confirmedBy: null, version: 3 });
    expect((await as(t.app, schoolActor(w.schoolId, 'deputy')).post(`${url}/confirm`, { ids: [ill.id] })).statusCode).toBe(200);
  });

  it('refuses absences of another class, bad bodies and callers other than the class teacher, deputy or admin', async () => {
    const lessonB = await w.lesson('2025-09-24', { groupId: w.classB.groupId!, staffId: w.stranger.id });
    const lessonA = await w.lesson('2025-09-24');
    const absentB = (await put(schoolActor(w.schoolId, 'teacher', w.stranger.id), lessonB.id, w.students.pupilB.id, { code: 'absent' })).json();
    const absentA = (await put(teacher(), lessonA.id, w.students.antonov.id, { code: 'absent' })).json();
    const before = await snapshot();
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const urlA = `${base}/classes/${w.classA.id}/absences`;
    const notOurs = await as(t.app, classTeacher).post(`${urlA}/confirm`, { ids: [absentA.id, absentB.id] });
    expect(notOurs.statusCode).toBe(400);
    expect(notOurs.json().error.fields.ids).toContain(absentB.id);
    expect((await as(t.app, classTeacher).post(`${urlA}/confirm`, { ids: [unknownId] })).statusCode).toBe(400);
    expect((await as(t.app, classTeacher).post(`${urlA}/confirm`, { ids: [] })).json().error.fields.ids).toBeDefined();
    expect((await as(t.app, classTeacher).post(`${urlA}/confirm`, {})).json().error.fields.ids).toBe('Обязательное поле');
    expect((await as(t.app, classTeacher).post(`${urlA}/confirm`, { ids: [absentA.id], reasons: { [absentB.id]: 'x' } })).statusCode).toBe(400);
    expect((await as(t.app, classTeacher).get(`${urlA}?from=2025-09-28&to=2025-09-22`)).statusCode).toBe(400);
    expect((await as(t.app, classTeacher).get(`${urlA}?from=2025-09-22`)).json().error.fields.to).toBe('Обязательное поле');
    const urlB = `${base}/classes/${w.classB.id}/absences`;
    expect((await as(t.app, classTeacher).get(`${urlB}?from=2025-09-22&to=2025-09-28`)).statusCode).toBe(404);
    expect((await as(t.app, classTeacher).post(`${urlB}/confirm`, { ids: [absentB.id] })).statusCode).toBe(404);
    const confirm = async (actor: Actor | null) => (await as(t.app, actor).post(`${urlA}/confirm`, { ids: [absentA.id] })).statusCode;
    expect(await confirm(teacher())).toBe(404);
    expect(await confirm(schoolActor(w.schoolId, 'director'))).toBe(403);
    expect(await confirm(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await confirm(schoolActor(w.otherSchoolId, 'admin'))).toBe(404);
    expect(await confirm(null)).toBe(401);
    expect((await as(t.app, classTeacher).post(`${base}/classes/${unknownId}/absences/confirm`, { ids: [absentA.id] })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await as(t.app, schoolActor(w.schoolId, 'director')).get(`${urlA}?from=2025-09-22&to=2025-09-28`)).statusCode).toBe(200);
  });
});
