import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark, insertPeriodMark } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 20 October 2025, inside the 1st quarter (1 September – 24 October).
const clock = new Date('2025-10-20T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };
let teacher: { login: string; password: string };


beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  const s = w.schoolId;
  deputy = await createUser(db, { login: 'zavuch.results', roles: [{ schoolId: s, role: 'deputy' }] });
  // The subject teacher keeps no class: the teacher's report is his all the same.
  teacher = await createUser(db, { login: 'teacher', roles: [{ schoolId: s, role: 'teacher', personId: w.teacher.id }] });
  const lesson = await w.mathsLesson('2025-09-08', { topic: '' });
  await insertMark(db, { schoolId: s, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  for (const [studentId, value] of [[w.ivanov.id, '5'], [w.smirnova.id, '4']] as const) {
    await insertPeriodMark(db, { schoolId: s, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId, periodId: w.q1.id, academicYearId: w.year.id, value });
  }
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const cells = async (row: ReturnType<Page['getByRole']>) => (await row.getByRole('cell').allTextContents()).map((s) => s.replace(/\u00a0/g, ' '));

describe('«Отчёт учителя» and results by subject', () => {
  it('the subject teacher opens his report and sees his group\'s row: lessons, marks, results, the lesson without a topic', async () => {
    const { page, context } = await openContext(browser, web.baseUrl);
    await signIn(page, teacher);
    await page.goto(`/school/${w.schoolId}`);
    // Through the navigation: «Отчёты», then the report's card.
    await page.getByRole('link', { name: 'Отчёты', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Отчёт учителя' }).first().click();
    await page.getByRole('heading', { name: 'Отчёт учителя', level: 1 }).waitFor();
    await page.getByLabel('Период').selectOption(w.q1.id);
    const table = page.getByRole('table', { name: /Отчёт учителя: Математикова М\. И\., 1 четверть/ });
    await table.waitFor();
    const row = table.getByRole('row', { name: /5А/ });
    await row.waitFor();
    // Математика; 1 lesson scheduled and given; 4 h × 54/7 weeks = 31; no КТП; 1 mark; 2 period marks: one «5», one «4».
    expect((await cells(row)).slice(0, 11)).toEqual(['Математика', '1', '1', '31', '0', '0', '1', '2', '1', '1', '0']);
    await page.getByText(/без темы: 8 сент/).waitFor();
    await context.close();
  });

  it('the deputy switches the period results to «по предметам» and reads the subject\'s row', async () => {
    const { page, context } = await openContext(browser, web.baseUrl);
    await signIn(page, deputy);
    await page.goto(`/school/${w.schoolId}/results`);
    await page.getByRole('heading', { name: 'Итоги успеваемости' }).waitFor();
    await page.getByLabel('Период').selectOption(`p:${w.q1.id}`);
    await page.getByText('по предметам', { exact: true }).click();
    const table = page.getByRole('table', { name: 'Итоги успеваемости по предметам: 1 четверть' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Математика/ });
    // Всего 2, аттестовано 2, на «5» 1, на «4» и «5» 1 (one «4»).
    expect((await cells(row)).slice(0, 4)).toEqual(['2', '2', '1', '1']);
    await page.getByText(/По предмету учитывается итоговая отметка/).waitFor();
    await context.close();
  });
});
