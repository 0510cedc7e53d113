import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { createStaff } from '../../../../tests/factories/people.ts';
import { insertPeriod, insertYear, makeClass, unknownId } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { type ClassSummary, type SchoolSummary, ZSchoolSummary } from '../../../shared/contract/reports.ts';
import { newId } from '../../db/ids.ts';
import { periodMarks } from '../../db/schema/grading.ts';
import { schools } from '../../db/schema/organisation.ts';
import { subjects } from '../../db/schema/structure.ts';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

let t: TestContext;
let w: DiaryWorld;
let otherPeriodId: string;
let otherClassId: string;
const clock = new Date('2025-12-20T06:00:00Z');
const SCHOOL_NAME = '=HYPERLINK("http://example.test","Школа №1")';
const ENGLISH = '=1+1 Английский';
const api = (path: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/${path}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

async function readXlsx(payload: Buffer) {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

/** Every page's text, page by page. */
async function readPdf(payload: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(payload), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  // User text a spreadsheet could run as a formula: the school's name and a subject's.
  await db.update(schools).set({ name: SCHOOL_NAME }).where(eq(schools.id, s));
  await db.update(subjects).set({ name: ENGLISH }).where(eq(subjects.id, w.englishSubject.id));
  await createStaff(db, s, { lastName: 'Директорова', firstName: 'Дина', middleName: 'Петровна', position: 'director' });
  for (const [date, value, weight] of [['2025-09-08', '5', 1], ['2025-09-09', '3', 2], ['2025-10-01', '4', 2]] as const) {
    await insertMark(db, {
      schoolId: s, lessonId: (await w.mathsLesson(date)).id, studentId: w.ivanov.id, workTypeId: weight === 2 ? w.test.id : w.answer.id, value, weight,
    });
  }
  await insertMark(db, { schoolId: s, lessonId: (await w.englishLesson('2025-09-10')).id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  const pm = (studentId: string, subjectId: string, periodId: string | null, value: string, groupId = w.classA.groupId!) =>
    insertPeriodMark(db, { schoolId: s, groupId, subjectId, studentId, periodId, academicYearId: w.year.id, value });
  await pm(w.ivanov.id, w.maths.id, w.q1.id, '4');
  await pm(w.smirnova.id, w.maths.id, w.q1.id, 'notAssessed');
  await pm(w.ivanov.id, w.maths.id, w.q2.id, '3');
  await pm(w.ivanov.id, w.maths.id, null, '4');
  await pm(w.sister.id, w.maths.id, w.q1.id, '5', w.classB.groupId!);
  await db.insert(periodMarks).values({
    id: newId(), schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: null,
    academicYearId: w.year.id, value: '5', kind: 'exam',
  });
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherPeriodId = (await insertPeriod(db, w.otherSchoolId, otherYear.id, '2025-09-01', '2025-12-28')).id;
  otherClassId = (await makeClass(db, w.otherSchoolId, otherYear.id, 5, 'А')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/school-summary', () => {
  it('gives every class\'s ведомость of a period, each equal to the class\'s own', async () => {
    const res = await as(t.app, deputy()).get(api(`school-summary?periodId=${w.q1.id}`));
    expect(res.statusCode).toBe(200);
    const body: SchoolSummary = res.json();
    // Sent without the schema's serializer (plainJson): nothing beyond the contract goes out.
    expect(ZSchoolSummary.parse(body)).toEqual(body);
    expect(body).toMatchObject({ periodId: w.q1.id, academicYearId: w.year.id, name: '1 четверть', reach: 'school' });
    expect(body.classes.map((c) => c.class.name)).toEqual(['5А', '5Б']);
    for (const klass of [w.classA, w.classB]) {
      const own: ClassSummary = (await as(t.app, deputy()).get(api(`class-summary?classId=${klass.id}&periodId=${w.q1.id}`))).json();
      expect(body.classes.find((c) => c.class.id === klass.id)).toEqual(own);
    }
    const a = body.classes[0]!;
    expect(a.cells.find((c) => c.studentId === w.ivanov.id && c.subjectId === w.maths.id)).toMatchObject({ mean: 3.8, count: 3, periodMark: '4' });
    expect(body.classes[1]!.students.map((s) => s.id)).toEqual([w.sister.id]);
  });

  it('gives the year: period marks, the year mark and the exam mark where set', async () => {
    const res = await as(t.app, deputy()).get(api(`school-summary?academicYearId=${w.year.id}`));
    expect(res.statusCode).toBe(200);
    const body: SchoolSummary = res.json();
    expect(ZSchoolSummary.parse(body)).toEqual(body);
    expect(body.periodId).toBeNull();
    const a = body.classes.find((c) => c.class.id === w.classA.id)!;
    expect(a.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(a.yearCells.find((c) => c.studentId === w.ivanov.id && c.subjectId === w.maths.id)).toEqual({
      studentId: w.ivanov.id, subjectId: w.maths.id, periodMarks: { [w.q1.id]: '4', [w.q2.id]: '3' }, yearMark: '4', exam: '5',
    });
  });

  it('gives a class teacher only his class (reach «classes»), hides another (404), refuses those without a class (403)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const own = await as(t.app, classTeacher).get(api(`school-summary?periodId=${w.q1.id}`));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ reach: 'classes' });
    expect((own.json() as SchoolSummary).classes.map((c) => c.class.id)).toEqual([w.classA.id]);
    expect((await as(t.app, classTeacher).get(api(`school-summary?periodId=${w.q1.id}&classId=${w.classB.id}`))).statusCode).toBe(404);
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      for (const path of [`school-summary?periodId=${w.q1.id}`, `school-summary/export?periodId=${w.q1.id}&format=xlsx`, `year-end-summary.pdf?academicYearId=${w.year.id}`]) {
        expect((await as(t.app, actor).get(api(path))).statusCode, `${actor.roles[0]!.role} ${path}`).toBe(403);
      }
    }
    expect((await as(t.app, null).get(api(`school-summary?periodId=${w.q1.id}`))).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(api(`school-summary?periodId=${w.q1.id}`))).statusCode).toBe(404);
  });

  it.each([
    ['neither period nor year', () => 'school-summary', 'periodId'],
    ['both period and year', () => `school-summary?periodId=${w.q1.id}&academicYearId=${w.year.id}`, 'academicYearId'],
    ['another school\'s period', () => `school-summary?periodId=${otherPeriodId}`, 'periodId'],
    ['an unknown year', () => `school-summary?academicYearId=${unknownId}`, 'academicYearId'],
    ['another school\'s class', () => `school-summary?periodId=${w.q1.id}&classId=${otherClassId}`, 'classId'],
    ['an unknown format', () => `school-summary/export?periodId=${w.q1.id}&format=csv`, 'format'],
    ['no format', () => `school-summary/export?periodId=${w.q1.id}`, 'format'],
    ['a class file in an unknown format', () => `class-summary/export?classId=${w.classA.id}&format=docx`, 'format'],
    ['a class file of another school\'s class', () => `class-summary/export?classId=${otherClassId}&format=pdf`, 'classId'],
    ['a class file of another school\'s period', () => `class-summary/export?classId=${w.classA.id}&periodId=${otherPeriodId}&format=pdf`, 'periodId'],
    ['a year-end summary without a year', () => 'year-end-summary.pdf', 'academicYearId'],
    ['a year-end summary of another school\'s class', () => `year-end-summary.pdf?academicYearId=${w.year.id}&classId=${otherClassId}`, 'classId'],
  ])('answers 400 with the field for %s', async (_name, path, field) => {
    const res = await as(t.app, deputy()).get(api(path()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('the ведомость as files', () => {
  it('gives the school\'s XLSX: a sheet per class, the header rows frozen, the marks and means as on screen, no formula from user text', async () => {
    const res = await as(t.app, deputy()).get(api(`school-summary/export?periodId=${w.q1.id}&format=xlsx`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^Сводная ведомость по классам — 1 четверть — .+\.xlsx$/);
    const workbook = await readXlsx(res.rawPayload);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['5А', '5Б']);
    const sheet = workbook.getWorksheet('5А')!;
    expect(sheet.getCell('A1').value).toBe('Сводная ведомость');
    expect(sheet.getCell('A2').value).toBe(`'${SCHOOL_NAME}`);
    expect(sheet.getCell('A3').value).toBe('Класс 5А · 1 четверть');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 6 });
    // Subjects by name: «'=1+1 Английский» (kept text) before «Математика»; each over «Ср.» and «Итог».
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(['№', 'Обучающийся', `'${ENGLISH}`, `'${ENGLISH}`, 'Математика', 'Математика']);
    expect((sheet.getRow(6).values as unknown[]).slice(3)).toEqual(['Ср.', 'Итог', 'Ср.', 'Итог']);
    expect((sheet.getRow(7).values as unknown[]).slice(1)).toEqual([1, 'Иванов Иван Иванович', 5, undefined, 3.8, '4']);
    expect((sheet.getRow(8).values as unknown[]).slice(1)).toEqual([2, 'Смирнова Света Олеговна', undefined, undefined, undefined, 'н/а']);
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string') expect(cell.value, `${ws.name} ${cell.address}`).not.toMatch(/^[=+\-@]/);
      }));
    }
  });

  it('gives the school\'s PDF: each class from a new page, its header and a student\'s row', async () => {
    const res = await as(t.app, deputy()).get(api(`school-summary/export?periodId=${w.q1.id}&format=pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Сводная ведомость');
    expect(pages[0]).toContain('Класс 5А · 1 четверть');
    expect(pages[0]).toContain('Классный руководитель: Классная Анна Петровна');
    expect(pages[0]).toMatch(/Иванов Иван Иванович 5,00 3,80 4/);
    expect(pages[0]).toContain('Стр. 1 из 2');
    expect(pages[1]).toContain('Класс 5Б · 1 четверть');
    expect(pages[1]).toContain('Иванова Ирина Ивановна');
  });

  it('gives one class\'s XLSX and PDF of the year to its class teacher, and hides another class (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const xlsx = await as(t.app, classTeacher).get(api(`class-summary/export?classId=${w.classA.id}&format=xlsx`));
    expect(xlsx.statusCode).toBe(200);
    const sheet = (await readXlsx(xlsx.rawPayload)).getWorksheet('5А')!;
    expect(sheet.getCell('A3').value).toBe('Класс 5А · 2025/2026 (год)');
    expect((sheet.getRow(6).values as unknown[]).slice(3, 9)).toEqual(['1\u00a0ч.', '2\u00a0ч.', '3\u00a0ч.', '4\u00a0ч.', 'Год', 'Экз.']);
    const maths = (sheet.getRow(5).values as unknown[]).indexOf('Математика');
    expect((sheet.getRow(7).values as unknown[]).slice(maths, maths + 6)).toEqual(['4', '3', undefined, undefined, '4', '5']);
    const pdf = await as(t.app, classTeacher).get(api(`class-summary/export?classId=${w.classA.id}&periodId=${w.q1.id}&format=pdf`));
    expect(pdf.statusCode).toBe(200);
    const pages = await readPdf(pdf.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Класс 5А · 1 четверть');
    expect(pages[0]).toMatch(/Смирнова Света Олеговна н\/а/);
    expect((await as(t.app, classTeacher).get(api(`class-summary/export?classId=${w.classB.id}&format=pdf`))).statusCode).toBe(404);
  });
});

describe('GET /schools/:schoolId/reports/year-end-summary.pdf', () => {
  it('gives every class\'s year with the lines to sign and stamp, a class per page', async () => {
    const res = await as(t.app, deputy()).get(api(`year-end-summary.pdf?academicYearId=${w.year.id}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('Итоговая ведомость — все классы — 2025 2026.pdf');
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(2);
    for (const [page, klass, teacher] of [[pages[0]!, '5А', '/ Классная Анна Петровна /'], [pages[1]!, '5Б', '/ ______________________ /']] as const) {
      expect(page).toContain('Сводная ведомость итоговых отметок за учебный год');
      expect(page).toContain(`Класс ${klass} · 2025/2026 (год)`);
      expect(page).toContain('Директор ______________________ / Директорова Дина Петровна /');
      expect(page).toContain(`Классный руководитель ______________________ ${teacher}`);
      expect(page).toContain('М.П.');
      expect(page).toContain('Дата: 20.12.2025');
    }
    expect(pages[0]).toMatch(/Иванов Иван Иванович 4 3 4 5/);
  });

  it('gives one class alone', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'teacher', w.classTeacher.id)).get(api(`year-end-summary.pdf?academicYearId=${w.year.id}&classId=${w.classA.id}`));
    expect(res.statusCode).toBe(200);
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Класс 5А');
  });
});
