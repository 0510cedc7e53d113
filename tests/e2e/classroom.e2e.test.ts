import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classDataChecks } from '../../src/server/db/schema/control.ts';
import { attendance } from '../../src/server/db/schema/journal.ts';
import { students } from '../../src/server/db/schema/people.ts';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark } from '../factories/diary.ts';
import { launchBrowser, openContext, PHONE } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Wednesday 17 September 2025, in the first quarter; the week checked is Monday 15 September.
const clock = new Date('2025-09-17T06:00:00Z');
const WEEK = '2025-09-15';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let klass: { login: string; password: string };
let absenceId: string;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  klass = await createUser(db, { login: 'anna.klass', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }] });
  const monday = await w.mathsLesson(WEEK);
  await insertMark(db, { schoolId: w.schoolId, lessonId: monday.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: monday.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 });
  await insertMark(db, { schoolId: w.schoolId, lessonId: monday.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '2' });
  absenceId = (await insertAttendance(db, { schoolId: w.schoolId, lessonId: (await w.englishLesson(WEEK)).id, studentId: w.ivanov.id, code: 'absent' })).id;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signIn(page: Page, login: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
}

describe('the class teacher\'s screens', () => {
  it('shows the class overview, confirms a week\'s absence, prints slips and corrects a student\'s data', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, klass.login, klass.password);
    await page.getByRole('navigation', { name: /^Разделы: / }).getByRole('link', { name: 'Мой класс' }).click();
    // His only class opens at once, on the overview of the current quarter.
    await page.getByRole('heading', { name: 'Класс 5А' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Успеваемость' }).getAttribute('aria-selected')).toBe('true');
    const table = page.getByRole('table', { name: /Успеваемость класса 5А: 1 четверть/ });
    const ivanov = table.getByRole('row', { name: /Иванов/ });
    await expect.poll(() => ivanov.textContent()).toContain('4,33');
    expect(await ivanov.textContent()).toContain('2 оценки');
    expect(await table.getByRole('row', { name: /Смирнова/ }).locator('.classroom-cell-low').count()).toBe(1);

    // The week's absences: the reason is set and the week confirmed; the tab is kept in the URL.
    await page.getByRole('tab', { name: 'Пропуски' }).click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('absences');
    await page.goto(`/school/${w.schoolId}/class/${w.classA.id}?tab=absences&week=${WEEK}`);
    await page.getByLabel(/Причина: Иванов Иван Иванович/).fill('Соревнования по лыжам');
    await page.getByRole('button', { name: /Подтвердить неделю/ }).click();
    await page.getByRole('status').filter({ hasText: 'Подтверждён 1 пропуск' }).waitFor();
    await page.getByText('Подтверждено', { exact: true }).waitFor();
    const [row] = await web.database.db.select().from(attendance).where(and(eq(attendance.schoolId, w.schoolId), eq(attendance.id, absenceId)));
    expect(row).toMatchObject({ reason: 'Соревнования по лыжам', confirmedAt: clock });

    // Credential slips: the students of the class, as a PDF.
    await page.getByRole('tab', { name: 'Доступ' }).click();
    await page.getByText('Печать листков выдаёт новые коды').waitFor();
    await page.getByLabel('Все обучающиеся').check();
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/activation-codes') && r.request().method() === 'POST'),
      page.getByRole('button', { name: /Напечатать листки \(2 человека\)/ }).click(),
    ]);
    expect(pdf.status()).toBe(201);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.getByRole('link', { name: /Скачать PDF/ }).waitFor();

    // Personal data: a wrong SNILS is refused at the field, a phone is saved.
    await page.getByRole('tab', { name: 'Личные данные' }).click();
    await page.getByRole('button', { name: 'Изменить: Иванов Иван Иванович' }).click();
    await page.getByLabel('СНИЛС').fill('123');
    await page.getByLabel('Телефон').fill('8 913 123-45-67');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('СНИЛС в формате ХХХ-ХХХ-ХХХ ХХ с верной контрольной суммой').waitFor();
    await page.getByLabel('СНИЛС').fill('');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено: Иванов Иван Иванович' }).waitFor();
    await page.getByRole('row', { name: /Иванов Иван Иванович/ }).getByText('+79131234567').waitFor();
    const [student] = await web.database.db.select().from(students).where(and(eq(students.schoolId, w.schoolId), eq(students.id, w.ivanov.id)));
    expect(student).toMatchObject({ phone: '+79131234567', snils: null });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('marks the class\'s personal data as checked (the reminder goes) and shows the class\'s control board', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, klass.login, klass.password);
    await page.goto(`/school/${w.schoolId}/class/${w.classA.id}`);
    const panel = page.getByRole('region', { name: 'Проверка личных данных' });
    await panel.getByText('Личные данные класса ещё не отмечались как проверенные.').waitFor();
    await panel.getByRole('status').filter({ hasText: 'Пора проверить личные данные' }).waitFor();
    await panel.getByRole('button', { name: 'Отметить: данные проверены' }).click();
    await panel.getByText(/Проверены 17\.09\.2025, Классная А\. П\./).waitFor();
    await panel.getByText('Следующая проверка — до 17.10.2025').waitFor();
    expect(await panel.getByText('Пора проверить личные данные').count()).toBe(0);
    const checks = await web.database.db.select().from(classDataChecks).where(eq(classDataChecks.classId, w.classA.id));
    expect(checks).toEqual([expect.objectContaining({ checkedOn: '2025-09-17', checkedByStaffId: w.classTeacher.id })]);
    // After a reload the date is still there: it is the server's record.
    await page.reload();
    await panel.getByText(/Проверены 17\.09\.2025/).waitFor();

    // «Контроль»: the board of his own class; another class's board is refused by the server.
    await page.getByRole('tab', { name: 'Контроль' }).click();
    await page.getByLabel('Период').selectOption({ label: '1 четверть (01.09.2025 – 24.10.2025)' });
    const board = page.getByRole('table', { name: 'Нарушения в журналах класса 5А' });
    await board.getByText('Отметки не в день урока').first().waitFor();
    const other = await page.evaluate(async (url) => (await fetch(url)).status, `/api/v1/schools/${w.schoolId}/control/classes/${w.classB.id}/flags?from=2025-09-01&to=2025-10-24`);
    expect(other).toBe(404);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps another class closed to him («не найдено») and fits a 360 px phone', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page, klass.login, klass.password);
    await page.goto(`/school/${w.schoolId}/class/${w.classB.id}`);
    await page.getByRole('alert').filter({ hasText: /не найдено/i }).waitFor();
    expect((await page.locator('body').textContent()) ?? '').not.toContain('Иванова Ирина');
    const api = await page.evaluate(async (url) => (await fetch(url)).status, `/api/v1/schools/${w.schoolId}/classes/${w.classB.id}/overview`);
    expect(api).toBe(404);

    await page.goto(`/school/${w.schoolId}/class/${w.classA.id}?tab=parents`);
    await page.getByRole('table', { name: /Контакты родителей/ }).getByText('Иванова Ольга', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto(`/school/${w.schoolId}/class/${w.classA.id}`);
    await page.getByRole('table', { name: /Успеваемость класса 5А/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(violations).toEqual([]);
    await context.close();
  });
});
