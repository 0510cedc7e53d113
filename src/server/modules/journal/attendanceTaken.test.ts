import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePeriod, journalCounts, journalRows, journalWorld, type JournalWorld } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Journal } from '../../../shared/contract/journal.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import type { Actor } from '../../policy/policy.ts';

// Seed 003, 2.5: each lesson records when and by whom attendance was taken, even when everyone was
// present («Все присутствуют»); any attendance entry of the lesson takes it too.
let t: TestContext;
let w: JournalWorld;
let base: string;
let clock = new Date('2025-10-20T06:00:00Z');
const db = () => t.database.db;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const snapshot = async () => ({ counts: await journalCounts(db(), w.schoolId), rows: await journalRows(db(), w.schoolId) });
const allPresent = (actor: Actor | null, lessonId: string, schoolId = w.schoolId) =>
  as(t.app, actor).post(`/api/v1/schools/${schoolId}/lessons/${lessonId}/attendance/all-present`);
const journal = async () => (await as(t.app, teacher())
  .get(`${base}/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`)).json() as Journal;
const takenAt = (page: Journal, lessonId: string) => page.lessons.find((l) => l.id === lessonId)?.attendanceTakenAt;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await journalWorld(db());
  base = `/api/v1/schools/${w.schoolId}`;
});
afterAll(async () => { await t.close(); });

describe('attendance taken', () => {
  it('records «all present» with who and when, keeps the first taking on a repeat, and the grid tells it from a lesson never marked', async () => {
    const taken = await w.lesson('2025-09-15');
    const never = await w.lesson('2025-09-15', { lessonNumber: 2 });
    const actor = teacher();
    const res = await allPresent(actor, taken.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ lessonId: taken.id, takenBy: actor.userId, takenAt: '2025-10-20T06:00:00.000Z' });
    clock = new Date('2025-10-20T07:00:00Z');
    try {
      expect((await allPresent(teacher(), taken.id)).json()).toMatchObject({ takenBy: actor.userId, takenAt: '2025-10-20T06:00:00.000Z' });
    } finally {
      clock = new Date('2025-10-20T06:00:00Z');
    }
    const page = await journal();
    expect(takenAt(page, taken.id)).toBe('2025-10-20T06:00:00.000Z');
    expect(takenAt(page, never.id)).toBeNull();
    expect(page.attendance.filter((a) => a.lessonId === taken.id)).toEqual([]);
  });

  it('takes the attendance with the first entry of the lesson, absences included, and leaves marked absences as they are', async () => {
    const lesson = await w.lesson('2025-09-16');
    const put = await as(t.app, teacher()).put(`${base}/lessons/${lesson.id}/attendance/${w.students.antonov.id}`, { code: 'absent' });
    expect(put.statusCode).toBe(200);
    expect(takenAt(await journal(), lesson.id)).toBe('2025-10-20T06:00:00.000Z');
    expect((await allPresent(teacher(), lesson.id)).statusCode).toBe(200);
    expect((await journal()).attendance.filter((a) => a.lessonId === lesson.id).map((a) => a.code)).toEqual(['absent']);
  });

  it('audits the taking with its actor', async () => {
    const lesson = await w.lesson('2025-09-17');
    const actor = teacher();
    await allPresent(actor, lesson.id);
    const entries = await db().select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), eq(auditEntries.entity, 'attendance_takings'), eq(auditEntries.entityId, lesson.id)))
      .orderBy(asc(auditEntries.seq));
    expect(entries).toEqual([expect.objectContaining({ operation: 'insert', actorUserId: actor.userId })]);
  });

  it('refuses a lesson not begun, a cancelled lesson, a closed period and an unknown lesson, taking nothing', async () => {
    const future = await w.lesson('2025-10-27');
    const cancelled = await w.lesson('2025-09-18', { status: 'cancelled' });
    const inQ2 = await w.lesson('2025-11-12');
    await closePeriod(db(), w.schoolId, w.q2.id);
    const before = await snapshot();
    const refused = async (lessonId: string, status: number, code: string) => {
      const res = await allPresent(teacher(), lessonId);
      expect([res.statusCode, res.json().error.code], lessonId).toEqual([status, code]);
    };
    await refused(future.id, 409, 'journal.lesson_in_future');
    await refused(cancelled.id, 409, 'lesson.cancelled');
    await refused(inQ2.id, 409, 'journal.period_closed');
    await refused(unknownId, 404, 'lesson.not_found');
    expect((await as(t.app, teacher()).post(`${base}/lessons/урок/attendance/all-present`)).statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale attendance write without taking the attendance', async () => {
    const lesson = await w.lesson('2025-09-19');
    const before = await snapshot();
    const stale = await as(t.app, teacher()).put(`${base}/lessons/${lesson.id}/attendance/${w.students.antonov.id}`, { code: 'absent', version: 3 });
    expect(stale.statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only the lesson\'s teacher or its substitute take it; readers get 403, others 404, no actor 401', async () => {
    const lesson = await w.lesson('2025-09-22');
    const substituted = await w.lesson('2025-09-22', { lessonNumber: 2, substituteStaffId: w.substitute.id });
    const before = await snapshot();
    const status = async (actor: Actor | null) => (await allPresent(actor, lesson.id)).statusCode;
    for (const role of ['admin', 'director', 'deputy'] as const) expect(await status(schoolActor(w.schoolId, role)), role).toBe(403);
    expect(await status(schoolActor(w.schoolId, 'teacher', w.russianTeacher.id))).toBe(403);
    expect(await status(schoolActor(w.schoolId, 'teacher', w.stranger.id))).toBe(404);
    expect(await status(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await status(schoolActor(w.otherSchoolId, 'admin'))).toBe(404);
    expect(await status(null)).toBe(401);
    expect((await allPresent(schoolActor(w.otherSchoolId, 'admin'), lesson.id, w.otherSchoolId)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await allPresent(schoolActor(w.schoolId, 'teacher', w.substitute.id), substituted.id)).statusCode).toBe(200);
    expect((await allPresent(schoolActor(w.schoolId, 'teacher', w.substitute.id), lesson.id)).statusCode).toBe(404);
  });
});
