import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark } from '../../../../tests/factories/diary.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit, insertYear, makeClass } from '../../../../tests/factories/structure.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { AttendanceReport, SchoolAttendance } from '../../../shared/contract/attendanceReports.ts';
import { ATTENDANCE_SHEET, ATTENDANCE_WEEKS_SHEET, CLASS_HEADERS, SCHOOL_HEADERS } from './attendanceExport.ts';
import { FORECAST_HEADERS, FORECAST_SHEET } from './forecastExport.ts';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

let t: TestContext;
let w: DiaryWorld;
let otherClassId: string;
const clock = new Date('2025-12-20T06:00:00Z');
const api = (path: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/${path}`;
const SEPTEMBER = 'from=2025-09-01&to=2025-09-30';
const deputy = () => schoolActor(w.schoolId, 'deputy');
const classTeacher = () => schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
const FIGURES = ['lessons', 'absent', 'ill', 'excused', 'late', 'missedLessons', 'fullDays'] as const;

async function readXlsx(payload: Buffer) {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const schoolId = w.schoolId;
  const code = async (lesson: { id: string }, studentId: string, value: string) => insertAttendance(db, { schoolId, lessonId: lesson.id, studentId, code: value });
  const monMaths = await w.mathsLesson('2025-09-08');
  await code(monMaths, w.ivanov.id, 'ill');
  await code(await w.englishLesson('2025-09-08'), w.ivanov.id, 'ill');
  await code(monMaths, w.smirnova.id, 'absent');
  // A newcomer whose surname a person typed as a formula: the files keep it text.
  const newcomer = await createStudent(db, schoolId, { lastName: '=Новиков', firstName: 'Пётр', middleName: 'Ильич' });
  await admit(db, schoolId, newcomer.id, w.classA.id, '2025-09-09');
  const tueMaths = await w.mathsLesson('2025-09-09');
  await code(tueMaths, w.ivanov.id, 'late');
  await code(await w.englishLesson('2025-09-09'), w.ivanov.id, 'excused');
  await code(tueMaths, newcomer.id, 'ill');
  await code(await w.mathsLesson('2025-09-10', { status: 'cancelled' }), w.ivanov.id, 'absent');
  await code(await w.mathsLesson('2025-09-22'), w.smirnova.id, 'absent');
  await code(await w.mathsLesson('2025-10-01'), w.smirnova.id, 'absent');
  const bMaths = await w.mathsLesson('2025-09-08', { groupId: w.classB.groupId! });
  await code(bMaths, w.sister.id, 'absent');
  await w.mathsLesson('2025-09-15', { groupId: w.classB.groupId! });
  await insertMark(db, { schoolId, lessonId: monMaths.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '4' });
  otherClassId = (await makeClass(db, w.otherSchoolId, (await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' })).id, 5, 'В')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/attendance/school', () => {
  it('gives every class a line whose figures are the class report\'s total, and a school total that is their sum', async () => {
    const res = await as(t.app, deputy()).get(api(`attendance/school?${SEPTEMBER}`));
    expect(res.statusCode).toBe(200);
    const body: SchoolAttendance = res.json();
    expect(body).toMatchObject({ from: '2025-09-01', to: '2025-09-30', reach: 'school' });
    expect(body.classes.map((c) => c.name)).toEqual(['5А', '5Б']);
    const sum = Object.fromEntries(FIGURES.map((f) => [f, 0])) as Record<(typeof FIGURES)[number], number>;
    for (const row of body.classes) {
      const perClass: AttendanceReport = (await as(t.app, deputy()).get(api(`attendance?classId=${row.classId}&${SEPTEMBER}`))).json();
      expect(row).toMatchObject(perClass.total);
      expect(row.students).toBe(perClass.students.length);
      for (const f of FIGURES) sum[f] += row[f];
    }
    expect(body.total).toMatchObject(sum);
    expect(body.classes.find((c) => c.name === '5А')).toMatchObject({
      students: 3, lessons: 10, absent: 2, ill: 3, excused: 1, late: 1, missedLessons: 6, fullDays: 4, missedPercent: 60,
    });
    expect(body.classes.find((c) => c.name === '5Б')).toMatchObject({ students: 1, lessons: 2, absent: 1, missedLessons: 1, fullDays: 1, missedPercent: 50 });
    expect(body.total).toMatchObject({ students: 4, lessons: 12, missedLessons: 7, missedPercent: 58.3 });
  });

  it('gives every week from the one of the start, the lessons missed by reason, adding up to the total', async () => {
    const body: SchoolAttendance = (await as(t.app, deputy()).get(api(`attendance/school?${SEPTEMBER}`))).json();
    expect(body.weeks.map((w) => w.week)).toEqual(['2025-09-01', '2025-09-08', '2025-09-15', '2025-09-22', '2025-09-29']);
    expect(body.weeks[1]).toEqual({ week: '2025-09-08', absent: 2, ill: 3, excused: 1, late: 1, missedLessons: 6 });
    expect(body.weeks[3]).toEqual({ week: '2025-09-22', absent: 1, ill: 0, excused: 0, late: 0, missedLessons: 1 });
    expect(body.weeks.reduce((n, w) => n + w.missedLessons, 0)).toBe(body.total.missedLessons);
    // The class report has the same series, over its own students.
    const perClass: AttendanceReport = (await as(t.app, deputy()).get(api(`attendance?classId=${w.classA.id}&${SEPTEMBER}`))).json();
    expect(perClass.weeks[1]).toEqual({ week: '2025-09-08', absent: 1, ill: 3, excused: 1, late: 1, missedLessons: 5 });
    expect(perClass.weeks.reduce((n, w) => n + w.missedLessons, 0)).toBe(perClass.total.missedLessons);
  });

  it('shows a class teacher only his class, with its total in place of the school\'s', async () => {
    const res = await as(t.app, classTeacher()).get(api(`attendance/school?${SEPTEMBER}`));
    expect(res.statusCode).toBe(200);
    const body: SchoolAttendance = res.json();
    expect(body.reach).toBe('classes');
    expect(body.classes.map((c) => c.classId)).toEqual([w.classA.id]);
    expect(body.total).toMatchObject({ students: 3, missedLessons: 6 });
    expect(body.weeks[1]).toMatchObject({ absent: 1, missedLessons: 5 });
  });

  it('refuses a teacher keeping no class, a student and a guardian (403), an anonymous caller (401), another school\'s deputy (404)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      expect((await as(t.app, actor).get(api(`attendance/school?${SEPTEMBER}`))).statusCode, actor.roles[0]!.role).toBe(403);
    }
    expect((await as(t.app, null).get(api(`attendance/school?${SEPTEMBER}`))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(api(`attendance/school?${SEPTEMBER}`))).statusCode).toBe(404);
  });

  it.each([
    ['no start', 'to=2025-09-30', 'from'],
    ['a malformed end', 'from=2025-09-01&to=2025-09-31', 'to'],
    ['an end before the start', 'from=2025-09-10&to=2025-09-01', 'to'],
    ['a range over a year', 'from=2025-09-01&to=2026-09-01', 'to'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(api(`attendance/school?${query}`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('GET /schools/:schoolId/reports/attendance/export', () => {
  it('gives a class with its students as XLSX: the sheet, the headers, a student\'s figures, the weeks; no cell a formula', async () => {
    const res = await as(t.app, classTeacher()).get(api(`attendance/export?classId=${w.classA.id}&${SEPTEMBER}&format=xlsx`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="attendance-2025-09-01-2025-09-30\.xlsx"/);
    const workbook = await readXlsx(res.rawPayload);
    const sheet = workbook.getWorksheet(ATTENDANCE_SHEET)!;
    expect(sheet.getCell('A1').value).toBe('Посещаемость');
    expect(sheet.getCell('A3').value).toBe('Класс 5А, 01.09.2025 – 30.09.2025');
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(CLASS_HEADERS);
    const rowOf = (name: string) => {
      for (let r = 6; r <= sheet.rowCount; r++) if (String(sheet.getCell(r, 1).value).startsWith(name)) return (sheet.getRow(r).values as unknown[]).slice(1);
      throw new Error(`no row ${name}`);
    };
    expect(rowOf('Смирнова')).toEqual([expect.stringMatching(/^Смирнова/), 3, 2, 0, 0, 2, 0, 2, 66.7]);
    expect(rowOf('Итого')).toEqual(['Итого', 10, 2, 3, 1, 6, 1, 4, 60]);
    expect(rowOf("'=Новиков")[0]).toBe("'=Новиков Пётр Ильич");
    for (const s of workbook.worksheets) {
      s.eachRow((row) => row.eachCell((c) => {
        expect(c.type).not.toBe(Excel.ValueType.Formula);
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@]/);
      }));
    }
    const weeks = workbook.getWorksheet(ATTENDANCE_WEEKS_SHEET)!;
    expect((weeks.getRow(2).values as unknown[]).slice(1)).toEqual(['01.09.2025', 0, 0, 0, 0, 0]);
    expect((weeks.getRow(3).values as unknown[]).slice(1)).toEqual(['08.09.2025', 1, 3, 1, 5, 1]);
  });

  it('gives the school by class as PDF: the title, the header, a class\'s line, the total, the weeks', async () => {
    const res = await as(t.app, deputy()).get(api(`attendance/export?${SEPTEMBER}&format=pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(res.rawPayload);
    const all = pages.join('\n');
    expect(all).toContain('Посещаемость');
    expect(all).toContain('Школа по классам, 01.09.2025 – 30.09.2025');
    for (const header of SCHOOL_HEADERS) expect(all).toContain(header);
    expect(all).toMatch(/5Б\s+1\s+2\s+1\s+0\s+0\s+1\s+0\s+1\s+50,0\s%/);
    expect(all).toMatch(/Итого по школе\s+4\s+12\s+3\s+3\s+1\s+7\s+1\s+5\s+58,3\s%/);
    expect(all).toContain('Пропуски по неделям');
    expect(all).toContain('Стр. 1 из');
  });

  it('gives the school by class as XLSX, a class teacher only his class', async () => {
    const res = await as(t.app, classTeacher()).get(api(`attendance/export?${SEPTEMBER}&format=xlsx`));
    expect(res.statusCode).toBe(200);
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet(ATTENDANCE_SHEET)!;
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(SCHOOL_HEADERS);
    const names = sheet.getColumn(1).values;
    expect(names).toContain('5А');
    expect(names).not.toContain('5Б');
    expect(names).toContain('Итого');
  });

  it('refuses as the screens do: another class to a class teacher (404), a student, a guardian, a teacher keeping no class (403)', async () => {
    expect((await as(t.app, classTeacher()).get(api(`attendance/export?classId=${w.classB.id}&${SEPTEMBER}&format=pdf`))).statusCode).toBe(404);
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      expect((await as(t.app, actor).get(api(`attendance/export?classId=${w.classA.id}&${SEPTEMBER}&format=xlsx`))).statusCode).toBe(403);
      expect((await as(t.app, actor).get(api(`attendance/export?${SEPTEMBER}&format=pdf`))).statusCode).toBe(403);
    }
  });

  it.each([
    ['an unknown format', () => `${SEPTEMBER}&format=docx`, 'format'],
    ['no format', () => SEPTEMBER, 'format'],
    ['a range over a year', () => 'from=2025-09-01&to=2026-09-01&format=xlsx', 'to'],
    ['an end before the start', () => 'from=2025-09-10&to=2025-09-01&format=pdf', 'to'],
    ['another school\'s class', () => `classId=${otherClassId}&${SEPTEMBER}&format=pdf`, 'classId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(api(`attendance/export?${query()}`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('GET /schools/:schoolId/reports/forecast/export', () => {
  const query = (format: string) => `forecast/export?classId=${w.classA.id}&periodId=${w.q1.id}&format=${format}`;

  it('gives the XLSX: the distribution, the header row, a student × subject line', async () => {
    const res = await as(t.app, classTeacher()).get(api(query('xlsx')));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="forecast-2025-12-20\.xlsx"/);
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet(FORECAST_SHEET)!;
    expect(sheet.getCell('A1').value).toBe('Прогноз отметок за период');
    expect(sheet.getCell('A3').value).toBe(`Класс 5А, ${w.q1.name}`);
    let header = 0;
    for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === 'Обучающийся') header = r;
    expect((sheet.getRow(header).values as unknown[]).slice(1)).toEqual(FORECAST_HEADERS);
    const lines = Array.from({ length: sheet.rowCount - header }, (_, i) => (sheet.getRow(header + 1 + i).values as unknown[]).slice(1));
    expect(lines).toContainEqual([expect.stringMatching(/^Смирнова/), 'Математика', 4, 1, expect.any(String), expect.any(String), expect.stringContaining('мало оценок')]);
    expect(lines.some((l) => l[0] === "'=Новиков Пётр Ильич")).toBe(true);
  });

  it('gives the PDF: the title, the class and period, the header, a line', async () => {
    const res = await as(t.app, deputy()).get(api(query('pdf')));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const all = (await readPdf(res.rawPayload)).join('\n');
    expect(all).toContain('Прогноз отметок за период');
    expect(all).toContain(`Класс 5А, ${w.q1.name}`);
    expect(all).toContain('Что нужно для отметки выше');
    expect(all).toMatch(/Смирнова[^\n]*Математика\s+4,00\s+1/);
  });

  it('refuses another class to a class teacher (404), a student (403); an unknown format or a period of another year (400)', async () => {
    expect((await as(t.app, classTeacher()).get(api(`forecast/export?classId=${w.classB.id}&periodId=${w.q1.id}&format=pdf`))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(api(query('pdf')))).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'guardian', w.mother.id)).get(api(query('xlsx')))).statusCode).toBe(403);
    const unknown = await as(t.app, deputy()).get(api(query('csv')));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('format');
    const other = await as(t.app, deputy()).get(api(`forecast/export?classId=${otherClassId}&periodId=${w.q1.id}&format=pdf`));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields).toHaveProperty('classId');
  });
});
