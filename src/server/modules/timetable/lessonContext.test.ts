import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld } from '../../../../tests/factories/diary.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

// Wednesday 10 September 2025, the first quarter.
const clock = new Date('2025-09-10T03:00:00Z');
let t: TestContext;
let w: DiaryWorld;
let base: string;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const get = (actor: Actor | null, lessonId: string) => as(t.app, actor).get(`${base}/lessons/${lessonId}/context`);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await diaryWorld(t.database.db);
  base = `/api/v1/schools/${w.schoolId}`;
});
afterAll(async () => { await t.close(); });

describe('the lesson editor\'s context', () => {
  it('gives names, bells, the group\'s students, its next lessons of the subject and the КТП', async () => {
    const lesson = await w.mathsLesson('2025-09-10', { lessonNumber: 2, topic: '' });
    await w.mathsLesson('2025-09-10', { lessonNumber: 1 });
    const cancelled = await w.mathsLesson('2025-09-11', { status: 'cancelled' });
    const friday = await w.mathsLesson('2025-09-12', { lessonNumber: 3 });
    const later = await w.mathsLesson('2025-09-10', { lessonNumber: 5 });
    await w.englishLesson('2025-09-11');
    const topic = await as(t.app, teacher()).post(`${base}/planned-topics`, { groupId: w.classA.groupId, subjectId: w.maths.id, ordinal: 1, title: 'Дроби' });
    expect(topic.statusCode, topic.body).toBe(201);

    const res = await get(teacher(), lesson.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lesson: { id: lesson.id, version: 1, topic: '' },
      groupName: '5А', subjectName: 'Математика', startsAt: '09:25', endsAt: '10:10',
      teacherName: 'Математикова М. И.', substituteName: null, periodId: w.q1.id,
      students: [
        { id: w.ivanov.id, name: 'Иванов Иван Иванович', shortName: 'Иванов И. И.' },
        { id: w.smirnova.id, name: 'Смирнова Света Олеговна', shortName: 'Смирнова С. О.' },
      ],
      nextLessons: [
        { id: later.id, date: '2025-09-10', lessonNumber: 5 },
        { id: friday.id, date: '2025-09-12', lessonNumber: 3 },
      ],
      plannedTopics: [{ id: topic.json().id, ordinal: 1, title: 'Дроби', lessonsCount: 0 }],
      canWrite: true, locked: null,
    });
    expect(res.json().nextLessons.map((l: { id: string }) => l.id)).not.toContain(cancelled.id);
  });

  it('lets the substitute write his one lesson, shows others read-only, and hides it from outsiders', async () => {
    const lesson = await w.mathsLesson('2025-09-15', { substituteStaffId: w.substitute.id });
    const substitute = await get(schoolActor(w.schoolId, 'teacher', w.substitute.id), lesson.id);
    expect(substitute.json()).toMatchObject({ canWrite: true, teacherName: 'Математикова М. И.', substituteName: 'Заменова З. С.' });
    expect((await get(schoolActor(w.schoolId, 'teacher', w.classTeacher.id), lesson.id)).json()).toMatchObject({ canWrite: false, locked: null });
    expect((await get(schoolActor(w.schoolId, 'deputy'), lesson.id)).json()).toMatchObject({ canWrite: false });
    expect((await get(schoolActor(w.schoolId, 'teacher', w.english.id), lesson.id)).statusCode).toBe(404);
    expect((await get(schoolActor(w.otherSchoolId, 'admin'), lesson.id)).statusCode).toBe(404);
    expect((await get(null, lesson.id)).statusCode).toBe(401);
    expect((await get(teacher(), '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('says so before any edit when the period of its date is closed', async () => {
    const lesson = await w.mathsLesson('2025-09-17');
    const closed = await as(t.app, schoolActor(w.schoolId, 'deputy')).post(`${base}/periods/${w.q1.id}/close`);
    expect(closed.statusCode, closed.body).toBe(201);
    expect((await get(teacher(), lesson.id)).json().locked).toEqual({
      code: 'journal.period_closed', message: expect.stringContaining('Учебный период закрыт'),
    });
  });
});
