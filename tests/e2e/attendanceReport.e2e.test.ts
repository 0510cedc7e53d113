import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter (1 September – 24 October).
const clock = new Date('2025-10-27T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };
let classTeacher: { login: string; password: string };


const cells = async (page: Page, row: string, table?: string) => {
  const scope = table ? page.getByRole('table', { name: table }) : page;
  return (await scope.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).getByRole('cell').allTextContents())
    .map((text) => text.replace(/\u00a0/g, ' '));
};

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.attendance', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  classTeacher = await createUser(db, { login: 'anna.attendance', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }] });
  const code = (lesson: { id: string }, studentId: string, value: string) => insertAttendance(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId, code: value });
  // 5А: Иванов ill on the 15th, Смирнова late; absent on the 22nd. 5Б: Иванова absent on the 16th.
  const maths15 = await w.mathsLesson('2025-09-15');
  await code(maths15, w.ivanov.id, 'ill');
  await code(maths15, w.smirnova.id, 'late');
  await code(await w.mathsLesson('2025-09-22'), w.smirnova.id, 'absent');
  await code(await w.mathsLesson('2025-09-16', { groupId: w.classB.groupId! }), w.sister.id, 'absent');
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('«Посещаемость»: the weeks as a chart, the whole school by class', () => {
  it('the class teacher sees his class\'s weeks as a chart beside their table, and downloads the class', async () => {
    const { page: anna } = await openContext(browser, web.baseUrl);
    await signIn(anna, classTeacher);
    await anna.goto(`/school/${w.schoolId}/attendance-report`);
    await anna.getByRole('heading', { name: 'Посещаемость' }).waitFor();
    // Only his class is offered: no «whole school». The options come with the classes' request.
    const classOptions = anna.getByLabel('Класс', { exact: true }).locator('option');
    await classOptions.first().waitFor({ state: 'attached' });
    expect(await classOptions.allTextContents()).toEqual(['5А']);
    await anna.getByLabel('С', { exact: true }).fill('2025-09-15');
    await anna.getByLabel('По', { exact: true }).fill('2025-09-28');
    await anna.getByRole('table', { name: 'Посещаемость: 5А, 15.09.2025 – 28.09.2025' }).waitFor();
    expect(await cells(anna, 'Итого')).toEqual(['4', '1', '1', '0', '2', '1', '2']);
    const chart = anna.getByRole('figure', { name: 'Пропущено уроков по неделям: 5А, 15.09.2025 – 28.09.2025' });
    await chart.waitFor();
    // Drawn bars: б in the week of the 15th, н in the week of the 22nd (a zero is no bar).
    await chart.locator('.recharts-bar-rectangle path').first().waitFor({ state: 'attached' });
    expect(await chart.locator('.recharts-bar-rectangle path').count()).toBe(2);
    expect(await chart.getByText('б — по болезни').count()).toBeGreaterThan(0);
    // Week from, н, б, у, lessons missed, оп.
    const weeks = 'Пропуски по неделям: 5А';
    expect(await cells(anna, '15.09.2025', weeks)).toEqual(['0', '1', '0', '1', '1']);
    expect(await cells(anna, '22.09.2025', weeks)).toEqual(['1', '0', '0', '1', '0']);
    const [download] = await Promise.all([anna.waitForEvent('download'), anna.getByRole('link', { name: 'Скачать XLSX' }).click()]);
    expect(download.suggestedFilename()).toBe('Посещаемость — 5А — 2025-09-15 – 2025-09-28.xlsx');
    expect(await download.failure()).toBeNull();
  });

  it('the deputy opens the whole school by class, then a class from its line', async () => {
    const { page: zavuch } = await openContext(browser, web.baseUrl);
    await signIn(zavuch, deputy);
    await zavuch.goto(`/school/${w.schoolId}/attendance-report`);
    await zavuch.getByRole('heading', { name: 'Посещаемость' }).waitFor();
    await zavuch.getByLabel('Класс', { exact: true }).selectOption({ label: 'Вся школа' });
    await zavuch.getByLabel('С', { exact: true }).fill('2025-09-15');
    await zavuch.getByLabel('По', { exact: true }).fill('2025-09-28');
    await zavuch.getByRole('table', { name: 'Посещаемость по классам: 15.09.2025 – 28.09.2025' }).waitFor();
    // Students, lessons, н, б, у, lessons missed, оп, full days, % missed.
    expect(await cells(zavuch, '5А')).toEqual(['2', '4', '1', '1', '0', '2', '1', '2', '50,0 %']);
    expect(await cells(zavuch, '5Б')).toEqual(['1', '1', '1', '0', '0', '1', '0', '1', '100,0 %']);
    expect(await cells(zavuch, 'Итого по школе')).toEqual(['3', '5', '2', '1', '0', '3', '1', '3', '60,0 %']);
    await zavuch.getByRole('figure', { name: 'Пропущено уроков по неделям: Вся школа, 15.09.2025 – 28.09.2025' }).waitFor();
    expect(await cells(zavuch, '15.09.2025', 'Пропуски по неделям: Вся школа')).toEqual(['1', '1', '0', '2', '1']);
    const [download] = await Promise.all([zavuch.waitForEvent('download'), zavuch.getByRole('link', { name: 'Скачать PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('Посещаемость — школа — 2025-09-15 – 2025-09-28.pdf');
    // A class's line opens the class by student.
    await zavuch.getByRole('button', { name: '5Б', exact: true }).click();
    await zavuch.getByRole('table', { name: 'Посещаемость: 5Б, 15.09.2025 – 28.09.2025' }).waitFor();
    expect(await cells(zavuch, 'Иванова Ирина Ивановна')).toEqual(['1', '1', '0', '0', '1', '0', '1']);
  });
});
