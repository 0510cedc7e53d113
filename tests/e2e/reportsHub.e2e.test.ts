import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter.
const clock = new Date('2025-10-27T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let classTeacher: { login: string; password: string };
let teacher: { login: string; password: string };


beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  classTeacher = await createUser(db, { login: 'anna.hub', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }] });
  teacher = await createUser(db, { login: 'maria.hub', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the hub «Отчёты»', () => {
  it('the class teacher opens «Отчёты» from the navigation, reaches the results of his class and comes back', async () => {
    const context = await openContext(browser, web.baseUrl);
    const anna = context.page;
    await signIn(anna, classTeacher);
    await anna.goto(`/school/${w.schoolId}`);
    const nav = anna.getByRole('navigation', { name: 'Разделы школы' });
    await nav.getByRole('link', { name: 'Отчёты' }).click();
    await anna.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    // One entry for all reports: none of them has its own in the navigation any more.
    expect(await nav.getByRole('link', { name: 'Итоги успеваемости' }).count()).toBe(0);
    const cards = anna.getByRole('listitem');
    expect(await cards.getByRole('link').allTextContents()).toEqual(['Итоги успеваемости', 'Сводная ведомость', 'Посещаемость', 'Прогноз', 'Отчёт учителя', 'Табель']);
    await anna.getByText('Пропуски класса по причинам').waitFor();

    await anna.getByRole('link', { name: 'Итоги успеваемости' }).click();
    await anna.getByRole('heading', { name: 'Итоги успеваемости' }).waitFor();
    await anna.getByRole('rowheader', { name: '5А', exact: true }).waitFor();
    await anna.getByRole('link', { name: '← Все отчёты' }).click();
    await anna.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    expect(new URL(anna.url()).pathname).toBe(`/school/${w.schoolId}/reports`);
    expect(context.violations).toEqual([]);
    await context.context.close();
  });

  it('a teacher keeping no class is offered only his own reports, no class report', async () => {
    const context = await openContext(browser, web.baseUrl);
    const maria = context.page;
    await signIn(maria, teacher);
    await maria.goto(`/school/${w.schoolId}`);
    const nav = maria.getByRole('navigation', { name: 'Разделы школы' });
    await nav.getByRole('link', { name: 'Отчёты' }).click();
    await maria.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    const cards = maria.getByRole('listitem');
    await cards.getByRole('link', { name: 'Отчёт учителя' }).waitFor();
    expect(await cards.getByRole('link').allTextContents()).toEqual(['Отчёт учителя', 'Табель']);
    expect(context.violations).toEqual([]);
    await context.context.close();
  });
});
