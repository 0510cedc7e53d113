import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiaryWorld, diaryWorld, insertAttendance, insertHomework, insertMark } from '../../../../tests/factories/diary.ts';
import { insertYear, makeClass, makeSubject, unknownId } from '../../../../tests/factories/structure.ts';
import { readPdf } from '../../../../tests/support/pdf.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { addDays, weekday } from '../../../shared/domain/calendar.ts';
import { journalPages } from './journalPages.ts';
import { LESSONS_PER_SPREAD } from './journalPagesPdf.ts';

let t: TestContext;
let w: DiaryWorld;
let otherGroupId: string;
let lessonDates: string[];
const url = (query: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/reports/journal-pages.pdf?${query}`;
const maths = (from = '2025-09-01', to = '2025-10-31') => `groupId=${w.classA.groupId!}&subjectId=${w.maths.id}&from=${from}&to=${to}`;
const deputy = () => schoolActor(w.schoolId, 'deputy');

/** Every page's text, page by page. */

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  w = await diaryWorld(db);
  const schoolId = w.schoolId;
  // Maths on Monday, Wednesday and Friday of the first quarter: more lessons than one spread holds.
  lessonDates = [];
  for (let d = '2025-09-01'; d <= '2025-10-24'; d = addDays(d, 1)) if ([1, 3, 5].includes(weekday(d))) lessonDates.push(d);
  const lessons = [];
  for (const [i, date] of lessonDates.entries()) lessons.push(await w.mathsLesson(date, { topic: `Тема ${i + 1}: ${i === 0 ? 'Натуральные числа и шкалы' : 'Дроби'}` }));
  const first = lessons[0]!;
  await insertMark(db, { schoolId, lessonId: first.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '4' });
  await insertMark(db, { schoolId, lessonId: first.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '5', weight: 2 });
  await insertAttendance(db, { schoolId, lessonId: first.id, studentId: w.smirnova.id, code: 'ill' });
  await insertAttendance(db, { schoolId, lessonId: lessons[1]!.id, studentId: w.smirnova.id, code: 'late' });
  await insertHomework(db, { schoolId, lessonId: first.id, dueDate: '2025-09-03', text: 'Выучить таблицу разрядов', pages: 'с. 12', tasks: '№ 5, 7' });
  // A lesson of the next quarter, and a cancelled one inside the range: neither is printed.
  await w.mathsLesson('2025-11-10', { topic: 'Тема следующей четверти' });
  await w.mathsLesson('2025-09-02', { topic: 'Отменённый урок', status: 'cancelled' });
  const otherYear = await insertYear(db, w.otherSchoolId, { startYear: 2025, status: 'open' });
  otherGroupId = (await makeClass(db, w.otherSchoolId, otherYear.id, 5, 'В')).groupId!;
});
afterAll(async () => { await t.close(); });

describe('GET /schools/:schoolId/reports/journal-pages.pdf', () => {
  it('prints a quarter as paper journal spreads: students × lessons on the left, topics and homework on the right, the footer on every page', async () => {
    const res = await as(t.app, deputy()).get(url(maths()));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('journal-2025-09-01-2025-10-31.pdf');
    const pages = await readPdf(res.rawPayload);
    // Two spreads (24 lessons > LESSONS_PER_SPREAD), each a left and a right page.
    expect(lessonDates.length).toBeGreaterThan(LESSONS_PER_SPREAD);
    expect(pages).toHaveLength(4);
    const [left, right, left2, right2] = pages as [string, string, string, string];
    expect(left).toContain('5А · Математика');
    expect(left).toContain('Успеваемость и посещаемость');
    expect(left).toContain('Фамилия, инициалы обучающегося');
    expect(left).toContain('разворот 1 из 2');
    // The 24 lessons fill the two spreads evenly, headed by month and day.
    expect(left).toMatch(/сентябрь\s+01\s+03\s+05\s+08/);
    expect(left).toContain('01.09.2025 — 26.09.2025');
    // Иванов's row: number, short name, «4» and «5» with its weight 2 in the first lesson.
    expect(left).toMatch(/1\s+Иванов И\. И\.\s+4\s+5\s+2/);
    expect(left).toMatch(/2\s+Смирнова С\. О\.\s+б\s+оп/);
    expect(right).toContain('Содержание уроков');
    expect(right).toContain('Что пройдено на уроке');
    expect(right).toMatch(/01\.09\s+1\s+Тема 1: Натуральные числа и шкалы\s+Выучить таблицу разрядов, с\. 12, № 5, 7/);
    expect(left2).toContain('разворот 2 из 2');
    expect(left2).toContain('29.09.2025 — 24.10.2025');
    expect(left2).toContain('октябрь');
    expect(right2).toContain(`Тема ${lessonDates.length}: Дроби`);
    for (const page of pages) expect(page).not.toMatch(/Тема следующей четверти|Отменённый урок/);
    // The footer: school, group, subject, teacher, printer and time, page N of M, the chain head.
    const [head] = await queryRows<{ last_seq: string; last_hash: string }>(t.database.db, sql`
      select last_seq::text, last_hash from audit_chain_heads where school_id = ${w.schoolId}`);
    pages.forEach((page, i) => {
      expect(page).toContain(`Страница ${i + 1} из 4`);
      expect(page).toContain('Класс (группа): 5А');
      expect(page).toContain('Предмет: Математика');
      expect(page).toContain('Учитель: Математикова Мария Ивановна');
      expect(page).toContain('Распечатано:');
      expect(page).toContain(`№ ${head!.last_seq}, ${head!.last_hash}`);
    });
  });

  it('reads the pages in two statements, whatever the number of lessons and students', async () => {
    let statements = 0;
    const counting = new Proxy(t.database.db, {
      get(target, key, receiver) {
        if (key === 'select' || key === 'selectDistinct' || key === 'execute') statements += 1;
        return Reflect.get(target, key, receiver);
      },
    }) as Db;
    const data = await journalPages(counting, new Date('2025-11-01T03:00:00Z'), w.schoolId,
      { groupId: w.classA.groupId!, subjectId: w.maths.id, from: '2025-09-01', to: '2025-10-31' }, { userId: unknownId, staffIds: [w.teacher.id] },
      async (teaching) => { expect(teaching.teachesNow).toBe(true); });
    expect(statements).toBe(2);
    expect(data.lessons).toHaveLength(lessonDates.length);
    expect(data.students.map((s) => s.shortName)).toEqual(['Иванов И. И.', 'Смирнова С. О.']);
    // School-local time (Asia/Barnaul, UTC+7); the printer named by his staff record when his account has no name.
    expect(data.printedAt).toBe('01.11.2025, 10:00');
    expect(data.printedBy).toBe('Математикова Мария Ивановна');
  });

  it('prints a short range on one spread, with the printer\'s name, for the group\'s teacher and its class teacher', async () => {
    for (const staffId of [w.teacher.id, w.classTeacher.id]) {
      const res = await as(t.app, schoolActor(w.schoolId, 'teacher', staffId)).get(url(maths('2025-09-01', '2025-09-07')));
      expect(res.statusCode).toBe(200);
      const pages = await readPdf(res.rawPayload);
      expect(pages).toHaveLength(2);
      expect(pages[0]).toContain('Страница 1 из 2');
      expect(pages[1]).toContain('Страница 2 из 2');
    }
  });

  it('refuses a student and a guardian (403), hides the group from a teacher of another group (404), anonymous 401', async () => {
    for (const actor of [schoolActor(w.schoolId, 'student', w.ivanov.id), schoolActor(w.schoolId, 'guardian', w.mother.id)]) {
      expect((await as(t.app, actor).get(url(maths()))).statusCode).toBe(403);
    }
    // The English teacher teaches only the subgroup; the substitute teaches nothing.
    for (const staffId of [w.english.id, w.substitute.id]) {
      expect((await as(t.app, schoolActor(w.schoolId, 'teacher', staffId)).get(url(maths()))).statusCode).toBe(404);
    }
    // The maths teacher may not print the English subgroup's journal either.
    const subgroup = `groupId=${w.subgroup.id}&subjectId=${w.englishSubject.id}&from=2025-09-01&to=2025-10-31`;
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.teacher.id)).get(url(subgroup))).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'teacher', w.english.id)).get(url(subgroup))).statusCode).toBe(200);
    expect((await as(t.app, null).get(url(maths()))).statusCode).toBe(401);
    // Another school's staff: 403 or 404, never the pages.
    expect([403, 404]).toContain((await as(t.app, schoolActor(w.otherSchoolId, 'deputy')).get(url(maths()))).statusCode);
  });

  it.each([
    ['a range over a year', () => maths('2025-09-01', '2026-09-01'), 'to'],
    ['from after to', () => maths('2025-10-01', '2025-09-01'), 'to'],
    ['no dates', () => `groupId=${w.classA.groupId!}&subjectId=${w.maths.id}`, 'from'],
    ['a malformed date', () => maths('2025-13-01'), 'from'],
    ['no group', () => `subjectId=${w.maths.id}&from=2025-09-01&to=2025-09-30`, 'groupId'],
    ['an unknown group', () => `groupId=${unknownId}&subjectId=${w.maths.id}&from=2025-09-01&to=2025-09-30`, 'groupId'],
    ['another school\'s group', () => `groupId=${otherGroupId}&subjectId=${w.maths.id}&from=2025-09-01&to=2025-09-30`, 'groupId'],
    ['an unknown subject', () => `groupId=${w.classA.groupId!}&subjectId=${unknownId}&from=2025-09-01&to=2025-09-30`, 'subjectId'],
  ])('answers 400 with the field for %s', async (_name, query, field) => {
    const res = await as(t.app, deputy()).get(url(query()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });

  it('prints a group\'s subject without lessons in the range as one spread saying so', async () => {
    const drawing = await makeSubject(t.database.db, w.schoolId, 'Изобразительное искусство');
    const res = await as(t.app, deputy()).get(url(`groupId=${w.classA.groupId!}&subjectId=${drawing.id}&from=2025-09-01&to=2025-09-30`));
    expect(res.statusCode).toBe(200);
    const pages = await readPdf(res.rawPayload);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Иванов И. И.');
    expect(pages[1]).toContain('Уроков за выбранные даты нет');
    expect(pages[1]).toContain('Учитель: —');
  });
});
