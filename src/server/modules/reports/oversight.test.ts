import { createRequire } from 'node:module';
import { eq, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit } from '../../../../tests/factories/structure.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertHomework, insertMark, insertPeriodMark, insertTaking } from '../../../../tests/factories/diary.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, platformAdmin, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import type { ControlFigures, MunicipalSummary } from '../../../shared/contract/oversight.ts';
import { queryRows } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { sessions } from '../../db/schema/accounts.ts';
import { schools } from '../../db/schema/organisation.ts';
import type { Actor } from '../../policy/policy.ts';
import { CONTROL_TITLE, FIGURE_HEADERS, SUMMARY_CONTROL_HEADERS, SUMMARY_HEADERS, SUMMARY_TITLE, TIMESHEET_HEADERS, TIMESHEET_TITLE } from './oversightExport.ts';

const Excel = createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

// «Today» is Friday 2025-09-12 at noon in Barnaul: the lessons of 8–12 September are given.
const NOW = new Date('2025-09-12T05:00:00Z');
let t: TestContext;
let w: DiaryWorld;
let municipalityId: string;
let otherMunicipalityId: string;
const deputy = () => schoolActor(w.schoolId, 'deputy');
const operator = (id = municipalityId): Actor => ({ userId: newId(), platformAdmin: false, roles: [], municipalityIds: [id] });

async function readXlsx(payload: Buffer) {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, first: string) => {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === first) return (sheet.getRow(r).values as unknown[]).slice(1);
  throw new Error(`no row ${first}`);
};

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const db = t.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  // Maths: Mon with topic, mark, homework and the roll taken; Tue without a topic, with a «н» only; Wed cancelled;
  // Thu taken by the substitute, empty. English (the subgroup): Mon with a topic, nothing else. Next Monday: not yet given.
  const mon = await w.mathsLesson('2025-09-08', { topic: 'Дроби' });
  await insertMark(t.database.db, { schoolId: s, lessonId: mon.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertHomework(db, { schoolId: s, lessonId: mon.id, dueDate: '2025-09-09', text: '=1+1 № 5' });
  await insertTaking(db, { schoolId: s, lessonId: mon.id, takenAt: new Date('2025-09-08T03:00:00Z') });
  const tue = await w.mathsLesson('2025-09-09', { topic: '' });
  await insertAttendance(db, { schoolId: s, lessonId: tue.id, studentId: w.smirnova.id, code: 'absent' });
  await insertAttendance(db, { schoolId: s, lessonId: tue.id, studentId: w.ivanov.id, code: 'ill' });
  await w.mathsLesson('2025-09-10', { status: 'cancelled' });
  await w.mathsLesson('2025-09-11', { topic: '', substituteStaffId: w.substitute.id });
  await w.englishLesson('2025-09-08', { topic: 'Present Simple' });
  await w.mathsLesson('2025-09-15', { topic: 'Потом' });
  // Period marks of the first quarter (ends 2025-10-26 in the factory's calendar).
  await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: w.q1.id, academicYearId: w.year.id, value: '5' });
  await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.smirnova.id, periodId: w.q1.id, academicYearId: w.year.id, value: '2' });
  // Accounts: Иванов's mother opened the diary two days ago, Иванов 20 days ago; Смирнова's mother has an account, never used.
  const mother = await createUser(db, { roles: [{ schoolId: s, role: 'guardian', personId: w.mother.id }] });
  const pupil = await createUser(db, { roles: [{ schoolId: s, role: 'student', personId: w.ivanov.id }] });
  await createUser(db, { roles: [{ schoolId: s, role: 'guardian', personId: w.smirnovaMother.id }] });
  const session = (userId: string, daysAgo: number) => ({
    id: newId(), userId, tokenHash: newId(), lastSeenAt: new Date(NOW.getTime() - daysAgo * 86400_000),
    expiresAt: new Date(NOW.getTime() + 86400_000), idleSeconds: 3600,
  });
  await db.insert(sessions).values([session(mother.user.id, 2), session(pupil.user.id, 20)]);
  municipalityId = (await db.select().from(schools).where(eq(schools.id, s)))[0]!.municipalityId;
  otherMunicipalityId = (await db.select().from(schools).where(eq(schools.id, w.otherSchoolId)))[0]!.municipalityId;
});
afterAll(async () => { await t.close(); });

const timesheetUrl = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/timesheet/export?${query}`;

describe('GET /schools/:schoolId/reports/timesheet/export', () => {
  it('gives the deputy every teacher\'s month as XLSX: the header row, a teacher\'s counts, the total', async () => {
    const res = await as(t.app, deputy()).get(timesheetUrl('from=2025-09-01&to=2025-09-30&format=xlsx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="timesheet-2025-09-01\.xlsx"/);
    const sheet = (await readXlsx(res.rawPayload)).getWorksheet('Табель')!;
    expect(sheet.getCell('A1').value).toBe(TIMESHEET_TITLE);
    expect(rowValues(sheet, 'Учитель')).toEqual(TIMESHEET_HEADERS);
    // Up to today (12 September): Mon and Tue given, Wed cancelled, Thu substituted.
    expect(rowValues(sheet, 'Математикова Мария Ивановна')).toEqual(['Математикова Мария Ивановна', 2, 0, 1, 1, 2]);
    expect(rowValues(sheet, 'Заменова Зоя Сергеевна')).toEqual(['Заменова Зоя Сергеевна', 0, 1, 0, 0, 1]);
    expect(rowValues(sheet, 'Итого')).toEqual(['Итого', 3, 1, 1, 1, 4]);
  });

  it('gives the PDF: one page, the title, a teacher\'s line', async () => {
    const res = await as(t.app, deputy()).get(timesheetUrl('from=2025-09-01&to=2025-09-30&format=pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(TIMESHEET_TITLE);
    expect(pages[0]).toMatch(/Математикова Мария Ивановна\s+2\s+0\s+1\s+1\s+2/);
  });

  it('gives a teacher his own табель and refuses him another\'s; refuses a student; answers bad input with field messages', async () => {
    const own = schoolActor(w.schoolId, 'teacher', w.teacher.id);
    const mine = await as(t.app, own).get(timesheetUrl('from=2025-09-01&to=2025-09-30&format=xlsx'));
    expect(mine.statusCode).toBe(200);
    const sheet = (await readXlsx(mine.rawPayload)).getWorksheet('Табель')!;
    expect(() => rowValues(sheet, 'Заменова Зоя Сергеевна')).toThrow();
    expect((await as(t.app, own).get(timesheetUrl(`staffId=${w.substitute.id}&from=2025-09-01&to=2025-09-30&format=pdf`))).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(timesheetUrl('from=2025-09-01&to=2025-09-30&format=pdf'))).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(timesheetUrl('from=2025-09-01&to=2025-09-30&format=pdf'))).statusCode).toBe(404);
    const bad = await as(t.app, deputy()).get(timesheetUrl('from=2025-09-30&to=2025-09-01&format=doc'));
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['format']));
    const backwards = await as(t.app, deputy()).get(timesheetUrl('from=2025-09-30&to=2025-09-01&format=pdf'));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.to).toBe('Конец периода раньше его начала');
  });
});

const figuresUrl = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/control-figures?${query}`;

describe('GET /schools/:schoolId/reports/control-figures', () => {
  it('counts the lessons given with topic, marks, attendance and homework, per teacher, with the percentages', async () => {
    const res = await as(t.app, deputy()).get(figuresUrl('from=2025-09-01&to=2025-09-30'));
    expect(res.statusCode).toBe(200);
    const f: ControlFigures = res.json();
    expect(f.to).toBe('2025-09-12');
    expect(f.weeks).toBe(3);
    expect(f.school.lessons).toEqual({
      given: 4, withTopic: 2, withMarks: 1, withAttendance: 2, withHomework: 1,
      topicPercent: 50, marksPercent: 25, attendancePercent: 50, homeworkPercent: 25,
    });
    expect(f.teachers.map((r) => [r.name, r.lessons.given, r.lessons.withTopic, r.lessons.topicPercent])).toEqual([
      ['Заменова Зоя Сергеевна', 1, 0, 0],
      ['Инглишева Елена Петровна', 1, 1, 100],
      ['Математикова Мария Ивановна', 2, 1, 50],
    ]);
    expect(f.school.teachers).toEqual({ active: 3, allTopics: 1, allAttendance: 1, allTopicsPercent: 33.3, allAttendancePercent: 33.3 });
    // Иванов has a maths mark but none in English; Смирнова none in maths: both lack marks in a subject (3 weeks).
    expect(f.school.withoutMarks).toEqual({ students: 2, withoutMarks: 2, percent: 100, subjectPairs: 2 });
    // Three pupils enrolled; Иванов seen 20 days ago. Two guardians; Иванов's mother seen 2 days ago, Смирнова's never.
    expect(f.school.diary).toEqual({
      students: 3, studentAccounts: 1, students7: 0, students30: 1, students7Percent: 0, students30Percent: 33.3,
      guardians: 2, guardianAccounts: 2, guardians7: 1, guardians30: 1, guardians7Percent: 50, guardians30Percent: 50,
    });
    expect(f.school.usage).toEqual({ accounts: 3, activated: 3, signedIn: 2, signedIn30: 2, activatedPercent: 100, signedIn30Percent: 66.7 });
  });

  it('counts «without marks» over N weeks: with one week, Иванов\'s English lesson still counts', async () => {
    const f: ControlFigures = (await as(t.app, deputy()).get(figuresUrl('from=2025-09-08&to=2025-09-14&weeks=1'))).json();
    expect(f.withoutMarksFrom).toBe('2025-09-06');
    expect(f.school.withoutMarks.withoutMarks).toBe(2);
  });

  it('exports XLSX (both tables, a figure with its count) and PDF (the title, a teacher)', async () => {
    const x = await as(t.app, deputy()).get(`${figuresUrl('from=2025-09-01&to=2025-09-30&format=xlsx').replace('control-figures?', 'control-figures/export?')}`);
    expect(x.statusCode).toBe(200);
    const workbook = await readXlsx(x.rawPayload);
    const school = workbook.getWorksheet('По школе')!;
    expect(school.getCell('A1').value).toBe(CONTROL_TITLE);
    expect(rowValues(school, 'Показатель')).toEqual(FIGURE_HEADERS);
    expect(rowValues(school, 'Уроки с темой')).toEqual(['Уроки с темой', 2, 4, 50]);
    expect(rowValues(workbook.getWorksheet('По учителям')!, 'Математикова Мария Ивановна').slice(0, 3)).toEqual(['Математикова Мария Ивановна', 2, 1]);
    const p = await as(t.app, deputy()).get(`/api/v1/schools/${w.schoolId}/reports/control-figures/export?from=2025-09-01&to=2025-09-30&format=pdf`);
    expect(p.statusCode).toBe(200);
    const text = (await readPdf(p.rawPayload)).join(' ');
    expect(text).toContain(CONTROL_TITLE);
    expect(text).toContain('Математикова Мария Ивановна');
  });

  it('is for the administration: a teacher, a class teacher, a student, a guardian, another school\'s deputy are refused', async () => {
    const url = figuresUrl('from=2025-09-01&to=2025-09-30');
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.classTeacher.id)).get(url)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'student', w.ivanov.id)).get(url)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.schoolId, 'guardian', w.mother.id)).get(url)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(url)).statusCode).toBe(404);
    expect((await as(t.app, null).get(url)).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(w.schoolId, 'director')).get(url)).statusCode).toBe(200);
  });

  it('answers bad input with field messages', async () => {
    const weeks = await as(t.app, deputy()).get(figuresUrl('from=2025-09-01&to=2025-09-30&weeks=0'));
    expect(weeks.statusCode).toBe(400);
    expect(weeks.json().error.fields.weeks).toBe('Число недель: от 1 до 12');
    const long = await as(t.app, deputy()).get(figuresUrl('from=2025-09-01&to=2025-12-31'));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.to).toBe('Не больше 92 дней');
    expect((await as(t.app, deputy()).get(figuresUrl('from=2025-13-01&to=2025-09-30'))).json().error.fields.from).toBeTruthy();
  });
});

const summaryUrl = (query: string, id = municipalityId) => `/api/v1/municipalities/${id}/reports/summary?${query}`;

/** Every string and number anywhere in a JSON value (keys included). */
function leaves(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v) => leaves(v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push(k); leaves(v, out); }
  else out.push(String(value));
  return out;
}

describe('GET /municipalities/:id/reports/summary', () => {
  it('gives the operator per school and in total the results, attendance and control figures', async () => {
    const res = await as(t.app, operator()).get(summaryUrl('from=2025-09-01&to=2025-10-31'));
    expect(res.statusCode).toBe(200);
    const s: MunicipalSummary = res.json();
    expect(s.schools).toHaveLength(1);
    const school = s.schools[0]!;
    expect(school.schoolId).toBe(w.schoolId);
    expect(school.periods).toEqual([`${w.q1.name} (${w.q1.gradeFrom}–${w.q1.gradeTo})`]);
    // 5А: Иванов «5», Смирнова «2»; 5Б: Иванова without marks.
    expect(school.students).toBe(3);
    expect(school.results).toMatchObject({ assessed: 2, excellent: 1, failing: 1, progressPercent: 50, qualityPercent: 50 });
    // Due: maths Mon, Tue (2 pupils each), Thu (2), English Mon (Иванов): 7; Tue «н» and «б».
    expect(school.attendance).toEqual({ due: 7, absent: 1, ill: 1, excused: 0, late: 0, missed: 2, missedPercent: 28.6 });
    expect(school.control.lessons.given).toBe(4);
    expect(s.total).toMatchObject({ schools: 1, students: 3, attendance: school.attendance });
    expect(s.total.control.lessons).toEqual(school.control.lessons);
  });

  it('holds no personal data: no person\'s name, id or birth date anywhere in the response', async () => {
    const s = (await as(t.app, platformAdmin()).get(summaryUrl('from=2025-09-01&to=2025-10-31'))).json();
    const found = new Set(leaves(s));
    const persons = await queryRows<{ v: string }>(t.database.db, sql`
      select id::text as v from students union all select last_name from students union all select first_name from students
      union all select coalesce(birth_date::text, '') from students
      union all select id::text from staff union all select last_name from staff union all select first_name from staff
      union all select id::text from guardians union all select last_name from guardians union all select first_name from guardians
      union all select id::text from users union all select display_name from users union all select login from users`);
    const values = persons.map((r) => r.v).filter((v) => v !== '');
    expect(values.length).toBeGreaterThan(20);
    for (const v of values) expect(found.has(v), v).toBe(false);
    // Nor as part of a longer text (the school's and period's names are all the text there is).
    const texts = [...found].filter((v) => Number.isNaN(Number(v)));
    for (const v of values.filter((x) => x.length > 3)) expect(texts.some((text) => text.includes(v)), v).toBe(false);
  });

  it('exports XLSX (the header row, the school\'s line) and PDF (the title, the total)', async () => {
    const x = await as(t.app, operator()).get(`/api/v1/municipalities/${municipalityId}/reports/summary/export?from=2025-09-01&to=2025-10-31&format=xlsx`);
    expect(x.statusCode).toBe(200);
    const workbook = await readXlsx(x.rawPayload);
    const sheet = workbook.getWorksheet('Итоги и посещаемость')!;
    expect(sheet.getCell('A1').value).toBe(SUMMARY_TITLE);
    expect(rowValues(sheet, 'Школа')).toEqual(SUMMARY_HEADERS);
    expect(rowValues(sheet, 'Итого по муниципалитету').slice(0, 4)).toEqual(['Итого по муниципалитету', 3, 2, 50]);
    expect(rowValues(workbook.getWorksheet('Ведение журнала')!, 'Школа')).toEqual(SUMMARY_CONTROL_HEADERS);
    expect(rowValues(workbook.getWorksheet('Ведение журнала')!, 'Итого по муниципалитету')[1]).toBe(50);
    const p = await as(t.app, operator()).get(`/api/v1/municipalities/${municipalityId}/reports/summary/export?from=2025-09-01&to=2025-10-31&format=pdf`);
    expect(p.statusCode).toBe(200);
    const text = (await readPdf(p.rawPayload)).join(' ');
    expect(text).toContain(SUMMARY_TITLE);
    expect(text).toContain('Итого по муниципалитету');
  });

  it('refuses a school\'s deputy and director, another municipality\'s operator, an anonymous caller', async () => {
    const url = summaryUrl('from=2025-09-01&to=2025-10-31');
    expect([403, 404]).toContain((await as(t.app, deputy()).get(url)).statusCode);
    expect([403, 404]).toContain((await as(t.app, schoolActor(w.schoolId, 'director')).get(url)).statusCode);
    expect((await as(t.app, operator(otherMunicipalityId)).get(url)).statusCode).toBe(404);
    expect((await as(t.app, null).get(url)).statusCode).toBe(401);
    expect((await as(t.app, operator(otherMunicipalityId)).get(summaryUrl('from=2025-09-01&to=2025-10-31', otherMunicipalityId))).statusCode).toBe(200);
  });

  it('answers bad input with field messages', async () => {
    const long = await as(t.app, operator()).get(summaryUrl('from=2025-09-01&to=2026-09-01'));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields.to).toBe('Не больше года');
    const format = await as(t.app, operator()).get(`/api/v1/municipalities/${municipalityId}/reports/summary/export?from=2025-09-01&to=2025-10-31&format=csv`);
    expect(format.statusCode).toBe(400);
    expect(format.json().error.fields.format).toBe('Формат: xlsx или pdf');
    expect((await as(t.app, operator()).get('/api/v1/municipalities/nope/reports/summary?from=2025-09-01&to=2025-10-31')).statusCode).toBe(400);
  });

  // Last: it changes the class. A pupil admitted on Wednesday is due only at the lessons from then on.
  it('counts a pupil who joined inside the range only at the lessons after he came', async () => {
    const newcomer = await createStudent(t.database.db, w.schoolId, { lastName: 'Новиков', firstName: 'Никита', middleName: 'Петрович' });
    await admit(t.database.db, w.schoolId, newcomer.id, w.classA.id, '2025-09-10');
    const s: MunicipalSummary = (await as(t.app, operator()).get(summaryUrl('from=2025-09-01&to=2025-10-31'))).json();
    // Before: 7; the newcomer is due at Thursday's maths lesson only (Wednesday's was cancelled).
    expect(s.schools[0]!.attendance).toMatchObject({ due: 8, missed: 2, missedPercent: 25 });
  });
});
