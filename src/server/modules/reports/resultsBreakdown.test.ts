import { createRequire } from 'node:module';
import { buffer } from 'node:stream/consumers';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { createStaff, createStudent } from '../../../../tests/factories/people.ts';
import { admit, insertPeriod, insertYear, makeSubject, unknownId } from '../../../../tests/factories/structure.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ResultsBreakdown, ResultsFiguresDto } from '../../../shared/contract/reports.ts';
import type { Db } from '../../db/client.ts';
import * as load from '../structure/loadService.ts';
import { resultsBreakdownReport } from './breakdown.ts';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
const url = (query: string) => `/api/v1/schools/${w.schoolId}/reports/period-results/breakdown?${query}`;
const exportUrl = (query: string) => `/api/v1/schools/${w.schoolId}/reports/period-results/export?${query}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

type Given = { student: string; cls: 'A' | 'B'; subject: string; teachers: string[]; value: string };
/** The 1st quarter's period marks as written below, with the subject's name and the names of the teachers assigned to the group × subject. */
const Q1: Given[] = [];

/**
 * The figures written out again, the plain way: each mark is one student in one subject, so a «5»
 * is an отличник, a «4» a хорошист (with one «4»), a «3» one with one «3», «2» and «незачёт»
 * неуспевающие, «Н/А» не аттестован; «ОСВ» is left out.
 */
function expected(values: string[]) {
  const counted = values.filter((v) => v !== 'exempt');
  const n = (...of: string[]) => counted.filter((v) => of.includes(v)).length;
  const grades = counted.filter((v) => ['2', '3', '4', '5'].includes(v)).map(Number);
  const assessed = counted.length;
  return {
    assessed, excellent: n('5'), good: n('4'), oneFour: n('4'), oneThree: n('3'), failing: n('2', 'fail'), notAssessed: n('notAssessed'),
    progressPercent: assessed ? (100 * (assessed - n('2', 'fail') - n('notAssessed'))) / assessed : null,
    qualityPercent: assessed ? (100 * (n('5') + n('4'))) / assessed : null,
    sou: grades.length ? (100 * (n('5') + 0.64 * n('4') + 0.36 * n('3') + 0.16 * n('2'))) / grades.length : null,
    meanMark: grades.length ? grades.reduce((a, b) => a + b, 0) / grades.length : null,
  };
}

function expectFigures(actual: ResultsFiguresDto, values: string[]) {
  for (const [key, value] of Object.entries(expected(values))) {
    const got = actual[key as keyof ResultsFiguresDto];
    if (value === null || typeof got !== 'number') expect(got, key).toBe(value);
    else expect(got, key).toBeCloseTo(value, 9);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  const physics = await makeSubject(db, s, 'Физика');
  const physicist = await createStaff(db, s, { lastName: 'Физикова', firstName: 'Фаина', middleName: 'Львовна' });
  const assign = (staffId: string, groupId: string, subjectId: string) =>
    load.createAssignment(db, s, { staffId, groupId, subjectId, periodId: null, hoursPerWeek: 2 });
  await assign(w.teacher.id, w.classB.groupId!, w.maths.id);
  await assign(physicist.id, w.classA.groupId!, physics.id);
  // Physics of 5А is shared: Физикова for the year, Математикова for the 1st quarter only.
  await load.createAssignment(db, s, { staffId: w.teacher.id, groupId: w.classA.groupId!, subjectId: physics.id, periodId: w.q1.id, hoursPerWeek: 1 });
  const extra = [await createStudent(db, s), await createStudent(db, s)];
  for (const student of extra) await admit(db, s, student.id, w.classA.id, '2025-09-01');
  const names = { maths: 'Математикова М. И.', english: 'Инглишева Е. П.', physics: 'Физикова Ф. Л.' };
  const marks: [string, 'A' | 'B', string, string, string, string[], string][] = [
    [w.ivanov.id, 'A', w.classA.groupId!, w.maths.id, 'Математика', [names.maths], '5'],
    [w.smirnova.id, 'A', w.classA.groupId!, w.maths.id, 'Математика', [names.maths], '4'],
    [extra[0]!.id, 'A', w.classA.groupId!, w.maths.id, 'Математика', [names.maths], '2'],
    [extra[1]!.id, 'A', w.classA.groupId!, w.maths.id, 'Математика', [names.maths], 'notAssessed'],
    [w.sister.id, 'B', w.classB.groupId!, w.maths.id, 'Математика', [names.maths], '3'],
    [w.ivanov.id, 'A', w.subgroup.id, w.englishSubject.id, 'Английский язык', [names.english], '4'],
    [w.ivanov.id, 'A', w.classA.groupId!, physics.id, 'Физика', [names.physics, names.maths], '5'],
    [w.smirnova.id, 'A', w.classA.groupId!, physics.id, 'Физика', [names.physics, names.maths], 'exempt'],
    [extra[0]!.id, 'A', w.classA.groupId!, physics.id, 'Физика', [names.physics, names.maths], 'fail'],
  ];
  for (const [studentId, cls, groupId, subjectId, subject, teachers, value] of marks) {
    await insertPeriodMark(db, { schoolId: s, groupId, subjectId, studentId, periodId: w.q1.id, academicYearId: w.year.id, value });
    Q1.push({ student: studentId, cls, subject, teachers, value });
  }
  // Not the 1st quarter's: the 2nd quarter's, the year's.
  await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: w.q2.id, academicYearId: w.year.id, value: '2' });
  await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: null, academicYearId: w.year.id, value: '4' });
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;
});
afterAll(async () => { await t.close(); });

/** The database, counting the statements issued through it. */
function counting(db: Db) {
  const counter = { statements: 0 };
  const wrapped = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'select' || key === 'selectDistinct' || key === 'execute') counter.statements += 1;
      return Reflect.get(target, key, receiver);
    },
  }) as Db;
  return { db: wrapped, counter };
}

describe('GET /schools/:schoolId/reports/period-results/breakdown', () => {
  it('per subject: each subject\'s figures over its students\' marks in it, as a separate computation gives', async () => {
    const res = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}&view=subject`));
    expect(res.statusCode).toBe(200);
    const body: ResultsBreakdown = res.json();
    expect(body).toMatchObject({ view: 'subject', reach: 'school', periodId: w.q1.id, name: w.q1.name });
    expect(body.rows.map((r) => [r.name, r.students, r.detail])).toEqual([
      ['Английский язык', 1, ['5А']], ['Математика', 5, ['5А', '5Б']], ['Физика', 3, ['5А']],
    ]);
    for (const row of body.rows) expectFigures(row.figures, Q1.filter((m) => m.subject === row.name).map((m) => m.value));
    expectFigures(body.total.figures, Q1.map((m) => m.value));
    expect(body.total.students).toBe(Q1.length);
    // The numbers the data was built to give, so the separate computation cannot drift with the server.
    expect(body.rows[1]!.figures).toMatchObject({ assessed: 5, excellent: 1, good: 1, oneThree: 1, failing: 1, notAssessed: 1, progressPercent: 60, qualityPercent: 40 });
  });

  it('per teacher: over the groups × subjects of his assignments, a shared group × subject under both', async () => {
    const res = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}&view=teacher`));
    expect(res.statusCode).toBe(200);
    const body: ResultsBreakdown = res.json();
    expect(body.rows.map((r) => [r.name, r.students, r.detail])).toEqual([
      ['Инглишева Е. П.', 1, ['Английский язык: 5А англ. 1']],
      ['Математикова М. И.', 8, ['Математика: 5А, 5Б', 'Физика: 5А']],
      ['Физикова Ф. Л.', 3, ['Физика: 5А']],
    ]);
    for (const row of body.rows) expectFigures(row.figures, Q1.filter((m) => m.teachers.includes(row.name)).map((m) => m.value));
    // Each mark once in the total, though physics has two teachers.
    expectFigures(body.total.figures, Q1.map((m) => m.value));
  });

  it('reads in two statements whatever the number of subjects, teachers and students (three with a class asked for)', async () => {
    for (const view of ['subject', 'teacher'] as const) {
      const { db, counter } = counting(t.database.db);
      await resultsBreakdownReport(db, w.schoolId, { periodId: w.q1.id, view });
      expect(counter.statements, view).toBe(2);
    }
    const { db, counter } = counting(t.database.db);
    await resultsBreakdownReport(db, w.schoolId, { periodId: w.q1.id, view: 'teacher', classId: w.classA.id });
    expect(counter.statements).toBe(3);
  });

  it('reads the year marks for the year', async () => {
    const res = await as(t.app, deputy()).get(url(`academicYearId=${w.year.id}&view=subject`));
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((r: { name: string; figures: ResultsFiguresDto }) => [r.name, r.figures.good])).toEqual([['Математика', 1]]);
    // The only year mark is 5А's maths: only its teacher has a row.
    const teachers = await as(t.app, deputy()).get(url(`academicYearId=${w.year.id}&view=teacher`));
    expect(teachers.json().rows.map((r: { name: string }) => r.name)).toEqual(['Математикова М. И.']);
  });

  it('shows a class teacher his class\'s students only, in every subject and teacher', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const res = await as(t.app, classTeacher).get(url(`periodId=${w.q1.id}&view=subject`));
    expect(res.statusCode).toBe(200);
    const body: ResultsBreakdown = res.json();
    expect(body.reach).toBe('classes');
    const maths = body.rows.find((r) => r.name === 'Математика')!;
    expect(maths.detail).toEqual(['5А']);
    expectFigures(maths.figures, Q1.filter((m) => m.subject === 'Математика' && m.cls === 'A').map((m) => m.value));
    expectFigures(body.total.figures, Q1.filter((m) => m.cls === 'A').map((m) => m.value));
    const other = await as(t.app, classTeacher).get(url(`periodId=${w.q1.id}&view=teacher&classId=${w.classB.id}`));
    expect(other.statusCode).toBe(404);
  });

  it('refuses a teacher keeping no class, a student and a guardian (403)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      expect((await as(t.app, actor).get(url(`periodId=${w.q1.id}&view=subject`))).statusCode, actor.roles[0]!.role).toBe(403);
      expect((await as(t.app, actor).get(exportUrl(`periodId=${w.q1.id}&view=subject&format=pdf`))).statusCode, actor.roles[0]!.role).toBe(403);
    }
  });

  it.each([
    ['no view', () => `periodId=${w.q1.id}`, 'view'],
    ['an unknown view', () => `periodId=${w.q1.id}&view=room`, 'view'],
    ['another school\'s period', () => `periodId=${otherPeriodId}&view=subject`, 'periodId'],
    ['an unknown period', () => `periodId=${unknownId}&view=teacher`, 'periodId'],
    ['an unknown class', () => `periodId=${w.q1.id}&view=teacher&classId=${unknownId}`, 'classId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(query()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('GET /schools/:schoolId/reports/period-results/export with a view', () => {
  it('gives the XLSX per teacher: the headers, each teacher\'s groups and figures equal to the JSON report\'s', async () => {
    const json: ResultsBreakdown = (await as(t.app, deputy()).get(url(`periodId=${w.q1.id}&view=teacher`))).json();
    const res = await as(t.app, deputy()).get(exportUrl(`periodId=${w.q1.id}&view=teacher&format=xlsx`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('period-results-teacher-');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Итоги успеваемости')!;
    expect(sheet.getRow(3).getCell(1).value).toBe(`${w.q1.name}, по учителям`);
    expect((sheet.getRow(5).values as unknown[]).slice(1, 6)).toEqual(['Учитель', 'Группы и предметы', 'Всего', 'Аттестовано', 'На «5»']);
    const maths = json.rows.find((r) => r.name === 'Математикова М. И.')!;
    const row = sheet.getRow(7);
    expect(row.getCell(1).value).toBe('Математикова М. И.');
    expect(row.getCell(2).value).toBe('Математика: 5А, 5Б; Физика: 5А');
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(11).value]).toEqual([
      maths.students, maths.figures.assessed, maths.figures.excellent, maths.figures.progressPercent,
    ]);
    expect(sheet.getRow(9).getCell(1).value).toBe('Итого');
  });

  it('gives the PDF per subject: the title, a subject\'s row, the note on what a subject\'s отличник is', async () => {
    const res = await as(t.app, deputy()).get(exportUrl(`periodId=${w.q1.id}&view=subject&format=pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(await buffer(res.stream()));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Итоги успеваемости');
    expect(pages[0]).toContain(`${w.q1.name}, по предметам`);
    expect(pages[0]).toMatch(/Математика\s+5А; 5Б\s+5\s+5\s+1\s+1\s+1\s+1\s+1\s+1\s+60,0/);
    expect(pages[0]).toContain('По предмету учитывается итоговая отметка');
  });

  it('answers 400 for an unknown view or format', async () => {
    for (const query of [`periodId=${w.q1.id}&view=room&format=pdf`, `periodId=${w.q1.id}&view=subject&format=docx`]) {
      const res = await as(t.app, deputy()).get(exportUrl(query));
      expect(res.statusCode).toBe(400);
    }
  });
});
