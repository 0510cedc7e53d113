import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryCount } from '../../../../tests/factories/audit.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertHomework, insertMark } from '../../../../tests/factories/diary.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { newId } from '../../db/ids.ts';

// GET /schools/:schoolId/audit?lessonId=|studentId=|periodId=: the history of one lesson, student or period.

let t: TestContext;
let w: DiaryWorld;
const clock = new Date('2025-10-27T09:00:00Z');
let lessonId: string;
let otherLessonId: string;
let englishLessonId: string;
const ids: Record<string, string> = {};
type Entry = { entity: string; entityId: string | null; operation: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; reason: string | null };

const url = () => `/api/v1/schools/${w.schoolId}/audit`;
const deputy = () => schoolActor(w.schoolId, 'deputy');
async function history(query: string, actor = deputy()) {
  const res = await as(t.app, actor).get(`${url()}?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; nextCursor: string | null };
}
const summary = (items: Entry[]) => items.map((e) => `${e.entity}:${e.operation}`).sort();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  lessonId = (await w.mathsLesson('2025-10-06', { topic: 'Дроби' })).id;
  otherLessonId = (await w.mathsLesson('2025-10-07')).id;
  englishLessonId = (await w.englishLesson('2025-10-06')).id;
  ids.mark = (await insertMark(db, { schoolId: w.schoolId, lessonId, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '4' })).id;
  await insertMark(db, { schoolId: w.schoolId, lessonId, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '3' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: otherLessonId, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertAttendance(db, { schoolId: w.schoolId, lessonId, studentId: w.smirnova.id, code: 'absent' });
  await insertHomework(db, { schoolId: w.schoolId, lessonId, dueDate: '2025-10-07', text: '№ 12' });
  const api = as(t.app, deputy());
  const periods = `/api/v1/schools/${w.schoolId}/periods`;
  expect((await api.post(`${periods}/${w.q1.id}/close`)).statusCode).toBe(201);
  expect((await api.post(`${periods}/${w.q2.id}/close`)).statusCode).toBe(201);
  const reopen = (groupId: string, fromDate: string, toDate: string, reason: string, periodId = w.q1.id) =>
    api.post(`${periods}/${periodId}/reopen`, { groupId, fromDate, toDate, reason, hours: 2 });
  expect((await reopen(w.classA.groupId!, '2025-10-01', '2025-10-06', 'Исправление отметки')).statusCode).toBe(201);
  // Not this lesson's: another group, and a range that ends before it.
  expect((await reopen(w.subgroup.id, '2025-10-01', '2025-10-10', 'Подгруппа')).statusCode).toBe(201);
  expect((await reopen(w.classA.groupId!, '2025-09-01', '2025-09-30', 'Сентябрь')).statusCode).toBe(201);
  expect((await reopen(w.classA.groupId!, '2025-11-10', '2025-11-11', 'Вторая четверть', w.q2.id)).statusCode).toBe(201);
});
afterAll(async () => { await t.close(); });

describe('the history of one lesson', () => {
  it('holds the lesson, its marks, attendance and homework, its period\'s closure and the reopening that covers it', async () => {
    const { items, nextCursor } = await history(`lessonId=${lessonId}`);
    expect(nextCursor).toBeNull();
    expect(summary(items)).toEqual([
      'attendance:insert', 'homework:insert', 'lessons:insert', 'marks:insert', 'marks:insert', 'period_closures:insert', 'period_reopenings:insert',
    ]);
    expect(items.find((e) => e.entity === 'lessons')).toMatchObject({ entityId: lessonId, after: expect.objectContaining({ topic: 'Дроби' }) });
    expect(items.find((e) => e.entity === 'period_closures')!.entityId).toBe(w.q1.id);
    expect(items.find((e) => e.entity === 'period_reopenings')).toMatchObject({ reason: 'Исправление отметки', after: expect.objectContaining({ reason: 'Исправление отметки' }) });
    // Newest first.
    expect(items[0]!.entity).toBe('period_reopenings');
  });

  it('pages with the cursor inside the filter', async () => {
    const first = await history(`lessonId=${lessonId}&limit=4`);
    expect(first.items).toHaveLength(4);
    const second = await history(`lessonId=${lessonId}&limit=4&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect(summary([...first.items, ...second.items])).toEqual(summary((await history(`lessonId=${lessonId}`)).items));
  });

  it('does not mix in another group\'s lesson on the same day, nor the reopenings of other groups', async () => {
    const { items } = await history(`lessonId=${englishLessonId}`);
    expect(summary(items)).toEqual(['lessons:insert', 'period_closures:insert', 'period_reopenings:insert']);
    expect(items.find((e) => e.entity === 'period_reopenings')!.reason).toBe('Подгруппа');
  });

  it('is empty for a lesson that does not exist', async () => {
    expect((await history(`lessonId=${newId()}`)).items).toEqual([]);
  });
});

describe('the history of one student', () => {
  it('holds the student\'s own marks and attendance across lessons and not a classmate\'s', async () => {
    const { items } = await history(`studentId=${w.ivanov.id}`);
    expect(summary(items)).toEqual(['marks:insert', 'marks:insert', 'students:insert']);
    for (const e of items.filter((x) => x.entity === 'marks')) expect(e.after!.student_id).toBe(w.ivanov.id);
    const smirnova = await history(`studentId=${w.smirnova.id}`);
    expect(summary(smirnova.items)).toEqual(['attendance:insert', 'marks:insert', 'students:insert']);
  });

  it('combines with the lesson filter', async () => {
    const { items } = await history(`studentId=${w.ivanov.id}&lessonId=${lessonId}`);
    expect(items.map((e) => e.entityId)).toEqual([ids.mark]);
  });
});

describe('the history of one period', () => {
  it('holds its closure and its reopenings only', async () => {
    const { items } = await history(`periodId=${w.q1.id}`);
    expect(summary(items)).toEqual(['period_closures:insert', 'period_reopenings:insert', 'period_reopenings:insert', 'period_reopenings:insert']);
    expect(items.map((e) => e.reason).filter(Boolean).sort()).toEqual(['Исправление отметки', 'Подгруппа', 'Сентябрь']);
    const q2 = await history(`periodId=${w.q2.id}`);
    expect(q2.items.map((e) => e.reason)).toEqual(['Вторая четверть', null]);
  });
});

describe('refusals', () => {
  it('answers 400 for malformed ids and refuses teachers, guardians and other schools, writing nothing', async () => {
    const before = await entryCount(t.database.db, w.schoolId);
    for (const query of ['lessonId=42', 'studentId=abc', 'periodId=', `lessonId=${lessonId}&limit=0`]) {
      const res = await as(t.app, deputy()).get(`${url()}?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    const stranger = schoolActor((await createSchool(t.database.db)).school.id, 'deputy');
    for (const [actor, status] of [
      [schoolActor(w.schoolId, 'teacher', w.teacher.id), 403], [schoolActor(w.schoolId, 'guardian', w.mother.id), 403], [stranger, 404], [null, 401],
    ] as const) {
      expect((await as(t.app, actor).get(`${url()}?lessonId=${lessonId}`)).statusCode).toBe(status);
    }
    expect(await entryCount(t.database.db, w.schoolId)).toBe(before);
  });

  it('lets the director read it too', async () => {
    expect((await history(`studentId=${w.ivanov.id}`, schoolActor(w.schoolId, 'director'))).items.length).toBeGreaterThan(0);
  });
});
