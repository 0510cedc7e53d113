import { createRequire } from 'node:module';
import { buffer } from 'node:stream/consumers';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertHomework, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { insertPeriod, insertYear, unknownId } from '../../../../tests/factories/structure.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { TeacherReport } from '../../../shared/contract/teacherReport.ts';
import { newId } from '../../db/ids.ts';
import { plannedTopics } from '../../db/schema/timetable.ts';
import type { Db } from '../../db/client.ts';
import * as load from '../structure/loadService.ts';
import { teacherReport } from './teacherReport.ts';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
let otherStaffId: string;
const url = (query: string) => `/api/v1/schools/${w.schoolId}/reports/teacher?${query}`;
const exportUrl = (query: string) => `/api/v1/schools/${w.schoolId}/reports/teacher/export?${query}`;
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);
const deputy = () => schoolActor(w.schoolId, 'deputy');

beforeAll(async () => {
  // «Today» is 10 October 2025 in the school (UTC+7): the 1st quarter runs to 24 October.
  t = await createTestApp({ now: () => new Date('2025-10-10T05:00:00Z') });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  await load.createAssignment(db, s, { staffId: w.teacher.id, groupId: w.classB.groupId!, subjectId: w.maths.id, periodId: null, hoursPerWeek: 2 });
  const [topic1, topic2] = [newId(), newId()];
  await db.insert(plannedTopics).values([
    { id: topic1, schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, ordinal: 1, title: 'Натуральные числа', hours: 1 },
    { id: topic2, schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, ordinal: 2, title: 'Дроби', hours: 2 },
  ]);
  // 5А maths: two lessons given (one with a planned topic and homework, one with neither topic nor homework), a
  // cancelled one, one a substitute took, one after today, one in the 2nd quarter.
  const given = await w.mathsLesson('2025-09-08', { plannedTopicId: topic1, topic: 'Натуральные числа' });
  await insertHomework(db, { schoolId: s, lessonId: given.id, dueDate: '2025-09-09', text: '№ 1–5' });
  const bare = await w.mathsLesson('2025-09-09', { topic: '' });
  await w.mathsLesson('2025-09-10', { status: 'cancelled' });
  await w.mathsLesson('2025-09-11', { substituteStaffId: w.substitute.id });
  await w.mathsLesson('2025-10-20');
  await w.mathsLesson('2025-11-10');
  // 5Б maths: one lesson given, with a topic, no homework.
  await insertLesson5B();
  await insertMark(db, { schoolId: s, lessonId: given.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db, { schoolId: s, lessonId: given.id, studentId: w.smirnova.id, workTypeId: w.test.id, value: '4', weight: 2 });
  await insertMark(db, { schoolId: s, lessonId: bare.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '3' });
  await insertMark(db, { schoolId: s, lessonId: bare.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '2', deleted: true });
  const pm = (groupId: string, studentId: string, value: string, periodId: string | null = w.q1.id) =>
    insertPeriodMark(db, { schoolId: s, groupId, subjectId: w.maths.id, studentId, periodId, academicYearId: w.year.id, value });
  await pm(w.classA.groupId!, w.ivanov.id, '5');
  await pm(w.classA.groupId!, w.smirnova.id, '3');
  await pm(w.classB.groupId!, w.sister.id, '2');
  await pm(w.classA.groupId!, w.smirnova.id, '5', w.q2.id);
  // English of the subgroup is another teacher's: not in this report.
  await insertPeriodMark(db, { schoolId: s, groupId: w.subgroup.id, subjectId: w.englishSubject.id, studentId: w.ivanov.id, periodId: w.q1.id, academicYearId: w.year.id, value: '4' });
  otherStaffId = w.english.id;
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;

  async function insertLesson5B() {
    const { insertLesson } = await import('../../../../tests/factories/diary.ts');
    await insertLesson(db, { schoolId: s, groupId: w.classB.groupId!, subjectId: w.maths.id, staffId: w.teacher.id, date: '2025-09-12', lessonNumber: 3 });
  }
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

describe('GET /schools/:schoolId/reports/teacher', () => {
  it('gives the teacher his own report: per group × subject the lessons, the plan, the marks, the results, the gaps', async () => {
    const res = await as(t.app, teacher()).get(url(`periodId=${w.q1.id}`));
    expect(res.statusCode).toBe(200);
    const body: TeacherReport = res.json();
    expect(body.teacher).toEqual({ id: w.teacher.id, name: 'Математикова М. И.' });
    expect(body.countedTo).toBe('2025-10-10');
    expect(body.rows.map((r) => [r.group, r.subject])).toEqual([['5А', 'Математика'], ['5Б', 'Математика']]);
    const [a, b] = body.rows;
    // The 1st quarter is 54 days: 4 h a week × 54/7 weeks ≈ 31 h; 2 h ≈ 15 h.
    expect(a).toMatchObject({
      scheduled: 4, given: 2, loadHours: 31, planHours: 3, planned: 1, marks: 3,
      marksByType: [{ workType: 'Контрольная работа', count: 1 }, { workType: 'Ответ на уроке', count: 2 }],
      noTopic: ['2025-09-09'], noHomework: ['2025-09-09'],
      students: 2, figures: { assessed: 2, excellent: 1, good: 0, oneThree: 1, failing: 0, progressPercent: 100, qualityPercent: 50, meanMark: 4 },
    });
    expect(b).toMatchObject({
      scheduled: 1, given: 1, loadHours: 15, planHours: 0, planned: 0, marks: 0, marksByType: [], noTopic: [], noHomework: ['2025-09-12'],
      students: 1, figures: { assessed: 1, failing: 1, progressPercent: 0 },
    });
  });

  it('reads in six statements whatever the number of groups, lessons and marks', async () => {
    const { db, counter } = counting(t.database.db);
    const report = await teacherReport(db, new Date('2025-10-10T05:00:00Z'), w.schoolId, { periodId: w.q1.id, staffId: w.teacher.id });
    expect(report.rows).toHaveLength(2);
    expect(counter.statements).toBe(6);
  });

  it('gives the deputy any teacher\'s report', async () => {
    const res = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}&staffId=${w.english.id}`));
    expect(res.statusCode).toBe(200);
    const body: TeacherReport = res.json();
    expect(body.rows.map((r) => [r.group, r.subject, r.students, r.figures.good])).toEqual([['5А англ. 1', 'Английский язык', 1, 1]]);
  });

  it('refuses a teacher asking for another teacher, a student, a guardian (403), and a deputy naming nobody (400)', async () => {
    expect((await as(t.app, teacher()).get(url(`periodId=${w.q1.id}&staffId=${otherStaffId}`))).statusCode).toBe(403);
    expect((await as(t.app, teacher()).get(exportUrl(`periodId=${w.q1.id}&staffId=${otherStaffId}&format=pdf`))).statusCode).toBe(403);
    for (const actor of [schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id)]) {
      const res = await as(t.app, actor).get(url(`periodId=${w.q1.id}`));
      expect(res.statusCode, actor.roles[0]!.role).toBe(403);
    }
    const nobody = await as(t.app, deputy()).get(url(`periodId=${w.q1.id}`));
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields).toHaveProperty('staffId');
  });

  it.each([
    ['another school\'s period', () => `periodId=${otherPeriodId}&staffId=${w.teacher.id}`, 'periodId'],
    ['an unknown period', () => `periodId=${unknownId}&staffId=${w.teacher.id}`, 'periodId'],
    ['no period', () => `staffId=${w.teacher.id}`, 'periodId'],
    ['an unknown staffId', () => `periodId=${w.q1.id}&staffId=${unknownId}`, 'staffId'],
    ['a malformed staffId', () => `periodId=${w.q1.id}&staffId=abc`, 'staffId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(query()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('GET /schools/:schoolId/reports/teacher/export', () => {
  it('gives the XLSX: three sheets, the headers, a group\'s row, the marks per work type, the dates without topic', async () => {
    const res = await as(t.app, teacher()).get(exportUrl(`periodId=${w.q1.id}&format=xlsx`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('teacher-report-2025-10-10.xlsx');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Отчёт учителя', 'Отметки по видам работ', 'Без темы и ДЗ']);
    const sheet = workbook.getWorksheet('Отчёт учителя')!;
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('Математикова М. И. · 1 четверть');
    expect((sheet.getRow(5).values as unknown[]).slice(1, 5)).toEqual(['Группа', 'Предмет', 'По расписанию', 'Проведено']);
    expect((sheet.getRow(6).values as unknown[]).slice(1, 10)).toEqual(['5А', 'Математика', 4, 2, 31, 3, 1, 3, 2]);
    expect(sheet.getRow(6).getCell(15).value).toBe(100);
    const types = workbook.getWorksheet('Отметки по видам работ')!;
    expect(types.getRow(2).values).toEqual([undefined, '5А', 'Математика', 'Контрольная работа', 1]);
    const gaps = workbook.getWorksheet('Без темы и ДЗ')!;
    expect((gaps.getRow(2).values as unknown[]).slice(1)).toEqual(['5А', 'Математика', 'темы', '09.09']);
  });

  it('gives the PDF: the title, the teacher, a group\'s row, the dates without homework', async () => {
    const res = await as(t.app, deputy()).get(exportUrl(`periodId=${w.q1.id}&staffId=${w.teacher.id}&format=pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(await buffer(res.stream()));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Отчёт учителя');
    expect(pages[0]).toContain('Математикова М. И. · 1 четверть');
    expect(pages[0]).toMatch(/5А\s+Математика\s+4\s+2\s+31\s+3\s+1\s+3\s+2\s+1\s+0\s+1\s+0\s+0\s+100,0 %/);
    expect(pages[0]).toContain('без домашнего задания: 09.09');
  });

  it('answers 400 for an unknown format', async () => {
    const res = await as(t.app, teacher()).get(exportUrl(`periodId=${w.q1.id}&format=docx`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('format');
  });
});
