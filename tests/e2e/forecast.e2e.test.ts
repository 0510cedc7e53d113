import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 20 October 2025, inside the 1st quarter (1 September – 24 October).
const clock = new Date('2025-10-20T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };


beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.forecast', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  const mark = async (studentId: string, value: string, date: string) =>
    insertMark(db, { schoolId: w.schoolId, lessonId: (await w.mathsLesson(date)).id, studentId, workTypeId: w.answer.id, value, weight: 1 });
  // Иванов 4, 4, 3 → «4»; Смирнова 2, 2, 3 → «2», at risk.
  for (const [value, date] of [['4', '2025-09-08'], ['4', '2025-09-09'], ['3', '2025-09-10']] as const) await mark(w.ivanov.id, value, date);
  for (const [value, date] of [['2', '2025-09-08'], ['2', '2025-09-09'], ['3', '2025-09-10']] as const) await mark(w.smirnova.id, value, date);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('«Прогноз»', () => {
  it('the deputy reads the class\'s forecast marks and %, then the students at risk first with what it takes', async () => {
    const office = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    await signIn(zavuch, deputy);
    await zavuch.goto(`/school/${w.schoolId}`);
    await zavuch.getByRole('link', { name: 'Отчёты' }).click();
    await zavuch.getByRole('link', { name: 'Прогноз' }).first().click();
    await zavuch.getByRole('heading', { name: 'Прогноз' }).waitFor();
    await zavuch.getByLabel('Период').selectOption(w.q1.id);
    const figures = zavuch.getByRole('table', { name: 'Прогноз отметок за период: 5А, 1 четверть' });
    await figures.waitFor();
    // «5», «4», «3», «2», Н/А, % успеваемости, % качества: one «4» and one «2» → 50 % and 50 %.
    expect((await figures.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((s) => s.replace(/\u00a0/g, ' ')))
      .toEqual(['0', '1', '0', '1', '0', '50,0 %', '50,0 %']);
    const table = zavuch.getByRole('table', { name: 'Прогноз: 5А, 1 четверть' });
    const rows = table.getByRole('row');
    // The student at risk comes first.
    await expect.poll(() => rows.nth(1).getByRole('rowheader').textContent()).toContain('Смирнова Света Олеговна');
    expect(await rows.nth(1).getByRole('rowheader').textContent()).toContain('в зоне риска');
    expect(await rows.nth(1).getByRole('cell').first().textContent()).toContain('выходит «2»');
    expect(await rows.nth(2).getByRole('cell').first().textContent()).toContain('ещё 5 «5» с весом 1 — будет «5»');
    expect(office.violations).toEqual([]);
  });
});
