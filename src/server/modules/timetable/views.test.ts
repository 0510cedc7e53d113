import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonsOfGroup, timetableApp, timetableRows, type TimetableWorld } from '../../../../tests/factories/journal.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit, unknownId } from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { newId } from '../../db/ids.ts';
import { attendance } from '../../db/schema/journal.ts';
import type { Actor } from '../../policy/policy.ts';

// Monday 6 October 2025, 08:00 in Barnaul.
const clock = new Date('2025-10-06T01:00:00Z');
let t: TestContext, w: TimetableWorld, base: string;
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const deputy = () => schoolActor(w.schoolId, 'deputy');
const lessonOn = async (groupId: string, date: string, lessonNumber = 1) =>
  (await lessonsOfGroup(db(), w.schoolId, groupId)).find((l) => l.date === date && l.lessonNumber === lessonNumber)!;

beforeAll(async () => {
  ({ t, w, base } = await timetableApp(() => clock));
  const admin = as(t.app, schoolActor(w.schoolId, 'admin'));
  // Mondays: 5А Математика lesson 1 (room 101), Русский язык lesson 2; 1А Чтение lesson 4 (no bell for it).
  for (const body of [
    w.slotBody(), w.slotBody({ subjectId: w.russian.id, staffId: w.russianTeacher.id, lessonNumber: 2, roomId: null }),
    w.slotBody({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: w.room102.id, lessonNumber: 4 }),
  ]) expect((await admin.post(`${base}/timetable-slots`, body)).statusCode).toBe(201);
  await as(t.app, deputy()).post(`${base}/lessons/generate`, { academicYearId: w.year.id, from: '2025-09-01', to: '2025-10-06' });
});
afterAll(async () => { await t.close(); });

describe('today\'s lessons of a teacher', () => {
  it('lists his own lessons and those he substitutes, with group, subject, room, bells and what is filled in', async () => {
    const maths = await lessonOn(w.class5.groupId!, '2025-10-06');
    const reading = await lessonOn(w.class1.groupId!, '2025-10-06', 4);
    await as(t.app, deputy()).post(`${base}/lessons/${reading.id}/substitution`, { version: 1, staffId: w.teacher.id });
    await as(t.app, teacher()).patch(`${base}/lessons/${maths.id}`, { version: 1, topic: 'Проценты' });
    const student = await createStudent(db(), w.schoolId);
    await admit(db(), w.schoolId, student.id, w.class5.id, '2025-09-01');
    await db().insert(attendance).values({ schoolId: w.schoolId, id: newId(), lessonId: maths.id, studentId: student.id, code: 'late', recordedBy: newId(), recordedAt: clock });
    expect((await as(t.app, teacher()).post(`${base}/lessons/${maths.id}/homework`, { text: '№ 5' })).statusCode).toBe(201);
    const res = await as(t.app, teacher()).get(`${base}/me/lessons`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      date: '2025-10-06',
      items: [
        {
          id: maths.id, date: '2025-10-06', lessonNumber: 1, status: 'scheduled', kind: 'regular', groupId: w.class5.groupId, groupName: '5А',
          subjectId: w.maths.id, subjectName: 'Математика', roomId: w.room101.id, roomName: '101', startsAt: '08:30', endsAt: '09:15',
          substitution: false, substituteStaffId: null, teacherName: 'Расписанова А. П.', substituteName: null,
          topic: 'Проценты', topicFilled: true, attendanceFilled: true, homeworkSet: true, version: 2,
        },
        {
          id: reading.id, date: '2025-10-06', lessonNumber: 4, status: 'scheduled', kind: 'regular', groupId: w.class1.groupId, groupName: '1А',
          subjectId: w.reading.id, subjectName: 'Чтение', roomId: w.room102.id, roomName: '102', startsAt: null, endsAt: null,
          substitution: true, substituteStaffId: w.teacher.id, teacherName: 'Букварёва А. П.', substituteName: 'Расписанова А. П.',
          topic: '', topicFilled: false, attendanceFilled: false, homeworkSet: false, version: 2,
        },
      ],
    });
    const russian = await as(t.app, schoolActor(w.schoolId, 'teacher', w.russianTeacher.id)).get(`${base}/me/lessons?date=2025-09-29`);
    expect(russian.json().items).toMatchObject([{ lessonNumber: 2, roomId: null, roomName: null, startsAt: '09:25', endsAt: '10:10', subjectName: 'Русский язык' }]);
    expect((await as(t.app, teacher()).get(`${base}/me/lessons?date=2025-10-05`)).json()).toEqual({ date: '2025-10-05', items: [] });
    // The reading teacher still sees his lesson, marked as taken by the substitute.
    const own = await as(t.app, schoolActor(w.schoolId, 'teacher', w.readingTeacher.id)).get(`${base}/me/lessons`);
    expect(own.json().items).toMatchObject([{ id: reading.id, substitution: false, substituteStaffId: w.teacher.id, substituteName: 'Расписанова А. П.', teacherName: 'Букварёва А. П.' }]);
  });

  it('is refused to those who do not teach, and for bad dates', async () => {
    expect((await as(t.app, schoolActor(w.schoolId, 'admin')).get(`${base}/me/lessons`)).json().error.code).toBe('timetable.not_teacher');
    expect((await as(t.app, schoolActor(w.schoolId, 'student')).get(`${base}/me/lessons`)).statusCode).toBe(403);
    expect((await as(t.app, teacher()).get(`${base}/me/lessons?date=06.10.2025`)).json().error.fields).toEqual({ date: expect.any(String) });
    expect((await as(t.app, schoolActor(w.other.schoolId, 'teacher', w.other.teacher.id)).get(`${base}/me/lessons`)).statusCode).toBe(404);
    expect((await as(t.app, null).get(`${base}/me/lessons`)).statusCode).toBe(401);
  });
});

describe('the timesheet', () => {
  it('counts a substitution for both teachers, cancelled lessons apart, and only up to today', async () => {
    const september = async (date: string, groupId = w.class5.groupId!, n = 1) => lessonOn(groupId, date, n);
    const sub = await september('2025-09-08');
    await as(t.app, deputy()).post(`${base}/lessons/${sub.id}/substitution`, { version: 1, staffId: w.substitute.id });
    const cancelled = await september('2025-09-15');
    await as(t.app, deputy()).post(`${base}/lessons/${cancelled.id}/cancel`, { version: 1, reason: 'Карантин' });
    const res = await as(t.app, deputy()).get(`${base}/timesheet?from=2025-09-01&to=2025-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    const row = (staffId: string) => res.json().items.find((i: { staffId: string }) => i.staffId === staffId);
    expect(res.json().to).toBe('2025-10-06');
    // Mondays 1 September – 6 October: six lessons each.
    expect(row(w.teacher.id)).toMatchObject({ lastName: 'Расписанова', given: 4, asSubstitute: 1, substituted: 1, cancelled: 1 });
    expect(row(w.substitute.id)).toMatchObject({ lastName: 'Заменова', given: 0, asSubstitute: 1, substituted: 0, cancelled: 0 });
    expect(row(w.russianTeacher.id)).toMatchObject({ given: 6, asSubstitute: 0, substituted: 0, cancelled: 0 });
    expect(row(w.readingTeacher.id)).toMatchObject({ given: 5, substituted: 1 });
    const mine = await as(t.app, schoolActor(w.schoolId, 'teacher', w.substitute.id)).get(`${base}/timesheet?from=2025-09-01&to=2025-09-30`);
    expect(mine.json()).toEqual({
      from: '2025-09-01', to: '2025-09-30',
      items: [{ staffId: w.substitute.id, lastName: 'Заменова', firstName: 'Анна', middleName: 'Петровна', given: 0, asSubstitute: 1, substituted: 0, cancelled: 0 }],
    });
    const idle = await as(t.app, schoolActor(w.schoolId, 'director')).get(`${base}/timesheet?staffId=${w.substitute.id}&from=2025-10-01&to=2025-10-03`);
    expect(idle.json().items).toMatchObject([{ staffId: w.substitute.id, given: 0, asSubstitute: 0 }]);
  });

  it('is refused for another teacher, bad ranges and outsiders', async () => {
    const get = (query: string, actor: Actor | null = teacher()) => as(t.app, actor).get(`${base}/timesheet?${query}`);
    expect((await get(`staffId=${w.russianTeacher.id}&from=2025-09-01&to=2025-09-30`)).statusCode).toBe(403);
    expect((await get('from=2025-09-30&to=2025-09-01')).json().error.fields).toEqual({ to: 'Не раньше даты начала' });
    expect((await get('from=2025-09-01')).json().error.fields).toEqual({ to: 'Обязательное поле' });
    expect((await get(`staffId=${unknownId}&from=2025-09-01&to=2025-09-30`, deputy())).json().error.fields).toEqual({ staffId: 'Сотрудник не найден' });
    expect((await get('from=2025-09-01&to=2025-09-30', schoolActor(w.schoolId, 'guardian'))).statusCode).toBe(403);
    expect((await get('from=2025-09-01&to=2025-09-30', schoolActor(w.other.schoolId, 'admin'))).statusCode).toBe(404);
    expect((await get('from=2025-09-01&to=2025-09-30', null)).statusCode).toBe(401);
  });
});

describe('the thematic plan (КТП)', () => {
  const plan = (actor: Actor | null = teacher()) => as(t.app, actor);
  const planUrl = () => `${base}/planned-topics?groupId=${w.class5.groupId}&subjectId=${w.maths.id}`;

  it('is written by the teacher topic by topic and as a whole, and shows how many lessons took each topic', async () => {
    const first = await plan().post(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.maths.id, ordinal: 1, title: 'Натуральные числа' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ ordinal: 1, title: 'Натуральные числа', hours: 1, lessonsCount: 0 });
    const second = (await plan().post(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.maths.id, ordinal: 2, title: 'Дроби', hours: 3 })).json();
    const lesson = await lessonOn(w.class5.groupId!, '2025-09-22');
    await plan().patch(`${base}/lessons/${lesson.id}`, { version: 1, plannedTopicId: second.id });
    expect((await plan().get(planUrl())).json().items.map((i: { title: string; lessonsCount: number }) => [i.title, i.lessonsCount]))
      .toEqual([['Натуральные числа', 0], ['Дроби', 1]]);
    expect((await plan().patch(`${base}/planned-topics/${second.id}`, { title: 'Обыкновенные дроби', hours: 4 })).json())
      .toMatchObject({ title: 'Обыкновенные дроби', hours: 4, ordinal: 2, lessonsCount: 1 });
    const replaced = await plan().put(`${base}/planned-topics`, {
      groupId: w.class5.groupId, subjectId: w.maths.id, topics: [{ title: 'Числа' }, { title: 'Дроби', hours: 5 }, { title: 'Проценты' }],
    });
    expect(replaced.json().items.map((i: { id: string; ordinal: number; title: string; hours: number; lessonsCount: number }) => [i.ordinal, i.title, i.hours, i.lessonsCount]))
      .toEqual([[1, 'Числа', 1, 0], [2, 'Дроби', 5, 1], [3, 'Проценты', 1, 0]]);
    expect(replaced.json().items[1].id).toBe(second.id);
    const dropped = replaced.json().items[2].id;
    expect((await plan().delete(`${base}/planned-topics/${dropped}`)).json()).toEqual({ deleted: true });
    expect((await plan(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id)).get(planUrl())).json().items).toHaveLength(2);
  });

  it('refuses a plan that drops a topic lessons took, a taken number, bad input and other writers, changing nothing', async () => {
    const before = await timetableRows(db(), w.schoolId);
    const [, used] = (await plan().get(planUrl())).json().items;
    const put = (body: object, actor: Actor | null = teacher()) => plan(actor).put(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.maths.id, topics: [{ title: 'Одна тема' }], ...body });
    expect((await put({})).json().error).toMatchObject({ code: 'planned_topic.in_use', fields: { topics: 'Темы №2 используются в уроках' } });
    expect((await plan().delete(`${base}/planned-topics/${used.id}`)).json().error.code).toBe('planned_topic.in_use');
    expect((await plan().post(`${base}/planned-topics`, { groupId: w.class5.groupId, subjectId: w.maths.id, ordinal: 2, title: 'Повтор' })).json().error)
      .toMatchObject({ code: 'planned_topic.ordinal_taken', fields: { ordinal: 'Номер уже занят' } });
    expect((await plan().patch(`${base}/planned-topics/${used.id}`, { ordinal: 1 })).json().error.code).toBe('planned_topic.ordinal_taken');
    expect((await put({ topics: [{ title: '' }, { title: 'x', hours: 0 }] })).json().error.fields).toEqual({ 'topics.0.title': 'Не может быть пустым', 'topics.1.hours': 'От 1 до 100' });
    expect((await put({ groupId: w.other.class.groupId })).json().error.fields).toEqual({ groupId: 'Группа не найдена' });
    expect((await put({ subjectId: unknownId })).json().error.fields).toEqual({ subjectId: 'Предмет не найден' });
    expect((await put({}, schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).json().error.code).toBe('journal.not_assigned');
    expect((await put({}, schoolActor(w.schoolId, 'deputy'))).json().error.code).toBe('journal.read_only');
    expect((await put({}, schoolActor(w.other.schoolId, 'admin'))).statusCode).toBe(404);
    expect((await put({}, null)).statusCode).toBe(401);
    expect((await plan().patch(`${base}/planned-topics/${unknownId}`, { title: 'Нет' })).statusCode).toBe(404);
    expect((await plan().patch(`${base}/planned-topics/${used.id}`, {})).json().error.code).toBe('validation.nothing_to_update');
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('is read by whoever reads the group\'s journal', async () => {
    expect((await plan(schoolActor(w.schoolId, 'director')).get(planUrl())).statusCode).toBe(200);
    expect((await plan(schoolActor(w.schoolId, 'teacher', w.readingTeacher.id)).get(planUrl())).statusCode).toBe(404);
    expect((await plan(schoolActor(w.other.schoolId, 'admin')).get(planUrl())).statusCode).toBe(404);
    expect((await plan().get(`${base}/planned-topics?groupId=${w.class5.groupId}`)).json().error.fields).toEqual({ subjectId: 'Обязательное поле' });
  });
});
