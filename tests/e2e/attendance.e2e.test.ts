import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../factories/diary.ts';
import { launchBrowser, openContext } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Seed 003, 2.5: attendance is taken in every lesson, even when everyone is present. Monday
// 20 October 2025, 12:00 in Barnaul (UTC+7): the 1st lesson (08:30) has begun.
const clock = new Date('2025-10-20T05:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let teacher: { login: string; password: string };
let deputy: { login: string; password: string };

async function signIn(page: Page, user: { login: string; password: string }) {
  await page.clock.setFixedTime(clock);
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(user.login);
  await page.getByLabel('Пароль', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  teacher = await createUser(db, { login: 'maria.att', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  deputy = await createUser(db, { login: 'zavuch.att', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  for (const date of ['2025-10-13', '2025-10-14', '2025-10-15', '2025-10-20']) await w.mathsLesson(date, { topic: 'Дроби' });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('attendance taken', () => {
  it('the teacher records «all present» on «Сегодня» and in the grid, an absence takes it too, and the deputy sees the lesson never marked', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, teacher);

    // «Сегодня»: the lesson has begun and its attendance is not taken yet.
    await page.goto(`/school/${w.schoolId}/today`);
    const maths = page.getByRole('list', { name: 'Уроки дня' }).getByRole('article', { name: /1 урок · 08:30–09:15 · 5А · Математика/ });
    await maths.getByText('Посещаемость не отмечена', { exact: true }).waitFor();
    await maths.getByRole('button', { name: 'Все присутствуют: 1 урок, 5А, Математика' }).click();
    await maths.getByText('Посещаемость отмечена', { exact: true }).waitFor();
    expect(await maths.getByRole('button', { name: /Все присутствуют/ }).count()).toBe(0);

    // The grid: today's lesson shows as taken; 13.10 is taken with «все»; an absence on 14.10 takes it; 15.10 stays never marked.
    await page.goto(`/school/${w.schoolId}/journal/${w.classA.groupId}?period=${w.q1.id}`);
    const grid = page.getByRole('grid');
    await grid.getByRole('img', { name: /^Посещаемость отмечена: 20\.10/ }).waitFor();
    await grid.getByRole('button', { name: 'Все присутствуют: 13.10' }).click();
    await grid.getByRole('img', { name: /^Посещаемость отмечена: 13\.10/ }).waitFor();
    await grid.getByRole('gridcell', { name: 'Иванов И. И., 14.10' }).click();
    await page.keyboard.type('н');
    await page.keyboard.press('Enter');
    await grid.getByRole('img', { name: /^Посещаемость отмечена: 14\.10/ }).waitFor();
    await expect.poll(() => grid.getByRole('gridcell', { name: 'Иванов И. И., 14.10' }).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await grid.getByRole('button', { name: 'Все присутствуют: 15.10' }).count()).toBe(1);

    // After a reload the server's record tells the same.
    await page.reload();
    for (const day of ['13.10', '14.10', '20.10']) await grid.getByRole('img', { name: new RegExp(`^Посещаемость отмечена: ${day.replace('.', '\\.')}`) }).waitFor();
    expect(await grid.getByRole('img', { name: /^Посещаемость отмечена: 15\.10/ }).count()).toBe(0);
    expect(violations).toEqual([]);
    await context.close();

    // The deputy's board: 15.10 held without attendance, 13.10 taken only a week later.
    const office = await openContext(browser, web.baseUrl);
    await signIn(office.page, deputy);
    await office.page.goto(`/school/${w.schoolId}/control?period=${w.q1.id}`);
    const never = office.page.getByRole('row').filter({ hasText: '15.10.2025' });
    await never.first().waitFor();
    expect(await never.first().textContent()).toContain('Посещаемость не отмечена');
    await office.page.getByRole('row').filter({ hasText: 'Посещаемость отмечена только' }).first().waitFor();
    expect(office.violations).toEqual([]);
    await office.context.close();
  });
});
