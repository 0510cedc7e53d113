import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/db/ids.ts';
import { and, eq } from 'drizzle-orm';
import { examSubjects, periodMarks } from '../../src/server/db/schema/grading.ts';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../factories/diary.ts';
import { periodMarkRows } from '../factories/grading.ts';
import { launchBrowser, openContext } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Exam and final marks (seed 002, 4.3.11): the teacher's year sheet and the student's diary.
const clock = new Date('2025-09-10T06:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let teacher: { login: string; password: string };
let student: { login: string; password: string };
let deputy: { login: string; password: string };

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  teacher = await createUser(db, { login: 'maria.teacher', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  deputy = await createUser(db, { login: 'deputy', roles: [{ schoolId: w.schoolId, role: 'deputy', personId: w.classTeacher.id }] });
  student = await createUser(db, { login: 'ivan.ivanov', roles: [{ schoolId: w.schoolId, role: 'student', personId: w.ivanov.id }] });
  // The deputy made mathematics an examined subject of 5А; Иванов's year mark is «4».
  await db.insert(examSubjects).values({ schoolId: w.schoolId, groupId: w.classA.groupId, subjectId: w.maths.id });
  await db.insert(periodMarks).values({
    schoolId: w.schoolId, id: newId(), groupId: w.classA.groupId, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: null,
    academicYearId: w.year.id, value: '4', suggested: '4', explanation: '',
  });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signIn(page: Page, who: { login: string; password: string }, heading: RegExp) {
  await page.clock.setFixedTime(clock);
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(who.login);
  await page.getByLabel('Пароль', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

describe('exam and final marks', () => {
  it('the teacher sets the exam mark, sees the final mark suggested from it and confirms it; the diary shows both', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, teacher, /Здравствуйте/);
    await page.goto(`/school/${w.schoolId}/period-marks/${w.classA.groupId}?subject=${w.maths.id}&period=year`);
    const table = page.getByRole('table', { name: 'Экзаменационные и итоговые отметки: Математика' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Иванов И\. И\./ });
    expect(await row.textContent()).toContain('4: годовая отметка, экзамена нет');
    await row.getByLabel('Экзаменационная отметка: Иванов И. И.').selectOption('5');
    await row.getByText('4,5 → 5: среднее годовой (4) и экзаменационной (5), округление вверх; решает учитель').waitFor();
    await row.getByLabel('Итоговая отметка за год и экзамен: Иванов И. И.').selectOption('5');
    await expect.poll(async () => (await periodMarkRows(web.database.db, w.schoolId, w.ivanov.id)).map((m) => [m.kind, m.value, m.suggested]).sort())
      .toEqual([['exam', '5', null], ['final', '5', '5'], ['period', '4', '4']]);
    expect(violations).toEqual([]);
    await context.close();

    const diary = await openContext(browser, web.baseUrl);
    await signIn(diary.page, student, /Дневник/);
    await diary.page.goto(`/diary/${w.schoolId}/${w.ivanov.id}/marks`);
    const final = diary.page.getByRole('table', { name: 'Итоговые отметки за 2025/2026 учебный год' });
    await final.waitFor();
    expect(await final.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Год', 'Экзамен', 'Итоговая']));
    expect(await final.getByRole('row', { name: /Математика/ }).textContent()).toBe('Математика————455');
    expect(diary.violations).toEqual([]);
    await diary.context.close();
  });

  it('the deputy sees which subjects of a group end with an examination and takes one back', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, deputy, /Здравствуйте|Журнал|Контроль/);
    await page.getByRole('link', { name: 'Экзамены' }).first().click();
    await page.getByRole('heading', { name: 'Экзамены' }).waitFor();
    await page.getByLabel('Класс или группа').selectOption({ label: '5А' });
    const table = page.getByRole('table', { name: 'Предметы с экзаменом: 5А' });
    await table.waitFor();
    expect(await table.getByLabel('Экзамен: Математика').isChecked()).toBe(true);
    await table.getByLabel('Экзамен: Математика').uncheck();
    const rows = () => web.database.db.select().from(examSubjects).where(and(eq(examSubjects.schoolId, w.schoolId), eq(examSubjects.groupId, w.classA.groupId)));
    await expect.poll(async () => (await rows()).length).toBe(0);
    await table.getByLabel('Экзамен: Математика').check();
    await expect.poll(async () => (await rows()).map((r) => r.subjectId)).toEqual([w.maths.id]);
    expect(violations).toEqual([]);
    await context.close();
  });
});
