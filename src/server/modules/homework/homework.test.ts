import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHolidays } from '../../../../tests/factories/calendar.ts';
import { homeworkRows, createHomeworkApp } from '../../../../tests/factories/homework.ts';
import { closePeriod, type JournalWorld, journalWorld } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import type { DiaryChange } from '../../events/diaryBus.ts';
import type { LessonRow } from '../timetable/service.ts';

let t: TestContext;
let w: JournalWorld;
let clock = new Date('2025-10-06T08:30:00Z');
let monday: LessonRow;
let wednesday: LessonRow;
let lastBeforeHolidays: LessonRow;
let russianLesson: LessonRow;
let classBLesson: LessonRow;
const url = (path: string) => `/api/v1/schools/${w.schoolId}${path}`;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const rows = () => homeworkRows(t.database.db, w.schoolId);

beforeAll(async () => {
  t = await createHomeworkApp({ now: () => clock });
  w = await journalWorld(t.database.db);
  await createHolidays(t.database.db, w.schoolId, w.year.id);
  monday = await w.lesson('2025-10-06', { lessonNumber: 2 });
  await w.lesson('2025-10-07', { lessonNumber: 3, status: 'cancelled' });
  russianLesson = await w.lesson('2025-10-07', { subjectId: w.russian.id, staffId: w.russianTeacher.id });
  wednesday = await w.lesson('2025-10-08', { lessonNumber: 1 });
  lastBeforeHolidays = await w.lesson('2025-10-24');
  classBLesson = await w.lesson('2025-10-06', { groupId: w.classB.groupId!, staffId: w.stranger.id });
});
afterAll(async () => { await t.close(); });

describe('setting homework', () => {
  it('records the text, pages and tasks, due by default at the group\'s next lesson of the subject, and tells the diaries', async () => {
    const seen: DiaryChange[] = [];
    const stop = t.app.diaryBus.subscribe(w.students.antonov.id, (c) => seen.push(c));
    const res = await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), {
      text: 'Решить задачи', pages: 'с. 45–47', tasks: '№ 12, 14а', expectedMinutes: 30,
    });
    expect(res.statusCode, res.body).toBe(201);
    const hw = res.json();
    expect(hw).toMatchObject({
      lessonId: monday.id, groupId: w.classA.groupId, subjectId: w.maths.id, lessonDate: '2025-10-06',
      // the cancelled lesson of 7 October and the Russian lesson are skipped
      dueLessonId: wednesday.id, dueDate: '2025-10-08',
      text: 'Решить задачи', pages: 'с. 45–47', tasks: '№ 12, 14а', expectedMinutes: 30,
      individual: false, studentIds: [], attachments: [], version: 1, createdAt: clock.toISOString(),
    });
    // On PostgreSQL the change travels through NOTIFY, so it arrives a moment later.
    await vi.waitFor(() => expect(seen).toEqual([expect.objectContaining({ kind: 'homework', lessonId: monday.id, schoolId: w.schoolId })]));
    stop();
  });

  it('is due on the next school day when the timetable has no later lesson, skipping the holidays', async () => {
    const res = await as(t.app, teacher()).post(url(`/lessons/${lastBeforeHolidays.id}/homework`), { text: 'Повторить таблицу умножения' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dueLessonId: null, dueDate: '2025-11-05' });
  });

  it('takes a due date and finds the group\'s lesson of the subject on that day', async () => {
    const res = await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'К среде', dueDate: '2025-10-08' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dueLessonId: wednesday.id, dueDate: '2025-10-08' });
    const later = await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'К пятнице', dueDate: '2025-10-10' });
    expect(later.json()).toMatchObject({ dueLessonId: null, dueDate: '2025-10-10' });
  });

  it('refuses a due lesson of another group or subject, an earlier one, and a due date before the lesson, writing nothing', async () => {
    const before = await rows();
    const post = (body: object) => as(t.app, teacher()).post(url(`/lessons/${wednesday.id}/homework`), { text: 'x', ...body });
    for (const [body, field] of [
      [{ dueLessonId: classBLesson.id }, 'dueLessonId'],
      [{ dueLessonId: russianLesson.id }, 'dueLessonId'],
      [{ dueLessonId: monday.id }, 'dueLessonId'],
      [{ dueLessonId: wednesday.id }, 'dueLessonId'],
      [{ dueLessonId: unknownId }, 'dueLessonId'],
      [{ dueLessonId: lastBeforeHolidays.id, dueDate: '2025-10-23' }, 'dueDate'],
      [{ dueDate: '2025-10-07' }, 'dueDate'],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'homework.due_invalid', fields: { [field]: expect.any(String) } });
    }
    expect(await rows()).toEqual(before);
  });

  it('answers bad input with field messages and writes nothing', async () => {
    const before = await rows();
    const post = (body: unknown) => as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), body);
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'x', expectedMinutes: 'полчаса' }, 'expectedMinutes'],
      [{ text: 'x', expectedMinutes: 0 }, 'expectedMinutes'],
      [{ text: 'x', dueDate: '08.10.2025' }, 'dueDate'],
      [{ text: 'x', dueLessonId: 'урок' }, 'dueLessonId'],
      [{ text: 'x', studentIds: ['не-id'] }, 'studentIds.0'],
      [{ text: 'x'.repeat(5001) }, 'text'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect(await rows()).toEqual(before);
  });

  it('gives individual homework only to students of the group on the lesson\'s date', async () => {
    const before = await rows();
    const post = (studentIds: string[]) => as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'Карточка', studentIds });
    const outsider = await post([w.students.antonov.id, w.students.pupilB.id]);
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error).toMatchObject({ code: 'homework.student_not_in_group', fields: { 'studentIds.1': expect.any(String) } });
    const expelled = await post([w.students.dmitriev.id]);
    expect(expelled.json().error.fields).toHaveProperty(['studentIds.0']);
    expect((await post([unknownId])).statusCode).toBe(400);
    expect(await rows()).toEqual(before);
    const ok = await post([w.students.antonov.id, w.students.borisova.id, w.students.antonov.id]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ individual: true, studentIds: [w.students.antonov.id, w.students.borisova.id].sort() });
  });

  it('lets only the lesson\'s teacher set it: 401, 403 read-only, 404 for strangers and unknown lessons, nothing written', async () => {
    const before = await rows();
    const body = { text: 'Задание' };
    const cases: [ReturnType<typeof schoolActor> | null, string, number, string][] = [
      [null, monday.id, 401, 'auth.required'],
      [schoolActor(w.schoolId, 'admin'), monday.id, 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'deputy'), monday.id, 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'teacher', w.russianTeacher.id), monday.id, 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'teacher', w.stranger.id), monday.id, 404, 'lesson.not_found'],
      [schoolActor(w.schoolId, 'student', w.students.antonov.id), monday.id, 404, 'lesson.not_found'],
      [schoolActor(w.otherSchoolId, 'admin'), monday.id, 404, 'lesson.not_found'],
      [teacher(), unknownId, 404, 'lesson.not_found'],
      [teacher(), classBLesson.id, 404, 'lesson.not_found'],
    ];
    for (const [actor, lessonId, status, code] of cases) {
      const res = await as(t.app, actor).post(url(`/lessons/${lessonId}/homework`), body);
      expect(res.statusCode, `${code} ${res.body}`).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const foreign = await as(t.app, schoolActor(w.otherSchoolId, 'admin')).post(`/api/v1/schools/${w.otherSchoolId}/lessons/${monday.id}/homework`, body);
    expect(foreign.statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });

  it('lets a substitute set homework for the one lesson he takes', async () => {
    const substituted = await w.lesson('2025-10-09', { substituteStaffId: w.substitute.id });
    const res = await as(t.app, schoolActor(w.schoolId, 'teacher', w.substitute.id)).post(url(`/lessons/${substituted.id}/homework`), { text: 'От замены' });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('editing and deleting homework', () => {
  let id: string;
  beforeAll(async () => {
    id = (await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'Черновик', pages: 'с. 10' })).json().id;
  });

  it('changes what is named, bumps the version and keeps created_at', async () => {
    const created = (await as(t.app, teacher()).get(url(`/homework/${id}`))).json();
    clock = new Date('2025-10-06T09:00:00Z');
    const res = await as(t.app, teacher()).patch(url(`/homework/${id}`), { version: 1, text: 'Итог', expectedMinutes: null, studentIds: [w.students.vasiliev.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      text: 'Итог', pages: 'с. 10', expectedMinutes: null, individual: true, studentIds: [w.students.vasiliev.id],
      version: 2, createdAt: created.createdAt, updatedAt: clock.toISOString(),
    });
    const back = await as(t.app, teacher()).patch(url(`/homework/${id}`), { version: 2, studentIds: [], dueDate: '2025-10-24' });
    expect(back.json()).toMatchObject({ individual: false, studentIds: [], dueLessonId: lastBeforeHolidays.id, version: 3 });
  });

  it('leaves every change in the audit log, attributed to the teacher', async () => {
    const entries = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'homework'), eq(auditEntries.entityId, id)))
      .orderBy(asc(auditEntries.seq));
    expect(entries.map((e) => e.operation)).toEqual(['insert', 'update', 'update']);
    const chosen = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'homework_students')));
    expect(chosen.map((e) => e.operation)).toEqual(expect.arrayContaining(['insert', 'delete']));
  });

  it('refuses a stale version with 409 and the current homework, changing nothing', async () => {
    const before = await rows();
    const res = await as(t.app, teacher()).patch(url(`/homework/${id}`), { version: 1, text: 'Из старой вкладки' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'homework.stale', current: { id, version: 3, text: 'Итог' } });
    const stale = await as(t.app, teacher()).delete(url(`/homework/${id}?version=2`));
    expect(stale.statusCode).toBe(409);
    expect(await rows()).toEqual(before);
  });

  it('refuses bad edits and other callers, changing nothing', async () => {
    const before = await rows();
    const patch = (actor: ReturnType<typeof schoolActor> | null, body: unknown, hwId = id) => as(t.app, actor).patch(url(`/homework/${hwId}`), body);
    expect((await patch(teacher(), { text: 'без версии' })).json().error.fields).toHaveProperty(['version']);
    expect((await patch(teacher(), { version: 3 })).json().error.code).toBe('validation.nothing_to_update');
    expect((await patch(teacher(), { version: 3, text: '' })).statusCode).toBe(400);
    expect((await patch(teacher(), { version: 3, studentIds: [w.students.pupilB.id] })).json().error.code).toBe('homework.student_not_in_group');
    expect((await patch(teacher(), { version: 3, dueLessonId: classBLesson.id })).json().error.code).toBe('homework.due_invalid');
    expect((await patch(null, { version: 3, text: 'x' })).statusCode).toBe(401);
    expect((await patch(schoolActor(w.schoolId, 'admin'), { version: 3, text: 'x' })).statusCode).toBe(403);
    expect((await patch(schoolActor(w.schoolId, 'teacher', w.stranger.id), { version: 3, text: 'x' })).json().error.code).toBe('homework.not_found');
    expect((await patch(schoolActor(w.schoolId, 'guardian'), { version: 3, text: 'x' })).statusCode).toBe(404);
    expect((await patch(schoolActor(w.otherSchoolId, 'admin'), { version: 3, text: 'x' })).statusCode).toBe(404);
    expect((await patch(teacher(), { version: 3, text: 'x' }, unknownId)).statusCode).toBe(404);
    expect((await as(t.app, teacher()).patch(`/api/v1/schools/${w.otherSchoolId}/homework/${id}`, { version: 3, text: 'x' })).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });

  it('deletes softly: the row stays, marked deleted, and readers no longer find it', async () => {
    const res = await as(t.app, teacher()).delete(url(`/homework/${id}?version=3`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ deleted: true });
    const row = (await rows()).homework.find((h) => h.id === id);
    expect(row).toMatchObject({ deleted: true, version: 4, text: 'Итог' });
    expect((await as(t.app, teacher()).get(url(`/homework/${id}`))).statusCode).toBe(404);
    expect((await as(t.app, teacher()).patch(url(`/homework/${id}`), { version: 4, text: 'воскрес' })).statusCode).toBe(404);
    expect((await as(t.app, teacher()).delete(url(`/homework/${id}`))).statusCode).toBe(404);
    const list = (await as(t.app, teacher()).get(url(`/homework?groupId=${w.classA.groupId}&by=lesson`))).json();
    expect(list.items.map((h: { id: string }) => h.id)).not.toContain(id);
  });
});

describe('a closed period', () => {
  it('refuses setting, editing and deleting homework of its lessons with 409, changing nothing', async () => {
    const id = (await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'До закрытия' })).json().id;
    await closePeriod(t.database.db, w.schoolId, w.q1.id);
    const before = await rows();
    const create = await as(t.app, teacher()).post(url(`/lessons/${monday.id}/homework`), { text: 'После закрытия' });
    expect(create.statusCode).toBe(409);
    expect(create.json().error.code).toBe('journal.period_closed');
    expect((await as(t.app, teacher()).patch(url(`/homework/${id}`), { version: 1, text: 'Правка' })).statusCode).toBe(409);
    expect((await as(t.app, teacher()).delete(url(`/homework/${id}`))).statusCode).toBe(409);
    expect(await rows()).toEqual(before);
  });
});
