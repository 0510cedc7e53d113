import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonsOfGroup, timetableRows, timetableWorld, type TimetableWorld } from '../../../../tests/factories/journal.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { createYear } from '../../../../tests/factories/calendar.ts';
import { makeClass } from '../../../../tests/factories/structure.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { lessons } from '../../db/schema/timetable.ts';

// After the year: creating a slot adds no lessons by itself (only future dates follow a slot), so
// each test generates exactly the range it looks at.
const clock = new Date('2026-07-01T03:00:00Z');
let t: TestContext;
let w: TimetableWorld;
let base: string;
const db = () => t.database.db;
const admin = () => schoolActor(w.schoolId, 'admin');
const deputy = () => schoolActor(w.schoolId, 'deputy');
const teacherActor = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const datesOf = async (groupId: string, subjectId?: string) => (await lessonsOfGroup(db(), w.schoolId, groupId, subjectId)).map((l) => l.date);

async function slot(body: Record<string, unknown>) {
  const res = await as(t.app, admin()).post(`${base}/timetable-slots`, w.slotBody(body));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const generate = (body: Record<string, unknown>, actor = deputy()) => as(t.app, actor).post(`${base}/lessons/generate`, { academicYearId: w.year.id, ...body });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await timetableWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
});
afterAll(async () => { await t.close(); });

describe('lesson generation', () => {
  it('writes a lesson for every Monday of the slot, none in the autumn vacation, and keeps the original date', async () => {
    const created = await slot({ validFrom: '2025-09-01', validTo: '2025-11-30' });
    expect(created.lessons).toEqual({ inserted: 0, removed: 0, kept: [] });
    const res = await generate({ from: '2025-09-01', to: '2025-11-10' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ from: '2025-09-01', to: '2025-11-10', slots: 1, inserted: 9 });
    expect(await datesOf(w.class5.groupId!)).toEqual([
      '2025-09-01', '2025-09-08', '2025-09-15', '2025-09-22', '2025-09-29', '2025-10-06', '2025-10-13', '2025-10-20', '2025-11-10',
    ]);
    const [first] = await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!);
    expect(first).toMatchObject({
      slotId: created.id, staffId: w.teacher.id, roomId: w.room101.id, lessonNumber: 1, kind: 'regular', status: 'scheduled',
      originalDate: '2025-09-01', originalLessonNumber: 1, version: 1, topic: '',
    });
  });

  it('is idempotent: a second run adds nothing, a missing occurrence is added back, written lessons stay as they are', async () => {
    const before = await timetableRows(db(), w.schoolId);
    const again = await generate({ from: '2025-09-01', to: '2025-11-10' });
    expect(again.json().inserted).toBe(0);
    expect((await timetableRows(db(), w.schoolId)).lessons).toEqual(before.lessons);
    const [first, second] = before.lessons.sort((a, b) => a.date.localeCompare(b.date));
    await db().update(lessons).set({ topic: 'Натуральные числа', version: 2 }).where(eq(lessons.id, first!.id));
    await db().delete(lessons).where(eq(lessons.id, second!.id));
    const written = (await db().select().from(lessons).where(eq(lessons.id, first!.id)))[0];
    expect((await generate({ from: '2025-09-01', to: '2025-11-10' })).json().inserted).toBe(1);
    expect((await db().select().from(lessons).where(eq(lessons.id, first!.id)))[0]).toEqual(written);
    expect(await datesOf(w.class5.groupId!)).toHaveLength(9);
  });

  it('skips the grade-1 February week for 1А only, and covers every group of the year by default', async () => {
    await slot({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: w.room102.id, weekday: 1, lessonNumber: 2 });
    await slot({ weekday: 1, lessonNumber: 3, validFrom: '2026-01-12', validTo: '2026-05-31', roomId: null });
    const res = await generate({ from: '2026-02-09', to: '2026-02-23' });
    expect(res.json()).toMatchObject({ inserted: 5 });
    expect(await datesOf(w.class1.groupId!)).toEqual(['2026-02-09', '2026-02-23']);
    expect((await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!)).filter((l) => l.lessonNumber === 3).map((l) => l.date))
      .toEqual(['2026-02-09', '2026-02-16', '2026-02-23']);
  });

  it('keeps alternating slots to odd and even ISO weeks, and lets them share a time', async () => {
    await slot({ weekday: 2, lessonNumber: 1, weekParity: 'odd', validFrom: '2025-09-01', validTo: '2025-09-30' });
    await slot({ weekday: 2, lessonNumber: 1, weekParity: 'even', subjectId: w.russian.id, staffId: w.russianTeacher.id, validFrom: '2025-09-01', validTo: '2025-09-30' });
    await generate({ from: '2025-09-01', to: '2025-09-30', groupIds: [w.class5.groupId] });
    const septemberTuesdays = ['2025-09-02', '2025-09-09', '2025-09-16', '2025-09-23', '2025-09-30'];
    const tuesdays = (await lessonsOfGroup(db(), w.schoolId, w.class5.groupId!)).filter((l) => septemberTuesdays.includes(l.date));
    expect(tuesdays.filter((l) => l.subjectId === w.maths.id).map((l) => l.date)).toEqual(['2025-09-09', '2025-09-23']);
    expect(tuesdays.filter((l) => l.subjectId === w.russian.id).map((l) => l.date)).toEqual(['2025-09-02', '2025-09-16', '2025-09-30']);
  });

  it('generates only the groups asked for', async () => {
    await slot({ groupId: w.class1.groupId, subjectId: w.reading.id, staffId: w.readingTeacher.id, roomId: null, weekday: 3, lessonNumber: 1 });
    const res = await generate({ from: '2025-09-03', to: '2025-09-03', groupIds: [w.class5.groupId] });
    expect(res.json()).toMatchObject({ inserted: 0 });
    expect((await generate({ from: '2025-09-03', to: '2025-09-03', groupIds: [w.class1.groupId] })).json()).toMatchObject({ inserted: 1 });
  });

  it('writes Saturday lessons in a six-day year and refuses a Saturday slot in a five-day one', async () => {
    const six = await timetableWorld(db(), { weekDays: 6 });
    const sixBase = `/api/v1/schools/${six.schoolId}`;
    const created = await as(t.app, schoolActor(six.schoolId, 'admin')).post(`${sixBase}/timetable-slots`, six.slotBody({ weekday: 6, validTo: '2025-09-30' }));
    expect(created.statusCode, created.body).toBe(201);
    const res = await as(t.app, schoolActor(six.schoolId, 'deputy')).post(`${sixBase}/lessons/generate`, { academicYearId: six.year.id });
    expect(res.json()).toMatchObject({ from: '2025-09-01', to: '2026-05-31', inserted: 4 });
    expect((await lessonsOfGroup(db(), six.schoolId, six.class5.groupId!)).map((l) => l.date)).toEqual(['2025-09-06', '2025-09-13', '2025-09-20', '2025-09-27']);
    const before = await timetableRows(db(), w.schoolId);
    const refused = await as(t.app, admin()).post(`${base}/timetable-slots`, w.slotBody({ weekday: 6 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ weekday: 'Суббота — только при шестидневной неделе' });
    expect((await as(t.app, admin()).post(`${base}/timetable-slots`, w.slotBody({ weekday: 7 }))).statusCode).toBe(400);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('records the generated rows in the audit log as one entry per statement', async () => {
    await generate({ from: '2025-12-01', to: '2025-12-31' });
    const bulk = await db().select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'lessons'), eq(auditEntries.operation, 'bulk')));
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.at(-1)!.after).toMatchObject({ operation: 'insert' });
  });
});

describe('lesson generation refuses', () => {
  it('bad input with field messages and writes nothing', async () => {
    const before = await timetableRows(db(), w.schoolId);
    const otherYear = await createYear(db(), w.schoolId, { startYear: 2026 });
    const nextClass = await makeClass(db(), w.schoolId, otherYear.id, 5, 'Б');
    const fields = async (body: Record<string, unknown>) => {
      const res = await generate(body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields;
    };
    expect(await fields({ academicYearId: '01900000-0000-7000-8000-000000000000' })).toEqual({ academicYearId: expect.any(String) });
    expect(await fields({ academicYearId: w.other.year.id })).toEqual({ academicYearId: expect.any(String) });
    expect(await fields({ academicYearId: 'год' })).toEqual({ academicYearId: 'Неверный идентификатор' });
    expect(await fields({ academicYearId: undefined })).toEqual({ academicYearId: 'Обязательное поле' });
    expect(await fields({ from: '2025-08-31' })).toEqual({ from: 'Внутри учебного года' });
    expect(await fields({ from: '2025-10-01', to: '2025-09-30' })).toEqual({ to: 'Не раньше даты начала' });
    expect(await fields({ to: '2025-02-30' })).toEqual({ to: expect.any(String) });
    expect(await fields({ groupIds: [nextClass.groupId] })).toEqual({ groupIds: 'Группы нет в этом учебном году' });
    expect(await fields({ groupIds: [w.other.class.groupId] })).toEqual({ groupIds: 'Группы нет в этом учебном году' });
    expect(await fields({ groupIds: [] })).toEqual({ groupIds: 'Хотя бы одна группа' });
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });

  it('a closed year with 409', async () => {
    const closed = await timetableWorld(db());
    const { transitionYear } = await import('../calendar/yearsService.ts');
    await transitionYear(db(), closed.schoolId, closed.year.id, 'close');
    const res = await as(t.app, schoolActor(closed.schoolId, 'admin')).post(`/api/v1/schools/${closed.schoolId}/lessons/generate`, { academicYearId: closed.year.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('year.closed');
  });

  it('callers who do not plan the timetable, changing nothing', async () => {
    const before = await timetableRows(db(), w.schoolId);
    expect((await generate({}, null as never)).statusCode).toBe(401);
    expect((await generate({}, teacherActor())).statusCode).toBe(403);
    expect((await generate({}, schoolActor(w.schoolId, 'director'))).statusCode).toBe(403);
    expect((await generate({}, schoolActor(w.schoolId, 'student'))).statusCode).toBe(403);
    expect((await generate({}, schoolActor(w.other.schoolId, 'admin'))).statusCode).toBe(404);
    expect(await timetableRows(db(), w.schoolId)).toEqual(before);
  });
});
