import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertLesson, insertMark, insertPeriodMark } from '../factories/diary.ts';
import { launchBrowser, openContext, PHONE } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// The journal is writable on this day; the diary shows the week of Monday 8 September 2025.
const clock = new Date('2025-09-10T06:00:00Z');
const WEEK = '2025-09-08';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let guardian: { login: string; password: string };
let teacher: { login: string; password: string };
let student: { login: string; password: string };
// The same maths teacher's second account: the lock test locks out the first one.
let teacherAgain: { login: string; password: string };
let tuesdayLessonId: string;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  guardian = await createUser(db, { login: 'olga.ivanova', roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
  teacher = await createUser(db, { login: 'maria.teacher', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  const maths = await w.mathsLesson(WEEK, { topic: 'Натуральные числа' });
  const english = await w.englishLesson(WEEK);
  await insertMark(db, { schoolId: w.schoolId, lessonId: maths.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2, comment: 'Аккуратно' });
  await insertAttendance(db, { schoolId: w.schoolId, lessonId: english.id, studentId: w.ivanov.id, code: 'absent' });
  tuesdayLessonId = (await w.mathsLesson('2025-09-09', { topic: 'Сложение' })).id;
  // Another family's child: the guardian must never see her.
  const other = await w.mathsLesson('2025-09-11');
  await insertMark(db, { schoolId: w.schoolId, lessonId: other.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '2', comment: 'Секрет Смирновых' });

  // «Оценки»: Иванов's English of the first quarter (only he is in the subgroup) with its quarter
  // mark, and his sister's maths in 5Б.
  teacherAgain = await createUser(db, { login: 'maria.teacher2', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  student = await createUser(db, { login: 'ivan.ivanov', roles: [{ schoolId: w.schoolId, role: 'student', personId: w.ivanov.id }] });
  const [e1, e2] = [await w.englishLesson('2025-09-02'), await w.englishLesson('2025-09-03')];
  await insertMark(db, { schoolId: w.schoolId, lessonId: e1.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5', comment: 'Молодец' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: e1.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '3' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: e2.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 });
  const year = { schoolId: w.schoolId, academicYearId: w.year.id };
  await insertPeriodMark(db, { ...year, studentId: w.ivanov.id, groupId: w.subgroup.id, subjectId: w.englishSubject.id, periodId: w.q1.id, value: '4' });
  const sisterLesson = await insertLesson(db, { schoolId: w.schoolId, groupId: w.classB.groupId!, subjectId: w.maths.id, staffId: w.teacher.id, date: '2025-09-04' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: sisterLesson.id, studentId: w.sister.id, workTypeId: w.answer.id, value: '3', comment: 'Повторить таблицу умножения' });
});

/** Signs in through the form with the browser's clock on the test's day. */
async function signIn(page: Page, who: { login: string; password: string }) {
  await page.clock.setFixedTime(clock);
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(who.login);
  await page.getByLabel('Пароль', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: /Дневник/ }).waitFor();
}

const subjectCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the guardian\'s diary', () => {
  it('signs a guardian in through the form, shows the child\'s week and a new mark without reload', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await page.goto('/');
    await page.getByLabel('Логин', { exact: true }).fill(guardian.login);
    await page.getByLabel('Пароль', { exact: true }).fill(guardian.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    // Home sends a guardian to the first child's diary.
    await page.getByRole('heading', { name: /Дневник/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/diary/${w.schoolId}/${w.ivanov.id}`);

    await page.goto(`/diary/${w.schoolId}/${w.ivanov.id}?date=${WEEK}`);
    const monday = page.getByRole('region', { name: /8 сентября/ });
    const mathsLesson = monday.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Математика' }) });
    await expect.poll(() => mathsLesson.getByRole('list', { name: 'Оценки' }).textContent()).toContain('Оценка 4');
    expect(await mathsLesson.textContent()).toContain('Контрольная работа · вес 2');
    expect(await mathsLesson.textContent()).toContain('Комментарий учителя: Аккуратно');
    const englishLesson = monday.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Английский язык' }) });
    expect(await englishLesson.textContent()).toContain('Отсутствовал(а) — н');
    // The child switcher offers both of her children.
    const switcher = page.getByLabel('Ученик');
    expect(await switcher.locator('option').allTextContents()).toHaveLength(2);

    const cookie = await signInCookie(web.baseUrl, teacher.login, teacher.password);
    const saved = await fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}/lessons/${tuesdayLessonId}/marks`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-klassny-csrf': '1' },
      body: JSON.stringify({ studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5', weight: 3, comment: 'Отлично у доски' }),
    });
    expect(saved.status).toBe(201);

    const tuesday = page.getByRole('region', { name: /9 сентября/ });
    await tuesday.getByText('Оценка 5').waitFor({ timeout: 15_000 });
    expect(await tuesday.textContent()).toContain('Ответ на уроке · вес 3');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows «не найдено» and nothing of another family\'s child when the guardian edits the URL', async () => {
    const { context, page } = await openContext(browser, web.baseUrl);
    await page.goto('/login');
    await page.getByLabel('Логин', { exact: true }).fill(guardian.login);
    await page.getByLabel('Пароль', { exact: true }).fill(guardian.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: /Дневник/ }).waitFor();

    await page.goto(`/diary/${w.schoolId}/${w.smirnova.id}?date=${WEEK}`);
    await page.getByRole('alert').filter({ hasText: /не найдено/i }).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Смирнова');
    expect(body).not.toContain('Секрет Смирновых');
    expect(await page.getByRole('region', { name: /сентября/ }).count()).toBe(0);
    await context.close();
  });

  it('says the password is wrong in Russian, and locks the sign-in after too many tries', async () => {
    const { context, page } = await openContext(browser, web.baseUrl);
    await page.goto('/login');
    await page.getByLabel('Логин', { exact: true }).fill(teacher.login);
    const alerts: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('Пароль', { exact: true }).fill(`wrong-password-${attempt}`);
      const button = page.getByRole('button', { name: 'Войти' });
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), button.click()]);
      await expect.poll(() => button.getAttribute('data-loading')).toBeNull();
      alerts.push((await page.getByRole('alert').textContent()) ?? '');
    }
    expect(alerts[0]).toContain('Неверный логин или пароль');
    expect(alerts[5]).toContain('Слишком много неудачных попыток входа');
    expect(alerts[5]).toMatch(/Повторите через \d+ мин\./);
    await context.close();
  });
});

describe('marks by subject («Оценки»)', () => {
  it('shows the guardian each mark of the quarter, the mean, the explanation and the quarter mark, live, and follows the child switcher', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, guardian);
    await page.getByRole('navigation', { name: 'Разделы дневника' }).getByRole('link', { name: 'Оценки' }).click();
    await page.getByRole('heading', { name: 'Оценки по предметам: 1 четверть' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/diary/${w.schoolId}/${w.ivanov.id}/marks`);
    expect(await page.getByRole('link', { name: 'Оценки' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByLabel('Период').inputValue()).toBe(w.q1.id);

    const english = subjectCard(page, 'Английский язык');
    const rows = english.getByRole('table', { name: /Английский язык, 1 четверть/ }).getByRole('row');
    await expect.poll(() => rows.allTextContents()).toEqual([
      'ДатаОценкаВид работы',
      '2 сент.5Ответ на уроке · вес 1Комментарий учителя: Молодец',
      '2 сент.3Ответ на уроке · вес 1',
      '3 сент.4Контрольная работа · вес 2',
    ]);
    const facts = await english.locator('dl').textContent();
    // (5·1 + 3·1 + 4·2) / 4 = 4,00, the «4» threshold is 3,5.
    expect(facts).toContain('Средний балл4,00');
    expect(facts).toContain('Отметка за 1 четверть4');
    expect(await english.textContent()).toContain('Расчёт: 4,00 → 4: средневзвешенный балл по 3 оценкам, порог «4» — 3,5');
    // Maths has two marks of the minimum three (one came live in the week's test): a forecast, never «Н/А».
    const mathsFacts = subjectCard(page, 'Математика').locator('dl');
    expect(await mathsFacts.textContent()).toContain('Расчётная отметка2 оценки из 3');
    expect(await page.locator('main').textContent()).not.toContain('Н/А');
    const final = page.getByRole('table', { name: 'Итоговые отметки за 2025/2026 учебный год' });
    expect(await final.getByRole('row', { name: /Английский язык/ }).textContent()).toBe('Английский язык4————');

    // A new mark appears without reload (the page's own state survives).
    await page.evaluate(() => { (window as unknown as { unreloaded: boolean }).unreloaded = true; });
    const cookie = await signInCookie(web.baseUrl, teacherAgain.login, teacherAgain.password);
    const saved = await fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}/lessons/${tuesdayLessonId}/marks`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-klassny-csrf': '1' },
      body: JSON.stringify({ studentId: w.ivanov.id, workTypeId: w.test.id, value: '2', weight: 2, comment: 'Не решена задача' }),
    });
    expect(saved.status).toBe(201);
    const maths = subjectCard(page, 'Математика');
    await maths.getByText('Комментарий учителя: Не решена задача').waitFor({ timeout: 15_000 });
    // The third mark reaches the minimum: the forecast becomes a mark.
    await expect.poll(() => mathsFacts.textContent()).not.toContain('из 3');
    expect(await page.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

    // The switcher opens the sister's marks of the same quarter: hers only.
    await page.getByLabel('Ученик').selectOption({ label: 'Иванова И. И., 5Б' });
    await page.waitForURL((url) => url.pathname === `/diary/${w.schoolId}/${w.sister.id}/marks` && url.searchParams.get('period') === w.q1.id);
    await subjectCard(page, 'Математика').getByText('Комментарий учителя: Повторить таблицу умножения').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Дневник: Иванова/);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Молодец');
    expect(body).not.toContain('Английский язык');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows a student their own marks only, without a switcher, and «не найдено» for a classmate', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, student);
    expect(await page.getByLabel('Ученик').count()).toBe(0);
    await page.getByRole('link', { name: 'Оценки' }).click();
    await subjectCard(page, 'Английский язык').getByText('Комментарий учителя: Молодец').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Секрет Смирновых');

    // In English the explanation reads in English, with a decimal point.
    await page.evaluate(() => localStorage.setItem('klassny.language', 'en'));
    await page.reload();
    const english = subjectCard(page, 'Английский язык');
    await english.getByText('4.00 → 4: weighted mean of 3 marks, threshold for «4» is 3.5', { exact: false }).waitFor();
    await page.evaluate(() => localStorage.setItem('klassny.language', 'ru'));

    await page.goto(`/diary/${w.schoolId}/${w.smirnova.id}/marks?period=${w.q1.id}`);
    await page.getByRole('alert').filter({ hasText: /не найдено/i }).waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Секрет Смирновых');
    expect(body).not.toContain('Смирнова');
    expect(await page.getByRole('region', { name: 'Математика' }).count()).toBe(0);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone: the page itself never scrolls sideways', async () => {
    const { context, page } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page, guardian);
    await page.goto(`/diary/${w.schoolId}/${w.ivanov.id}/marks`);
    await subjectCard(page, 'Английский язык').getByRole('table').waitFor();
    await page.getByRole('table', { name: /Итоговые отметки/ }).waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto(`/diary/${w.schoolId}/${w.ivanov.id}?date=${WEEK}`);
    await page.getByRole('region', { name: /8 сентября/ }).waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});
