import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance } from '../../../../tests/factories/diary.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit, insertYear, makeClass, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { AttendanceReport } from '../../../shared/contract/attendanceReports.ts';

let t: TestContext;
let w: DiaryWorld;
let newcomerId: string;
let otherClassId: string;
const clock = new Date('2025-12-20T06:00:00Z');
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/attendance?${query}`;
const september = () => `classId=${w.classA.id}&from=2025-09-01&to=2025-09-30`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const schoolId = w.schoolId;
  const code = async (lesson: { id: string }, studentId: string, value: string) => insertAttendance(db, { schoolId, lessonId: lesson.id, studentId, code: value });
  // Monday: maths (whole class) and English (Иванов's subgroup only). Иванов ill all day, Смирнова absent from her only lesson.
  const monMaths = await w.mathsLesson('2025-09-08');
  const monEnglish = await w.englishLesson('2025-09-08');
  await code(monMaths, w.ivanov.id, 'ill');
  await code(monEnglish, w.ivanov.id, 'ill');
  await code(monMaths, w.smirnova.id, 'absent');
  // Tuesday: Иванов late for maths, excused from English; a newcomer, in the class from today, ill.
  const newcomer = await createStudent(db, schoolId, { lastName: 'Новиков', firstName: 'Пётр', middleName: 'Ильич' });
  newcomerId = newcomer.id;
  await admit(db, schoolId, newcomer.id, w.classA.id, '2025-09-09');
  const tueMaths = await w.mathsLesson('2025-09-09');
  await code(tueMaths, w.ivanov.id, 'late');
  await code(await w.englishLesson('2025-09-09'), w.ivanov.id, 'excused');
  await code(tueMaths, newcomer.id, 'ill');
  // A cancelled lesson and one outside the range count nowhere; nor a 5Б lesson.
  await code(await w.mathsLesson('2025-09-10', { status: 'cancelled' }), w.ivanov.id, 'absent');
  await code(await w.mathsLesson('2025-10-01'), w.smirnova.id, 'absent');
  await code(await w.mathsLesson('2025-09-08', { groupId: w.classB.groupId! }), w.sister.id, 'absent');
  otherClassId = (await makeClass(db, w.otherSchoolId, (await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' })).id, 5, 'В')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/attendance', () => {
  it('counts each student\'s lessons missed by reason, late and full days, over the lessons due while in the class', async () => {
    const res = await as(t.app, deputy()).get(url(september()));
    expect(res.statusCode).toBe(200);
    const body: AttendanceReport = res.json();
    expect(body).toMatchObject({ class: { id: w.classA.id, name: '5А' }, from: '2025-09-01', to: '2025-09-30' });
    const row = (id: string) => {
      const found = body.students.find((s) => s.id === id);
      if (!found) return undefined;
      const { id: _id, name: _name, left: _left, ...totals } = found;
      return totals;
    };
    expect(body.students.map((s) => s.id)).toEqual([w.ivanov.id, newcomerId, w.smirnova.id]);
    expect(row(w.ivanov.id)).toEqual({ lessons: 4, absent: 0, ill: 2, excused: 1, late: 1, missedLessons: 3, fullDays: 1 });
    expect(row(w.smirnova.id)).toEqual({ lessons: 2, absent: 1, ill: 0, excused: 0, late: 0, missedLessons: 1, fullDays: 1 });
    expect(row(newcomerId)).toEqual({ lessons: 1, absent: 0, ill: 1, excused: 0, late: 0, missedLessons: 1, fullDays: 1 });
    expect(body.total).toEqual({ lessons: 7, absent: 1, ill: 3, excused: 1, late: 1, missedLessons: 5, fullDays: 3 });
    expect(body.lessons).toEqual([]);
  });

  it('lists one student\'s lessons with a code on request, by date and lesson number', async () => {
    const res = await as(t.app, deputy()).get(url(`${september()}&studentId=${w.ivanov.id}`));
    expect(res.statusCode).toBe(200);
    expect(res.json().lessons).toEqual([
      { date: '2025-09-08', lessonNumber: 1, subject: 'Математика', code: 'ill' },
      { date: '2025-09-08', lessonNumber: 2, subject: 'Английский язык', code: 'ill' },
      { date: '2025-09-09', lessonNumber: 1, subject: 'Математика', code: 'late' },
      { date: '2025-09-09', lessonNumber: 2, subject: 'Английский язык', code: 'excused' },
    ]);
  });

  it('takes a range of a whole year, the last day included', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${w.classA.id}&from=2025-09-01&to=2026-08-31`));
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toMatchObject({ absent: 2, missedLessons: 6 });
  });

  it('shows a class teacher his own class, and hides another (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    expect((await as(t.app, classTeacher).get(url(september()))).statusCode).toBe(200);
    const other = await as(t.app, classTeacher).get(url(`classId=${w.classB.id}&from=2025-09-01&to=2025-09-30`));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('class.not_found');
  });

  it('refuses a teacher keeping no class, a student and a guardian (403), an anonymous caller (401)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      expect((await as(t.app, actor).get(url(september()))).statusCode, actor.roles[0]!.role).toBe(403);
    }
    expect((await as(t.app, null).get(url(september()))).statusCode).toBe(401);
  });

  it.each([
    ['no class', 'from=2025-09-01&to=2025-09-30', 'classId'],
    ['an unknown class', `classId=${unknownId}&from=2025-09-01&to=2025-09-30`, 'classId'],
    ['no start', () => `classId=${w.classA.id}&to=2025-09-30`, 'from'],
    ['a malformed end', () => `classId=${w.classA.id}&from=2025-09-01&to=2025-13-01`, 'to'],
    ['a malformed start', () => `classId=${w.classA.id}&from=2025-13-01&to=2025-09-30`, 'from'],
    ['an end before the start', () => `classId=${w.classA.id}&from=2025-09-10&to=2025-09-01`, 'to'],
    ['a range over a year', () => `classId=${w.classA.id}&from=2025-09-01&to=2026-09-01`, 'to'],
    ['a student of another class', () => `${september()}&studentId=${w.sister.id}`, 'studentId'],
    ['a malformed student id', () => `${september()}&studentId=abc`, 'studentId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(typeof query === 'function' ? query() : query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });

  it('answers 400 on the class for another school\'s class', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${otherClassId}&from=2025-09-01&to=2025-09-30`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('classId');
  });
});
