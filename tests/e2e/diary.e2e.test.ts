import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark } from '../factories/diary.ts';
import { launchBrowser, openContext } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// The journal is writable on this day; the diary shows the week of Monday 8 September 2025.
const clock = new Date('2025-09-10T06:00:00Z');
const WEEK = '2025-09-08';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let guardian: { login: string; password: string };
let teacher: { login: string; password: string };
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
});

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
    await context.close();
  });
});
