import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPeriodMark, insertTaking } from '../../../../tests/factories/diary.ts';
import { journalWorld, type JournalWorld } from '../../../../tests/factories/journal.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';

// Before the confirmation of closing a period: what its journal still lacks. The school is in
// Asia/Barnaul (UTC+7); "now" is 20 October 2025, 10:00 local, the 1st quarter ends on 24 October.
let clock = new Date('2025-10-20T03:00:00Z');
let t: TestContext;
let w: JournalWorld;
const url = (periodId = w.q1.id, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/periods/${periodId}/closure/preview`;
const preview = (actor: Actor | null, path = url()) => as(t.app, actor).get(path);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await journalWorld(db);
  const s = w.schoolId;
  const taken = (lessonId: string) => insertTaking(db, { schoolId: s, lessonId, takenAt: new Date('2025-09-08T05:00:00Z') });
  await taken((await w.lesson('2025-09-08', { topic: 'Дроби' })).id);
  await w.lesson('2025-09-09');
  await w.lesson('2025-09-10', { status: 'cancelled' });
  await w.lesson('2025-10-22');
  await w.lesson('2025-09-11', { subjectId: w.russian.id, staffId: w.russianTeacher.id, topic: 'Слог' });
  await taken((await w.lesson('2025-09-12', { groupId: w.classB.groupId!, staffId: w.stranger.id, topic: 'Сложение' })).id);
  await w.lesson('2025-11-10');
  const mark = (groupId: string, subjectId: string, studentId: string, periodId: string) =>
    insertPeriodMark(db, { schoolId: s, groupId, subjectId, studentId, periodId, academicYearId: w.year.id, value: '5' });
  await mark(w.classA.groupId!, w.maths.id, w.students.antonov.id, w.q1.id);
  await mark(w.classA.groupId!, w.russian.id, w.students.borisova.id, w.q1.id);
  await mark(w.classA.groupId!, w.maths.id, w.students.dmitriev.id, w.q1.id);
  await mark(w.classB.groupId!, w.maths.id, w.students.pupilB.id, w.q2.id);
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/periods/:periodId/closure/preview', () => {
  it('counts, before the period ends, students without a period mark and lessons held so far without a topic or attendance', async () => {
    const res = await preview(schoolActor(w.schoolId, 'deputy'));
    expect(res.statusCode, res.body).toBe(200);
    // 5А on 20.10: Антонов, Борисова, Васильев, Григорьев × maths and Russian (8), 5Б: Бэшкин × maths (1); two have their mark.
    // Held by 20.10, not cancelled: 09-09 without a topic; 09-09 and the Russian lesson of 09-11 without attendance.
    expect(res.json()).toEqual({
      periodId: w.q1.id, endsOn: '2025-10-24', ended: false, studentsWithoutMark: 7, lessonsWithoutTopic: 1, lessonsWithoutAttendance: 2,
    });
  });

  it('tells the period has ended and counts its last lessons once their day has come', async () => {
    clock = new Date('2025-10-27T03:00:00Z');
    try {
      const res = await preview(schoolActor(w.schoolId, 'director'));
      expect(res.json()).toEqual({
        periodId: w.q1.id, endsOn: '2025-10-24', ended: true, studentsWithoutMark: 7, lessonsWithoutTopic: 2, lessonsWithoutAttendance: 3,
      });
    } finally {
      clock = new Date('2025-10-20T03:00:00Z');
    }
  });

  it('counts no lesson of a period not begun, but the students of its groups on its first day', async () => {
    const res = await preview(schoolActor(w.schoolId, 'admin'), url(w.q2.id));
    // The 2nd quarter has one maths lesson of 5А (10.11): its four pupils; 5Б has no lesson there.
    expect(res.json()).toMatchObject({ ended: false, studentsWithoutMark: 4, lessonsWithoutTopic: 0, lessonsWithoutAttendance: 0 });
  });

  it('is refused to teachers and students (403), other schools and unknown periods (404), bad ids (400) and no actor (401)', async () => {
    const status = async (actor: Actor | null, path = url()) => (await preview(actor, path)).statusCode;
    expect(await status(schoolActor(w.schoolId, 'teacher', w.teacher.id))).toBe(403);
    expect(await status(schoolActor(w.schoolId, 'student', w.students.antonov.id))).toBe(403);
    expect(await status(schoolActor(w.otherSchoolId, 'admin'))).toBe(404);
    expect(await status(schoolActor(w.otherSchoolId, 'admin'), url(w.q1.id, w.otherSchoolId))).toBe(404);
    expect(await status(schoolActor(w.schoolId, 'deputy'), url(unknownId))).toBe(404);
    const bad = await preview(schoolActor(w.schoolId, 'deputy'), url('первая'));
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['periodId']]);
    expect(await status(null)).toBe(401);
  });
});
