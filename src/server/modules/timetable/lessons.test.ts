import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod, insertWorkType, lessonsOfGroup, timetableApp, timetableRows, type TimetableWorld } from '../../../../tests/factories/journal.ts';
import { createStaff, createStudent } from '../../../../tests/factories/people.ts';
import { admit, unknownId } from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { newId } from '../../db/ids.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance } from '../../db/schema/journal.ts';
import { periodClosures } from '../../db/schema/grading.ts';
import type { Actor } from '../../policy/policy.ts';

// Wednesday 1 October 2025, 10:00 in Barnaul.
const clock = new Date('2025-10-01T03:00:00Z');
let t: TestContext, w: TimetableWorld, base: string;
let studentId: string;
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const deputy = () => schoolActor(w.schoolId, 'deputy');
const lessonOn = async (date: string, lessonNumber = 1) =>
  (await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!)).find((l) => l.date === date && l.lessonNumber === lessonNumber)!;
const rowOf = async (id: string) => (await db().select().from(lessons).where(eq(lessons.id, id)))[0]!;
const url = (id: string, action = '') => `${base}/lessons/${id}${action}`;

beforeAll(async () => {
  ({ t, w, base } = await timetableApp(() => clock));
  const admin = as(t.app, schoolActor(w.schoolId, 'admin'));
  // 5А: Математика on Mondays (lesson 1) and Thursdays (lesson 3), Русский язык on Mondays (lesson 2); 1А: Чтение on Mondays (lesson 1).
  for (const body of [
    w.slotBody(), w.slotBody({ weekday: 4, lessonNumber: 3 }),
    w.slotBody({ subjectId: w.russian.id, staffId: w.russianTeacher.id, lessonNumber: 2 }),
    w.slotBody({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: w.room102.id }),
  ]) expect((await admin.post(`${base}/timetable-slots`, body)).statusCode).toBe(201);
  await as(t.app, deputy()).post(`${base}/lessons/generate`, { academicYearId: w.year.id, from: '2025-09-01', to: '2025-10-01' });
  studentId = (await createStudent(db(), w.schoolId)).id;
  await admit(db(), w.schoolId, studentId, w.class5.id, '2025-09-01');
});
afterAll(async () => { await t.close(); });

describe('writing a lesson', () => {
  it('lets its teacher write the topic, notes and work types, and stamps when the topic first came', async () => {
    const lesson = await lessonOn('2025-10-06');
    const work = await insertWorkType(db(), w.schoolId);
    const res = await as(t.app, teacher()).patch(url(lesson.id), { version: 1, topic: ' Дроби ', notes: 'Повторить', workTypeIds: [work.id, work.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ topic: 'Дроби', notes: 'Повторить', workTypeIds: [work.id], version: 2, topicWrittenAt: clock.toISOString() });
    const later = new Date(clock.getTime() + 3_600_000);
    clock.setTime(later.getTime());
    try {
      expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 2, topic: 'Дроби и проценты' })).json())
        .toMatchObject({ topic: 'Дроби и проценты', version: 3, topicWrittenAt: new Date(later.getTime() - 3_600_000).toISOString() });
    } finally {
      clock.setTime(later.getTime() - 3_600_000);
    }
  });

  it('fills the topic from the КТП and refuses a topic of another plan', async () => {
    const plan = await as(t.app, teacher()).put(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.maths.id, topics: [{ title: 'Натуральные числа' }, { title: 'Дроби', hours: 2 }] });
    const [first] = plan.json().items;
    const russianPlan = await as(t.app, schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))
      .put(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.russian.id, topics: [{ title: 'Фонетика' }] });
    const lesson = await lessonOn('2025-10-13');
    const picked = await as(t.app, teacher()).patch(url(lesson.id), { version: 1, plannedTopicId: first.id });
    expect(picked.json()).toMatchObject({ topic: 'Натуральные числа', plannedTopicId: first.id, version: 2 });
    const before = await rowOf(lesson.id);
    const refused = await as(t.app, teacher()).patch(url(lesson.id), { version: 2, plannedTopicId: russianPlan.json().items[0].id });
    expect(refused.json().error.fields).toEqual({ plannedTopicId: 'Темы нет в КТП этой группы по этому предмету' });
    expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 2, workTypeIds: [unknownId] })).json().error.fields).toEqual({ workTypeIds: expect.any(String) });
    expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 2 })).json().error.code).toBe('validation.nothing_to_update');
    expect((await as(t.app, teacher()).patch(url(lesson.id), { topic: 'Без версии' })).json().error.fields).toEqual({ version: 'Обязательное поле' });
    expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 'два', topic: 7 })).statusCode).toBe(400);
    expect(await rowOf(lesson.id)).toEqual(before);
    const unlinked = await as(t.app, teacher()).patch(url(lesson.id), { version: 2, plannedTopicId: null });
    expect(unlinked.json()).toMatchObject({ topic: 'Натуральные числа', plannedTopicId: null });
  });

  it('answers a stale version with 409 and the lesson as it is now, changing nothing', async () => {
    const lesson = await lessonOn('2025-10-20');
    await as(t.app, teacher()).patch(url(lesson.id), { version: 1, topic: 'Первая вкладка' });
    const before = await rowOf(lesson.id);
    const res = await as(t.app, teacher()).patch(url(lesson.id), { version: 1, topic: 'Вторая вкладка' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'lesson.stale', current: { id: lesson.id, topic: 'Первая вкладка', version: 2 } });
    expect(await rowOf(lesson.id)).toEqual(before);
  });

  it('refuses a lesson in a closed period with 409', async () => {
    await closePeriod(db(), w.schoolId, w.q1.id);
    try {
      const lesson = await lessonOn('2025-09-08');
      const before = await rowOf(lesson.id);
      const res = await as(t.app, teacher()).patch(url(lesson.id), { version: 1, topic: 'Поздно' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('journal.period_closed');
      expect((await as(t.app, teacher()).post(url(lesson.id, '/move'), { version: 1, date: '2025-11-10', lessonNumber: 5 })).statusCode).toBe(409);
      expect((await as(t.app, teacher()).post(url((await lessonOn('2025-11-10')).id, '/move'), { version: 1, date: '2025-09-09', lessonNumber: 5 })).statusCode).toBe(409);
      expect((await as(t.app, teacher()).post(`${base}/lessons`, { groupId: w.class5.groupId, subjectId: w.maths.id, date: '2025-09-10', lessonNumber: 6 })).statusCode).toBe(409);
      expect(await rowOf(lesson.id)).toEqual(before);
    } finally {
      await db().delete(periodClosures).where(eq(periodClosures.schoolId, w.schoolId));
    }
  });

  it('is refused to the administration (read-only), to students, to teachers of other subjects and to other schools', async () => {
    const lesson = await lessonOn('2025-11-10');
    const before = await rowOf(lesson.id);
    const outsider = await createStaff(db(), w.other.schoolId);
    const cases: [Actor | null, number, string?][] = [
      [null, 401],
      [schoolActor(w.schoolId, 'admin'), 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'deputy'), 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'student', studentId), 403],
      [schoolActor(w.schoolId, 'teacher', w.russianTeacher.id), 403, 'journal.read_only'],
      [schoolActor(w.schoolId, 'teacher', w.readingTeacher.id), 404],
      [schoolActor(w.other.schoolId, 'teacher', outsider.id), 404],
    ];
    for (const [actor, status, code] of cases) {
      const res = await as(t.app, actor).patch(url(lesson.id), { version: 1, topic: 'Чужая запись' });
      expect(res.statusCode, JSON.stringify(actor?.roles)).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    expect((await as(t.app, teacher()).patch(url(unknownId), { version: 1, topic: 'Нет урока' })).statusCode).toBe(404);
    expect(await rowOf(lesson.id)).toEqual(before);
  });
});

describe('substitutions', () => {
  it('let the substitute fill in that lesson only, while its own teacher still may', async () => {
    const lesson = await lessonOn('2025-11-17');
    const next = await lessonOn('2025-11-24');
    const sub = schoolActor(w.schoolId, 'teacher', w.substitute.id);
    const assigned = await as(t.app, deputy()).post(url(lesson.id, '/substitution'), { version: 1, staffId: w.substitute.id });
    expect(assigned.json()).toMatchObject({ substituteStaffId: w.substitute.id, staffId: w.teacher.id, version: 2 });
    expect((await as(t.app, sub).get(url(lesson.id))).statusCode).toBe(200);
    expect((await as(t.app, sub).patch(url(lesson.id), { version: 2, topic: 'Замена: уравнения' })).json()).toMatchObject({ topic: 'Замена: уравнения', version: 3 });
    expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 3, notes: 'Проверить тетради' })).json()).toMatchObject({ version: 4 });
    const untouched = await rowOf(next.id);
    expect((await as(t.app, sub).patch(url(next.id), { version: 1, topic: 'Не моя' })).statusCode).toBe(404);
    const move = await as(t.app, sub).post(url(lesson.id, '/move'), { version: 4, date: '2025-11-25', lessonNumber: 6 });
    expect(move.json().error.code).toBe('lesson.substitute_only');
    expect(await rowOf(next.id)).toEqual(untouched);
    const listed = await as(t.app, sub).get(`${base}/lessons?staffId=${w.substitute.id}`);
    expect(listed.json().items.map((l: { id: string }) => l.id)).toEqual([lesson.id]);
    expect((await as(t.app, deputy()).post(url(lesson.id, '/substitution'), { version: 4, staffId: null })).json().substituteStaffId).toBeNull();
    expect((await as(t.app, sub).patch(url(lesson.id), { version: 5, topic: 'Уже не моя' })).statusCode).toBe(404);
  });

  it('are set by the deputy only, for a teacher of the school who is free and still works there', async () => {
    const lesson = await lessonOn('2025-12-01');
    const before = await rowOf(lesson.id);
    const gone = await createStaff(db(), w.schoolId, { dismissedOn: '2025-11-30' });
    const foreign = await createStaff(db(), w.other.schoolId);
    const set = (body: object, actor: Actor | null = deputy()) => as(t.app, actor).post(url(lesson.id, '/substitution'), { version: 1, ...body });
    expect((await set({ staffId: gone.id })).json().error).toMatchObject({ code: 'staff.dismissed', fields: { staffId: 'Сотрудник уволен' } });
    expect((await set({ staffId: foreign.id })).json().error.fields).toEqual({ staffId: expect.any(String) });
    expect((await set({ staffId: unknownId })).statusCode).toBe(400);
    expect((await set({ staffId: w.teacher.id })).json().error.code).toBe('substitution.same_teacher');
    // The Russian teacher has her own lesson 2 on Mondays; lesson 1 of 1А is the reading teacher's.
    expect((await set({ staffId: w.readingTeacher.id })).json().error).toMatchObject({ code: 'lesson.clash', current: { groupId: w.class1.groupId } });
    expect((await set({ staffId: w.substitute.id, version: 7 })).json().error).toMatchObject({ code: 'lesson.stale', current: { version: 1 } });
    expect((await set({})).json().error.fields).toEqual({ staffId: expect.any(String) });
    expect((await set({ staffId: w.substitute.id }, teacher())).statusCode).toBe(403);
    expect((await set({ staffId: w.substitute.id }, schoolActor(w.other.schoolId, 'admin'))).statusCode).toBe(404);
    expect((await set({ staffId: w.substitute.id }, null)).statusCode).toBe(401);
    expect(await rowOf(lesson.id)).toEqual(before);
  });
});

describe('moving and cancelling', () => {
  it('moves a lesson keeping its original date and number, and back again', async () => {
    const lesson = await lessonOn('2025-12-08');
    const moved = await as(t.app, teacher()).post(url(lesson.id, '/move'), { version: 1, date: '2025-12-09', lessonNumber: 6, reason: 'Олимпиада' });
    expect(moved.json()).toMatchObject({
      status: 'moved', date: '2025-12-09', lessonNumber: 6, originalDate: '2025-12-08', originalLessonNumber: 1, statusReason: 'Олимпиада', version: 2,
    });
    const back = await as(t.app, deputy()).post(url(lesson.id, '/move'), { version: 2, date: '2025-12-08', lessonNumber: 1 });
    expect(back.json()).toMatchObject({ status: 'scheduled', date: '2025-12-08', statusReason: '', version: 3 });
    expect((await as(t.app, deputy()).post(`${base}/lessons/generate`, { academicYearId: w.year.id, from: '2025-12-01', to: '2025-12-31' })).statusCode).toBe(200);
    expect((await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!, w.maths.id)).filter((l) => l.originalDate === '2025-12-08')).toHaveLength(1);
  });

  it('refuses a move onto a busy time, outside the year, to the same time, by others, or with a stale version', async () => {
    const lesson = await lessonOn('2025-12-15');
    const before = await timetableRows(db(), w.schoolId);
    const move = (body: object, actor: Actor | null = teacher()) => as(t.app, actor).post(url(lesson.id, '/move'), { version: 1, date: '2025-12-16', lessonNumber: 6, ...body });
    expect((await move({ lessonNumber: 2, date: '2025-12-15' })).json().error).toMatchObject({ code: 'lesson.clash', current: { subjectId: w.russian.id } });
    expect((await move({ date: '2026-06-01' })).json().error.fields).toEqual({ date: 'Вне учебного года группы' });
    expect((await move({ date: '2025-12-15', lessonNumber: 1 })).json().error.code).toBe('lesson.same_time');
    expect((await move({ date: '15.12.2025', lessonNumber: 16 })).json().error.fields).toEqual({ date: expect.any(String), lessonNumber: 'От 0 до 15' });
    expect((await move({ version: 9 })).json().error).toMatchObject({ code: 'lesson.stale', current: { version: 1 } });
    expect((await move({}, schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).statusCode).toBe(403);
    expect((await move({}, schoolActor(w.schoolId, 'director'))).statusCode).toBe(403);
    expect((await move({}, schoolActor(w.schoolId, 'student', studentId))).statusCode).toBe(403);
    expect((await move({}, schoolActor(w.other.schoolId, 'admin'))).statusCode).toBe(404);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('cancels a lesson with a reason, keeping the row, and writes the reason to the audit log', async () => {
    const lesson = await lessonOn('2025-12-22');
    const res = await as(t.app, teacher()).post(url(lesson.id, '/cancel'), { version: 1, reason: 'Карантин' });
    expect(res.json()).toMatchObject({ id: lesson.id, status: 'cancelled', statusReason: 'Карантин', date: '2025-12-22', version: 2 });
    expect(await rowOf(lesson.id)).toMatchObject({ status: 'cancelled' });
    const logged = await db().select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'lessons'), eq(auditEntries.entityId, lesson.id)));
    expect(logged.at(-1)).toMatchObject({ operation: 'update', reason: 'Карантин' });
    const after = await rowOf(lesson.id);
    expect((await as(t.app, teacher()).post(url(lesson.id, '/cancel'), { version: 2, reason: 'Ещё раз' })).json().error.code).toBe('lesson.cancelled');
    expect((await as(t.app, teacher()).patch(url(lesson.id), { version: 2, topic: 'Отменён' })).json().error.code).toBe('lesson.cancelled');
    expect((await as(t.app, teacher()).post(url(lesson.id, '/move'), { version: 2, date: '2025-12-23', lessonNumber: 6 })).json().error.code).toBe('lesson.cancelled');
    expect((await as(t.app, deputy()).post(url(lesson.id, '/substitution'), { version: 2, staffId: w.substitute.id })).json().error.code).toBe('lesson.cancelled');
    expect(await rowOf(lesson.id)).toEqual(after);
  });

  it('refuses to cancel a lesson that holds attendance, or without a reason', async () => {
    const lesson = await lessonOn('2025-12-25', 3);
    await db().insert(attendance).values({ schoolId: w.schoolId, id: newId(), lessonId: lesson.id, studentId, code: 'absent', recordedBy: newId(), recordedAt: clock });
    const before = await rowOf(lesson.id);
    expect((await as(t.app, teacher()).post(url(lesson.id, '/cancel'), { version: 1, reason: 'Болезнь учителя' })).json().error.code).toBe('lesson.has_entries');
    expect((await as(t.app, teacher()).post(url(lesson.id, '/cancel'), { version: 1, reason: '  ' })).json().error.fields).toEqual({ reason: 'Не может быть пустым' });
    expect(await rowOf(lesson.id)).toEqual(before);
  });
});

describe('extra lessons', () => {
  it('are added by the teacher for his own group and subject', async () => {
    const res = await as(t.app, teacher()).post(`${base}/lessons`, { groupId: w.class5.groupId, subjectId: w.maths.id, date: '2025-10-02', lessonNumber: 2, topic: 'Консультация' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'extra', status: 'scheduled', staffId: w.teacher.id, slotId: null, topic: 'Консультация', originalDate: '2025-10-02', topicWrittenAt: clock.toISOString() });
  });

  it('are refused for another subject, a busy time, outside the year, with unknown ids, or to the administration', async () => {
    const before = await timetableRows(db(), w.schoolId);
    const add = (body: object, actor: Actor | null = teacher()) =>
      as(t.app, actor).post(`${base}/lessons`, { groupId: w.class5.groupId, subjectId: w.maths.id, date: '2025-10-09', lessonNumber: 1, ...body });
    expect((await add({ subjectId: w.russian.id })).json().error.code).toBe('journal.not_assigned');
    expect((await add({ date: '2025-10-06', lessonNumber: 2 })).json().error.code).toBe('lesson.clash');
    expect((await add({ date: '2025-10-02', lessonNumber: 2 })).json().error.code).toBe('lesson.clash');
    expect((await add({ date: '2026-07-01' })).json().error.fields).toEqual({ date: 'Вне учебного года группы' });
    expect((await add({ groupId: w.other.class.groupId })).json().error.fields).toEqual({ groupId: 'Группа не найдена' });
    expect((await add({ roomId: w.other.room.id })).json().error.fields).toEqual({ roomId: 'Кабинет не найден' });
    expect((await add({ groupId: undefined, lessonNumber: 'первый' })).json().error.fields).toEqual({ groupId: 'Обязательное поле', lessonNumber: expect.any(String) });
    expect((await add({}, schoolActor(w.schoolId, 'admin'))).json().error.code).toBe('journal.read_only');
    expect((await add({}, schoolActor(w.schoolId, 'guardian'))).statusCode).toBe(403);
    expect((await add({}, schoolActor(w.other.schoolId, 'teacher', w.other.teacher.id))).statusCode).toBe(404);
    expect((await add({}, null)).statusCode).toBe(401);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });
});

describe('reading lessons', () => {
  it('lists a group\'s lessons by date with filters and a cursor', async () => {
    const page = await as(t.app, deputy()).get(`${base}/lessons?groupId=${w.class5.groupId}&subjectId=${w.maths.id}&from=2025-09-01&to=2025-09-30&limit=3`);
    expect(page.json().items.map((l: { date: string }) => l.date)).toEqual(['2025-09-01', '2025-09-04', '2025-09-08']);
    const rest = await as(t.app, deputy()).get(`${base}/lessons?groupId=${w.class5.groupId}&subjectId=${w.maths.id}&from=2025-09-01&to=2025-09-30&cursor=${page.json().nextCursor}`);
    expect(rest.json().items).toHaveLength(6);
    expect(rest.json().nextCursor).toBeNull();
    expect((await as(t.app, deputy()).get(`${base}/lessons?cursor=xyz`)).statusCode).toBe(400);
    expect((await as(t.app, deputy()).get(`${base}/lessons?from=вчера`)).statusCode).toBe(400);
  });

  it('shows a teacher the journals of his groups, a student those of his own groups, and nothing of another school', async () => {
    const groupsSeen = async (actor: Actor) =>
      [...new Set((await as(t.app, actor).get(`${base}/lessons?from=2025-09-01&to=2025-09-30&limit=500`)).json().items.map((l: { groupId: string }) => l.groupId))];
    expect(await groupsSeen(schoolActor(w.schoolId, 'teacher', w.readingTeacher.id))).toEqual([w.class1.groupId]);
    expect(await groupsSeen(schoolActor(w.schoolId, 'student', studentId))).toEqual([w.class5.groupId]);
    expect((await groupsSeen(schoolActor(w.schoolId, 'director'))).sort()).toEqual([w.class1.groupId, w.class5.groupId].sort());
    const alien = await lessonOn('2025-09-01');
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.readingTeacher.id)).get(url(alien.id))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.other.schoolId, 'admin')).get(url(alien.id))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.other.schoolId, 'admin')).get(`/api/v1/schools/${w.other.schoolId}/lessons/${alien.id}`)).statusCode).toBe(404);
    expect((await as(t.app, null).get(`${base}/lessons`)).statusCode).toBe(401);
  });
});
