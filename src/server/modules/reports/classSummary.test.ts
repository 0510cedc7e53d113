import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { insertPeriod, insertYear, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ClassSummary } from '../../../shared/contract/reports.ts';

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
const clock = new Date('2025-12-20T06:00:00Z');
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/class-summary?${query}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

/** The marks set below, per student and subject in the 1st quarter: value and weight. */
const MARKS: { student: 'ivanov' | 'smirnova'; subject: 'maths' | 'englishSubject'; value: number; weight: number; date: string }[] = [
  { student: 'ivanov', subject: 'maths', value: 5, weight: 1, date: '2025-09-08' },
  { student: 'ivanov', subject: 'maths', value: 3, weight: 2, date: '2025-09-09' },
  { student: 'ivanov', subject: 'maths', value: 4, weight: 2, date: '2025-10-01' },
  { student: 'smirnova', subject: 'maths', value: 2, weight: 1, date: '2025-09-08' },
  { student: 'smirnova', subject: 'maths', value: 5, weight: 1, date: '2025-09-09' },
  { student: 'smirnova', subject: 'maths', value: 4, weight: 2, date: '2025-10-01' },
  { student: 'ivanov', subject: 'englishSubject', value: 5, weight: 1, date: '2025-09-10' },
  { student: 'ivanov', subject: 'englishSubject', value: 4, weight: 1, date: '2025-09-11' },
  { student: 'ivanov', subject: 'englishSubject', value: 4, weight: 1, date: '2025-09-12' },
];

/** The weighted mean the plain way, truncated (not rounded) to hundredths. */
function expectedMean(student: string, subject: string): number | null {
  const own = MARKS.filter((m) => m.student === student && m.subject === subject);
  if (own.length === 0) return null;
  const sum = own.reduce((a, m) => a + m.value * m.weight, 0);
  const weight = own.reduce((a, m) => a + m.weight, 0);
  return Math.floor((sum * 100) / weight) / 100;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  for (const m of MARKS) {
    const lesson = m.subject === 'maths' ? await w.mathsLesson(m.date) : await w.englishLesson(m.date);
    await insertMark(db, {
      schoolId: s, lessonId: lesson.id, studentId: w[m.student].id, workTypeId: m.weight === 2 ? w.test.id : w.answer.id, value: String(m.value), weight: m.weight,
    });
  }
  // Outside the 1st quarter: a mark of the 2nd, which its mean must not count.
  await insertMark(db, { schoolId: s, lessonId: (await w.mathsLesson('2025-11-10')).id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2' });
  const pm = (studentId: string, subjectId: string, periodId: string | null, value: string, groupId = w.classA.groupId!) =>
    insertPeriodMark(db, { schoolId: s, groupId, subjectId, studentId, periodId, academicYearId: w.year.id, value });
  await pm(w.ivanov.id, w.maths.id, w.q1.id, '4');
  await pm(w.smirnova.id, w.maths.id, w.q1.id, '4');
  await pm(w.ivanov.id, w.englishSubject.id, w.q1.id, '4', w.subgroup.id);
  await pm(w.ivanov.id, w.maths.id, w.q2.id, '3');
  await pm(w.ivanov.id, w.maths.id, null, '4');
  await pm(w.sister.id, w.maths.id, w.q1.id, '5', w.classB.groupId!);
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/class-summary', () => {
  it('gives a period\'s weighted means and period marks per student × subject, as a separate computation does', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`));
    expect(res.statusCode).toBe(200);
    const body: ClassSummary = res.json();
    expect(body.class).toMatchObject({ id: w.classA.id, name: '5А' });
    expect(body.period).toMatchObject({ id: w.q1.id });
    expect(body.students.map((s) => s.id)).toEqual([w.ivanov.id, w.smirnova.id]);
    expect(body.subjects.map((s) => s.name)).toEqual(['Английский язык', 'Математика']);
    const cell = (student: 'ivanov' | 'smirnova', subject: 'maths' | 'englishSubject') =>
      body.cells.find((c) => c.studentId === w[student].id && c.subjectId === w[subject].id);
    for (const [student, subject] of [['ivanov', 'maths'], ['smirnova', 'maths'], ['ivanov', 'englishSubject']] as const) {
      expect(cell(student, subject)?.mean, `${student} ${subject}`).toBe(expectedMean(student, subject));
      expect(cell(student, subject)?.count).toBe(MARKS.filter((m) => m.student === student && m.subject === subject).length);
    }
    // 4.33… truncated, never rounded up to 4.34; (5 + 6 + 8) / 5 = 3.8.
    expect(cell('ivanov', 'englishSubject')?.mean).toBe(4.33);
    expect(cell('ivanov', 'maths')).toMatchObject({ mean: 3.8, periodMark: '4' });
    expect(cell('smirnova', 'englishSubject')).toBeUndefined();
    expect(body.yearCells).toEqual([]);
  });

  it('gives the year: each period\'s mark and the year mark', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${w.classA.id}`));
    expect(res.statusCode).toBe(200);
    const body: ClassSummary = res.json();
    expect(body.period).toBeNull();
    expect(body.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(body.students.map((s) => s.id)).toEqual([w.ivanov.id, w.smirnova.id]);
    const of = (studentId: string, subjectId: string) => body.yearCells.find((c) => c.studentId === studentId && c.subjectId === subjectId);
    expect(of(w.ivanov.id, w.maths.id)).toEqual({
      studentId: w.ivanov.id, subjectId: w.maths.id, periodMarks: { [w.q1.id]: '4', [w.q2.id]: '3' }, yearMark: '4',
    });
    expect(of(w.smirnova.id, w.maths.id)).toMatchObject({ periodMarks: { [w.q1.id]: '4' }, yearMark: null });
    expect(body.yearCells.some((c) => c.studentId === w.sister.id)).toBe(false);
  });

  it('shows a class teacher his own class, and hides another (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    expect((await as(t.app, classTeacher).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`))).statusCode).toBe(200);
    const other = await as(t.app, classTeacher).get(url(`classId=${w.classB.id}&periodId=${w.q1.id}`));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('class.not_found');
  });

  it('refuses a teacher keeping no class, a student and a guardian (403), an anonymous caller (401), another school\'s deputy (404)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      const res = await as(t.app, actor).get(url(`classId=${w.classA.id}&periodId=${w.q1.id}`));
      expect(res.statusCode, actor.roles[0]!.role).toBe(403);
    }
    expect((await as(t.app, null).get(url(`classId=${w.classA.id}`))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(url(`classId=${w.classA.id}`))).statusCode).toBe(404);
  });

  it.each([
    ['no class', () => `periodId=${w.q1.id}`, 'classId'],
    ['a malformed class id', 'classId=abc', 'classId'],
    ['an unknown class', `classId=${unknownId}`, 'classId'],
    ['a malformed period id', () => `classId=${w.classA.id}&periodId=abc`, 'periodId'],
    ['an unknown period', () => `classId=${w.classA.id}&periodId=${unknownId}`, 'periodId'],
    ['another school\'s period', () => `classId=${w.classA.id}&periodId=${otherPeriodId}`, 'periodId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(typeof query === 'function' ? query() : query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});
