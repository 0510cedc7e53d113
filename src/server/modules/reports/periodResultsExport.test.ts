import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { PeriodResults } from '../../../shared/contract/reports.ts';
import { schools } from '../../db/schema/organisation.ts';
import { PERIOD_RESULTS_HEADERS, PERIOD_RESULTS_SHEET, periodResultsPdf } from './periodResultsExport.ts';
import { periodResults } from '../../../shared/domain/results.ts';
import { buffer } from 'node:stream/consumers';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

let t: TestContext;
let w: DiaryWorld;
const SCHOOL_NAME = '=HYPERLINK("http://example.test","Школа №1")';
const base = (schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/period-results`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

async function readXlsx(payload: Buffer) {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

/** Every page's text, page by page. */

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  // A school name typed by a person as a formula: the file must keep it text.
  await db.update(schools).set({ name: SCHOOL_NAME }).where(eq(schools.id, w.schoolId));
  const marks: [string, string, string][] = [
    [w.ivanov.id, w.classA.groupId!, '5'], [w.smirnova.id, w.classA.groupId!, '4'], [w.sister.id, w.classB.groupId!, '2'],
  ];
  for (const [studentId, groupId, value] of marks) {
    await insertPeriodMark(db, { schoolId: w.schoolId, groupId, subjectId: w.maths.id, studentId, periodId: w.q1.id, academicYearId: w.year.id, value });
  }
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/period-results/export', () => {
  it('gives the XLSX: the sheet, the header row of the screen, each class\'s figures equal to the JSON report\'s', async () => {
    const json: PeriodResults = (await as(t.app, deputy()).get(`${base()}?periodId=${w.q1.id}`)).json();
    const res = await as(t.app, deputy()).get(`${base()}/export?periodId=${w.q1.id}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="period-results-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^Итоги успеваемости — .+\.xlsx$/);
    const workbook = await readXlsx(res.rawPayload);
    const sheet = workbook.getWorksheet(PERIOD_RESULTS_SHEET)!;
    expect(sheet).toBeDefined();
    expect(sheet.getCell('A1').value).toBe('Итоги успеваемости');
    expect(sheet.getCell('A3').value).toBe(json.name);
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(PERIOD_RESULTS_HEADERS);
    expect(PERIOD_RESULTS_HEADERS).toEqual(expect.arrayContaining(['Класс', 'Аттестовано', 'Неуспевающие', '% успев.', '% кач.', 'СОУ', 'Ср. балл']));
    const rowOf = (name: string) => {
      for (let r = 6; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === name) return (sheet.getRow(r).values as unknown[]).slice(1);
      throw new Error(`no row ${name}`);
    };
    for (const cls of json.classes) {
      const f = cls.figures;
      expect(rowOf(cls.name)).toEqual([
        cls.name, cls.students, f.assessed, f.excellent, f.good, f.oneFour, f.oneThree, f.failing, f.notAssessed,
        ...[f.progressPercent, f.qualityPercent, f.sou, f.meanMark].map((v) => v ?? '—'),
      ]);
    }
    expect(rowOf('Итого по школе').slice(0, 3)).toEqual(['Итого по школе', json.total.students, json.total.figures.assessed]);
    const text = sheet.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(text.some((v) => v.includes('«незачёт» считается как «2»') && v.includes('ОСВ'))).toBe(true);
    expect(text.some((v) => v.startsWith('Сформировано '))).toBe(true);
  });

  it('never writes user text as a formula: a school named «=HYPERLINK(…)» stays text', async () => {
    const res = await as(t.app, deputy()).get(`${base()}/export?periodId=${w.q1.id}&format=xlsx`);
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet(PERIOD_RESULTS_SHEET)!;
    const cell = sheet.getCell('A2');
    expect(cell.type).toBe(Excel.ValueType.String);
    expect(cell.value).toBe(`'${SCHOOL_NAME}`);
    sheet.eachRow((row) => row.eachCell((c) => {
      expect(c.type).not.toBe(Excel.ValueType.Formula);
      if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@]/);
    }));
  });

  it('gives the PDF: pages, the title, the period and a class', async () => {
    const res = await as(t.app, deputy()).get(`${base()}/export?periodId=${w.q1.id}&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename="period-results-\d{4}-\d{2}-\d{2}\.pdf"/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await readPdf(res.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    const all = pages.join('\n');
    expect(all).toContain('Итоги успеваемости');
    expect(all).toContain(w.q1.name);
    expect(all).toContain('5А');
    expect(all).toContain('Итого по школе');
    expect(all).toContain('Стр. 1 из');
  });

  it('shows a class teacher only his class in the file, and hides another (404)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    const own = await as(t.app, classTeacher).get(`${base()}/export?periodId=${w.q1.id}&format=xlsx`);
    expect(own.statusCode).toBe(200);
    const sheet = (await readXlsx(own.rawPayload)).getWorksheet(PERIOD_RESULTS_SHEET)!;
    const names = sheet.getColumn(1).values;
    expect(names).toContain('5А');
    expect(names).not.toContain('5Б');
    expect(names).toContain('Итого');
    const other = await as(t.app, classTeacher).get(`${base()}/export?periodId=${w.q1.id}&classId=${w.classB.id}&format=pdf`);
    expect(other.statusCode).toBe(404);
  });

  it('refuses a teacher keeping no class, a student, a guardian (403), an anonymous caller (401), another school (404)', async () => {
    for (const actor of [
      schoolActor(w.schoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id),
    ]) {
      for (const format of ['xlsx', 'pdf']) {
        const res = await as(t.app, actor).get(`${base()}/export?periodId=${w.q1.id}&format=${format}`);
        expect(res.statusCode, actor.roles[0]!.role).toBe(403);
        expect(res.json().error.code).toBe('policy.forbidden');
      }
    }
    expect((await as(t.app, null).get(`${base()}/export?periodId=${w.q1.id}&format=pdf`)).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(`${base()}/export?periodId=${w.q1.id}&format=pdf`)).statusCode).toBe(404);
  });

  it.each([
    ['an unknown format', () => `periodId=${w.q1.id}&format=docx`, 'format'],
    ['no format', () => `periodId=${w.q1.id}`, 'format'],
    ['no period or year', () => 'format=xlsx', 'periodId'],
    ['an unknown class', () => `periodId=${w.q1.id}&classId=0190a000-0000-7000-8000-000000000000&format=pdf`, 'classId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(`${base()}/export?${query()}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });
});

describe('periodResultsPdf', () => {
  it('splits a long table across pages with the header row repeated on each', async () => {
    const figures = periodResults([['5', '4'], ['3', '2'], ['notAssessed']]);
    const classes = Array.from({ length: 90 }, (_, i) => ({
      classId: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, name: `${5 + Math.floor(i / 10)}${'АБВГДЕЖЗИК'[i % 10]}`,
      grade: 5 + Math.floor(i / 10), students: 3, figures,
    }));
    const results: PeriodResults = {
      academicYearId: classes[0]!.classId, periodId: null, name: '2025/2026 учебный год', reach: 'school', classes,
      grades: [], total: { students: 270, figures },
    };
    const pages = await readPdf(await buffer(periodResultsPdf(results, { schoolName: 'Школа', generatedAt: '07.12.2026, 10:00', generatedBy: 'Завуч' }, { compress: true })));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('Аттестовано');
      expect(page).toContain(`Стр. ${i + 1} из ${pages.length}`);
      expect(page).toContain('Сформировано 07.12.2026, 10:00, Завуч');
    }
    expect(pages.at(-1)).toContain('Итого по школе');
  });
});
