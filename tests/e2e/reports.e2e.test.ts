import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark, insertPeriodMark } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter (1 September – 24 October): its results are in.
const clock = new Date('2025-10-27T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };
let classTeacher: { login: string; password: string };


beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.results', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  classTeacher = await createUser(db, { login: 'anna.results', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }] });
  const mark = (studentId: string, groupId: string, subjectId: string, value: string) => insertPeriodMark(db, {
    schoolId: w.schoolId, groupId, subjectId, studentId, periodId: w.q1.id, academicYearId: w.year.id, value,
  });
  // 5А: Иванов an отличник, Смирнова failing; 5Б: Иванова a хорошист.
  await mark(w.ivanov.id, w.classA.groupId!, w.maths.id, '5');
  await mark(w.ivanov.id, w.classA.groupId!, w.englishSubject.id, '5');
  await mark(w.smirnova.id, w.classA.groupId!, w.maths.id, '2');
  await mark(w.smirnova.id, w.classA.groupId!, w.englishSubject.id, '4');
  await mark(w.sister.id, w.classB.groupId!, w.maths.id, '4');
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const cells = async (page: Page, row: string) =>
  (await page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).getByRole('cell').allTextContents())
    .map((text) => text.replace(/\u00a0/g, ' '));

describe('«Итоги успеваемости»', () => {
  it('the deputy reads the quarter per class and for the school; the class teacher only his class', async () => {
    const office = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    await signIn(zavuch, deputy);
    await zavuch.goto(`/school/${w.schoolId}`);
    await zavuch.getByRole('link', { name: 'Отчёты' }).click();
    await zavuch.getByRole('link', { name: 'Итоги успеваемости' }).first().click();
    await zavuch.getByRole('heading', { name: 'Итоги успеваемости' }).waitFor();
    // The browser's own clock decides the period it opens on; the quarter is chosen explicitly.
    await zavuch.getByLabel('Период').selectOption(`p:${w.q1.id}`);
    await zavuch.getByRole('table', { name: /1 четверть/ }).waitFor();
    // Students, assessed, отличники, хорошисты, one «4», one «3», failing, not assessed, % успеваемости, % качества, СОУ, mean.
    expect(await cells(zavuch, '5А')).toEqual(['2', '2', '1', '0', '0', '0', '1', '0', '50,0 %', '50,0 %', '70,0 %', '4,00']);
    expect(await cells(zavuch, '5Б')).toEqual(['1', '1', '0', '1', '1', '0', '0', '0', '100,0 %', '100,0 %', '64,0 %', '4,00']);
    expect((await cells(zavuch, 'Итого по школе')).slice(0, 3)).toEqual(['3', '3', '1']);
    expect(await cells(zavuch, '5-е классы')).toEqual(await cells(zavuch, 'Итого по школе'));
    await zavuch.getByText(/«незачёт» считается как «2»/).waitFor();
    // The same quarter as files, named in Russian.
    for (const [name, ext] of [['Скачать XLSX', 'xlsx'], ['Скачать PDF', 'pdf']]) {
      const [download] = await Promise.all([zavuch.waitForEvent('download'), zavuch.getByRole('link', { name }).click()]);
      expect(download.suggestedFilename()).toBe(`Итоги успеваемости — ${w.q1.name} — 2025-10-27.${ext}`);
      expect(await download.failure()).toBeNull();
    }

    const classroom = await openContext(browser, web.baseUrl);
    const anna = classroom.page;
    await signIn(anna, classTeacher);
    await anna.goto(`/school/${w.schoolId}/results`);
    await anna.getByLabel('Период').selectOption(`p:${w.q1.id}`);
    await anna.getByRole('table', { name: /1 четверть/ }).waitFor();
    await anna.getByRole('rowheader', { name: 'Итого', exact: true }).waitFor();
    expect(await anna.getByRole('rowheader', { name: '5А', exact: true }).count()).toBe(1);
    expect(await anna.getByRole('rowheader', { name: '5Б', exact: true }).count()).toBe(0);
  });
});

describe('«Сводная ведомость»', () => {
  it('the class teacher reads his class\'s quarter means and period marks, and the year; the deputy any class', async () => {
    const db = web.database.db;
    const lesson = await w.mathsLesson('2025-09-08');
    await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
    await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 });
    await insertPeriodMark(db, {
      schoolId: w.schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: null, academicYearId: w.year.id, value: '5',
    });

    const classroom = await openContext(browser, web.baseUrl);
    const anna = classroom.page;
    await signIn(anna, classTeacher);
    await anna.goto(`/school/${w.schoolId}`);
    await anna.getByRole('link', { name: 'Отчёты' }).click();
    await anna.getByRole('link', { name: 'Сводная ведомость' }).first().click();
    await anna.getByRole('heading', { name: 'Сводная ведомость' }).waitFor();
    // Only his class is offered. The options come with the classes' request.
    const classOptions = anna.getByLabel('Класс').locator('option');
    await classOptions.first().waitFor({ state: 'attached' });
    expect(await classOptions.allTextContents()).toEqual(['5А']);
    await anna.getByLabel('Период').selectOption(w.q1.id);
    await anna.getByRole('table', { name: 'Сводная ведомость: 5А, 1 четверть' }).waitFor();
    // Английский язык: no marks, period mark 5; Математика: (5 + 2·4) / 3 = 4,33, period mark 5.
    expect(await cells(anna, 'Иванов Иван Иванович')).toEqual(['—', '5', '4,33', '5']);
    expect(await cells(anna, 'Смирнова Света Олеговна')).toEqual(['—', '4', '—', '2']);
    await anna.getByLabel('Период').selectOption('year');
    await anna.getByRole('table', { name: /5А, Год/ }).waitFor();
    // Per subject: four quarters and the year mark.
    expect(await cells(anna, 'Иванов Иван Иванович')).toEqual(['5', '—', '—', '—', '—', '5', '—', '—', '—', '5']);

    const office = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    await signIn(zavuch, deputy);
    await zavuch.goto(`/school/${w.schoolId}/summary`);
    await zavuch.getByLabel('Класс').selectOption({ label: '5Б' });
    await zavuch.getByLabel('Период').selectOption(w.q1.id);
    await zavuch.getByRole('table', { name: 'Сводная ведомость: 5Б, 1 четверть' }).waitFor();
    expect(await cells(zavuch, 'Иванова Ирина Ивановна')).toEqual(['—', '4']);
  });
});

describe('«Посещаемость»', () => {
  it('the class teacher reads his class\'s lessons missed by reason, late and full days for chosen dates', async () => {
    const db = web.database.db;
    const lesson = await w.mathsLesson('2025-09-15');
    await insertAttendance(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, code: 'ill' });
    await insertAttendance(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.smirnova.id, code: 'late' });

    const classroom = await openContext(browser, web.baseUrl);
    const anna = classroom.page;
    await signIn(anna, classTeacher);
    await anna.goto(`/school/${w.schoolId}`);
    await anna.getByRole('link', { name: 'Отчёты' }).click();
    await anna.getByRole('link', { name: 'Посещаемость' }).first().click();
    await anna.getByRole('heading', { name: 'Посещаемость' }).waitFor();
    await anna.getByLabel('С', { exact: true }).fill('2025-09-15');
    await anna.getByLabel('По', { exact: true }).fill('2025-09-15');
    await anna.getByRole('table', { name: 'Посещаемость: 5А, 15.09.2025 – 15.09.2025' }).waitFor();
    // Lessons, н, б, у, lessons missed, оп, full days.
    expect(await cells(anna, 'Иванов Иван Иванович')).toEqual(['1', '0', '1', '0', '1', '0', '1']);
    expect(await cells(anna, 'Смирнова Света Олеговна')).toEqual(['1', '0', '0', '0', '0', '1', '0']);
    expect(await cells(anna, 'Итого')).toEqual(['2', '0', '1', '0', '1', '1', '1']);
    // The drill-down: his lessons one by one.
    await anna.getByRole('button', { name: 'Иванов Иван Иванович' }).click();
    const detail = anna.getByRole('table', { name: 'Пропуски и опоздания: Иванов Иван Иванович' });
    await detail.waitFor();
    expect(await detail.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['15.09.2025', '1', 'Математика', 'б']);
    // The parents' weekly sheet of the class for a week picked by any of its days: one PDF.
    await anna.getByLabel('Неделя (любой день)').fill('2025-09-17');
    const [download] = await Promise.all([anna.waitForEvent('download'), anna.getByRole('link', { name: 'Скачать PDF: весь класс 5А' }).click()]);
    expect(download.suggestedFilename()).toBe('Недельный лист — 5А — 2025-09-15.pdf');
    expect(await download.failure()).toBeNull();
  });
});
