import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertHomework, insertMark, insertPeriodMark } from '../../../../tests/factories/diary.ts';
import { createStudent } from '../../../../tests/factories/people.ts';
import { admit, insertYear, makeClass, unknownId } from '../../../../tests/factories/structure.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
let w: DiaryWorld;
let otherClassId: string;
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/weekly-sheets.pdf?${query}`;
const week = () => `classId=${w.classA.id}&week=2025-09-08`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

/** Every page's text, page by page. */

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  const schoolId = w.schoolId;
  // Monday: maths with a «5» and a comment for Иванов, Смирнова absent, homework for the class.
  const mon = await w.mathsLesson('2025-09-08');
  await insertMark(db, { schoolId, lessonId: mon.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '5', comment: 'Отличная работа' });
  await insertAttendance(db, { schoolId, lessonId: mon.id, studentId: w.smirnova.id, code: 'absent' });
  await insertHomework(db, { schoolId, lessonId: mon.id, dueDate: '2025-09-10', text: 'Задачи 15–18 на с. 34' });
  // Tuesday: English (Иванов's subgroup only) with individual homework; a maths lesson of the week after.
  const tue = await w.englishLesson('2025-09-09');
  await insertHomework(db, { schoolId, lessonId: tue.id, dueDate: '2025-09-11', text: 'Выучить слова урока', studentIds: [w.ivanov.id] });
  const later = await w.mathsLesson('2025-09-15');
  await insertMark(db, { schoolId, lessonId: later.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '2' });
  await insertPeriodMark(db, { schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.smirnova.id, periodId: w.q1.id, academicYearId: w.year.id, value: '4' });
  // A third student: 3 sheets on two pages.
  const third = await createStudent(db, schoolId, { lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' });
  await admit(db, schoolId, third.id, w.classA.id, '2025-09-01');
  otherClassId = (await makeClass(db, w.otherSchoolId, (await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' })).id, 5, 'В')).id;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/weekly-sheets.pdf', () => {
  it('prints the whole class, two students a page: names, the week, marks with work type, absences, homework, comments, period marks, signatures', async () => {
    const res = await as(t.app, deputy()).get(url(week()));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('weekly-sheets-2025-09-08.pdf');
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(2);
    const [first, second] = pages as [string, string];
    expect(first).toContain('Иванов Иван Иванович');
    expect(first).toContain('Петров Пётр Петрович');
    expect(second).toContain('Смирнова Света Олеговна');
    expect(first).toContain('08.09.2025');
    expect(first).toContain('5 (Контрольная работа)');
    expect(first).toContain('Задачи 15–18 на с. 34');
    expect(first).toContain('Отличная работа');
    expect(first).toContain('Выучить слова урока');
    expect(second).toMatch(/Отметки за 1 четверть: Математика — 4/);
    expect(first).toContain('Классный руководитель');
    expect(first).toContain('Родитель (законный представитель)');
    // The mark of the next week is not on this week's sheet.
    expect(first).not.toContain('Ответ на уроке');
  });

  it('prints only the chosen students, and keeps an individual homework off a classmate\'s sheet', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'teacher', w.classTeacher.id)).get(url(`${week()}&studentIds=${w.smirnova.id}`));
    expect(res.statusCode).toBe(200);
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Смирнова Света Олеговна');
    expect(pages[0]).not.toContain('Иванов Иван');
    expect(pages[0]).not.toContain('Выучить слова урока');
    expect(pages[0]).toMatch(/Пн 08\.09\s+Математика\s+н\s/);
  });

  it('gives a student his own sheet and a guardian her child\'s, nothing else', async () => {
    const student = schoolActor(w.schoolId, 'student', w.ivanov.id);
    const mother = schoolActor(w.schoolId, 'guardian', w.mother.id);
    for (const actor of [student, mother]) {
      const res = await as(t.app, actor).get(url(`${week()}&studentIds=${w.ivanov.id}`));
      expect(res.statusCode, actor.roles[0]!.role).toBe(200);
      const pages = await readPdf(res.rawPayload);
      expect(pages).toHaveLength(1);
      expect(pages[0]).toContain('Иванов Иван Иванович');
      // The whole class, a classmate, or his own sheet with a classmate's: refused.
      for (const query of [week(), `${week()}&studentIds=${w.smirnova.id}`, `${week()}&studentIds=${w.ivanov.id},${w.smirnova.id}`]) {
        expect((await as(t.app, actor).get(url(query))).statusCode, `${actor.roles[0]!.role} ${query}`).toBe(403);
      }
    }
    // Her other child, in 5Б: through 5Б only.
    expect((await as(t.app, mother).get(url(`classId=${w.classB.id}&week=2025-09-08&studentIds=${w.sister.id}`))).statusCode).toBe(200);
    expect((await as(t.app, mother).get(url(`${week()}&studentIds=${w.sister.id}`))).statusCode).toBe(400);
  });

  it('hides another class from its class teacher (404); refuses a teacher keeping no class (403), anonymous (401)', async () => {
    const classTeacher = schoolActor(w.schoolId, 'teacher', w.classTeacher.id);
    expect((await as(t.app, classTeacher).get(url(`classId=${w.classB.id}&week=2025-09-08`))).statusCode).toBe(404);
    expect((await as(t.app, classTeacher).get(url(`classId=${w.classB.id}&week=2025-09-08&studentIds=${w.sister.id}`))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url(`${week()}&studentIds=${w.ivanov.id}`))).statusCode).toBe(403);
    expect((await as(t.app, null).get(url(week()))).statusCode).toBe(401);
  });

  it.each([
    ['no class', 'week=2025-09-08', 'classId'],
    ['an unknown class', `classId=${unknownId}&week=2025-09-08`, 'classId'],
    ['no week', () => `classId=${w.classA.id}`, 'week'],
    ['a week not starting on Monday', () => `classId=${w.classA.id}&week=2025-09-09`, 'week'],
    // Fuzzed: the calendar rules count no day of years 0000-0099 (Date.UTC maps them to 19xx); it was a 500.
    ['a week of the year 0000', () => `classId=${w.classA.id}&week=0000-01-01`, 'week'],
    ['a week out of the class\'s year', () => `classId=${w.classA.id}&week=2026-09-07`, 'week'],
    ['a student of another class', () => `${week()}&studentIds=${w.ivanov.id},${w.sister.id}`, 'studentIds'],
    ['a malformed student id', () => `${week()}&studentIds=abc`, 'studentIds'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(typeof query === 'function' ? query() : query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });

  it('answers 400 on the class for another school\'s class', async () => {
    const res = await as(t.app, deputy()).get(url(`classId=${otherClassId}&week=2025-09-08`));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('classId');
  });
});
