import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit, insertPeriod, insertYear, makeClass, makeSubject, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { PeriodResults } from '../../../shared/contract/reports.ts';
import { newId } from '../../db/ids.ts';
import { transfer } from '../enrolment/service.ts';
import { periodMarks } from '../../db/schema/grading.ts';

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
let class10Id: string;
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/period-results?${query}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

/** The 1st quarter's marks of each student, as set below: 5А (and one student without marks), 5Б. */
const Q1: Record<string, { cls: 'A' | 'B'; marks: string[] }> = {};

/**
 * The figures written out again, the plain way, to check the server against: a student's category
 * from his marks, then the counts and percentages. ОСВ is left out, зачёт is positive, незачёт a «2».
 */
function expectedFigures(students: string[][]) {
  const counted = students.map((m) => m.filter((v) => v !== 'exempt')).filter((m) => m.length > 0);
  const grades = counted.flat().filter((v) => ['2', '3', '4', '5'].includes(v)).map(Number);
  const na = counted.filter((m) => m.includes('notAssessed'));
  const rest = counted.filter((m) => !m.includes('notAssessed'));
  const failing = rest.filter((m) => m.includes('2') || m.includes('fail'));
  const fine = rest.filter((m) => !m.includes('2') && !m.includes('fail'));
  const gradedOf = (m: string[]) => m.filter((v) => ['3', '4', '5'].includes(v));
  const excellent = fine.filter((m) => gradedOf(m).length > 0 && gradedOf(m).every((v) => v === '5'));
  const good = fine.filter((m) => gradedOf(m).length > 0 && gradedOf(m).every((v) => v === '4' || v === '5') && gradedOf(m).includes('4'));
  const sum = (n: number) => grades.filter((g) => g === n).length;
  return {
    assessed: counted.length,
    excellent: excellent.length,
    good: good.length,
    oneFour: good.filter((m) => m.filter((v) => v === '4').length === 1).length,
    oneThree: fine.filter((m) => m.filter((v) => v === '3').length === 1).length,
    failing: failing.length,
    notAssessed: na.length,
    progressPercent: counted.length ? (100 * fine.length) / counted.length : null,
    qualityPercent: counted.length ? (100 * (excellent.length + good.length)) / counted.length : null,
    sou: grades.length ? (100 * (sum(5) + 0.64 * sum(4) + 0.36 * sum(3) + 0.16 * sum(2))) / grades.length : null,
    meanMark: grades.length ? grades.reduce((a, b) => a + b, 0) / grades.length : null,
  };
}

function expectFigures(actual: PeriodResults['total']['figures'], students: string[][]) {
  const want = expectedFigures(students);
  for (const [key, value] of Object.entries(want)) {
    const got = actual[key as keyof typeof want];
    if (value === null || typeof got !== 'number') expect(got, key).toBe(value);
    else expect(got, key).toBeCloseTo(value, 9);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const subjects = [w.maths, w.englishSubject, await makeSubject(db, s, 'Русский язык'), await makeSubject(db, s, 'История')];
  const people = [
    { id: w.ivanov.id, cls: 'A' as const, marks: ['5', '5', '5', 'exempt'] },
    { id: w.smirnova.id, cls: 'A' as const, marks: ['4', '5', '5', 'pass'] },
    { id: w.sister.id, cls: 'B' as const, marks: ['3', '4', '4', '5'] },
  ];
  for (const marks of [['4', '4', '3', '5'], ['2', '5', '4', '4'], ['notAssessed', '2', '3', '3'], ['fail', '5', '5', '5'], ['3', '3', '4', '4']]) {
    const student = await createStudent(db, s);
    await admit(db, s, student.id, w.classA.id, '2025-09-01');
    people.push({ id: student.id, cls: 'A', marks });
  }
  // Transferred from 5Б to 5А during the quarter: counted in 5А, where the quarter ended for him.
  const mover = await createStudent(db, s);
  const stay = await admit(db, s, mover.id, w.classB.id, '2025-09-01');
  await transfer(db, s, stay.id, { toClassId: w.classA.id, on: '2025-10-01', orderNumber: '9-п', orderDate: '2025-10-01', reason: null });
  people.push({ id: mover.id, cls: 'A', marks: ['5', '5'] });
  const noMarks = await createStudent(db, s);
  await admit(db, s, noMarks.id, w.classA.id, '2025-09-01');
  Q1[noMarks.id] = { cls: 'A', marks: [] };
  for (const p of people) {
    Q1[p.id] = { cls: p.cls, marks: p.marks };
    const groupId = p.cls === 'A' ? w.classA.groupId! : w.classB.groupId!;
    for (const [i, value] of p.marks.entries()) {
      await insertPeriodMark(db, { schoolId: s, groupId, subjectId: subjects[i]!.id, studentId: p.id, periodId: w.q1.id, academicYearId: w.year.id, value });
    }
  }
  // Marks that are not the 1st quarter's period marks: the 2nd quarter, the year, an exam mark.
  const mark = (studentId: string, periodId: string | null, value: string, kind = 'period') => db.insert(periodMarks).values({
    id: newId(), schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId, periodId, academicYearId: w.year.id, value, kind,
  });
  await mark(w.ivanov.id, w.q2.id, '2');
  await mark(w.ivanov.id, null, '4');
  await mark(w.smirnova.id, null, '5');
  await mark(w.ivanov.id, null, '2', 'exam');
  // A 10th grade, outside the quarters' grade band (1–9): in the year's results only.
  const class10 = await makeClass(db, s, w.year.id, 10, 'А');
  class10Id = class10.id;
  const senior = await createStudent(db, s);
  await admit(db, s, senior.id, class10.id, '2025-09-01');
  await db.insert(periodMarks).values({
    id: newId(), schoolId: s, groupId: class10.groupId!, subjectId: w.maths.id, studentId: senior.id, periodId: null, academicYearId: w.year.id, value: '3',
  });
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/period-results', () => {
  it('gives each class of the period\'s grade band and the school the figures a separate computation gives', async () => {
    const res = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}`));
    expect(res.statusCode).toBe(200);
    const body: PeriodResults = res.json();
    expect(body).toMatchObject({ periodId: w.q1.id, academicYearId: w.year.id, name: w.q1.name, reach: 'school' });
    expect(body.classes.map((c) => [c.name, c.students])).toEqual([['5А', 9], ['5Б', 1]]);
    const of = (cls: 'A' | 'B') => Object.values(Q1).filter((p) => p.cls === cls).map((p) => p.marks);
    expectFigures(body.classes[0]!.figures, of('A'));
    expectFigures(body.classes[1]!.figures, of('B'));
    expectFigures(body.total.figures, [...of('A'), ...of('B')]);
    expect(body.total.students).toBe(10);
    expect(body.grades).toEqual([{ grade: 5, classes: 2, students: 10, figures: body.total.figures }]);
    // The figures the test data was built to give, so the separate computation cannot drift with the server.
    expect(body.classes[0]!.figures).toMatchObject({ assessed: 8, excellent: 2, good: 1, oneFour: 1, oneThree: 1, failing: 2, notAssessed: 1 });
    expect(body.classes[0]!.figures.progressPercent).toBe(62.5);
  });

  it('reads the year marks for the year, from every class, and never an exam mark', async () => {
    const res = await as(t.app, deputy()).get(url(`academicYearId=${w.year.id}`));
    expect(res.statusCode).toBe(200);
    const body: PeriodResults = res.json();
    expect(body).toMatchObject({ periodId: null, name: w.year.name });
    expect(body.classes.map((c) => c.name)).toEqual(['5А', '5Б', '10А']);
    expect(body.classes[0]!.figures).toMatchObject({ assessed: 2, excellent: 1, good: 1, failing: 0, marks: { 5: 1, 4: 1, 3: 0, 2: 0 } });
    expect(body.classes[1]!.figures).toMatchObject({ assessed: 0, progressPercent: null, qualityPercent: null, sou: null, meanMark: null });
    expect(body.total.figures).toMatchObject({ assessed: 3, excellent: 1, good: 1, marks: { 5: 1, 4: 1, 3: 1, 2: 0 } });
    expect(body.grades.map((g) => [g.grade, g.classes, g.students, g.figures.assessed])).toEqual([[5, 2, 10, 2], [10, 1, 1, 1]]);
  });

  it('narrows to one class on request', async () => {
    const res = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}&classId=${w.classB.id}`));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reach: 'classes', classes: [{ classId: w.classB.id }], total: { students: 1 } });
  });

  it('shows a class teacher only his own class, and hides another (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const own = await as(t.app, classTeacher).get(url(`periodId=${w.q1.id}`));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ reach: 'classes', total: { students: 9 } });
    expect(own.json().classes.map((c: { classId: string }) => c.classId)).toEqual([w.classA.id]);
    const other = await as(t.app, classTeacher).get(url(`periodId=${w.q1.id}&classId=${w.classB.id}`));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('class.not_found');
  });

  it('refuses a teacher keeping no class, a student and a guardian (403), and an anonymous caller (401)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      const res = await as(t.app, actor).get(url(`periodId=${w.q1.id}`));
      expect(res.statusCode, actor.roles[0]!.role).toBe(403);
      expect(res.json().error.code).toBe('policy.forbidden');
    }
    expect((await as(t.app, null).get(url(`periodId=${w.q1.id}`))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(url(`periodId=${w.q1.id}`))).statusCode).toBe(404);
  });

  it.each([
    ['no period or year', '', 'periodId'],
    ['both a period and a year', () => `periodId=${w.q1.id}&academicYearId=${w.year.id}`, 'academicYearId'],
    ['a malformed id', 'periodId=abc', 'periodId'],
    ['an unknown period', `periodId=${unknownId}`, 'periodId'],
    ['another school\'s period', () => `periodId=${otherPeriodId}`, 'periodId'],
    ['an unknown year', `academicYearId=${unknownId}`, 'academicYearId'],
    ['a class outside the period\'s grade band', () => `periodId=${w.q1.id}&classId=${class10Id}`, 'classId'],
    ['an unknown class', () => `periodId=${w.q1.id}&classId=${unknownId}`, 'classId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(typeof query === 'function' ? query() : query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});
