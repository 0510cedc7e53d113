import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { TEST_SECRET_KEY, totpCode } from '../factories/totp.ts';
import { type DiaryWorld, diaryWorld, insertMark } from '../factories/diary.ts';
import { launchBrowser, openContext } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// The journal is writable on this day (1st quarter open); the diary shows the week of Monday 8 September 2025.
// The day of the last lesson the tests type into (11.09): a mark waits for its lesson to begin.
const clock = new Date('2025-09-11T06:00:00Z');
const WEEK = '2025-09-08';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let guardian: { login: string; password: string };
let teacher: Awaited<ReturnType<typeof createUser>>;
let teacherCookie: string;
let deputy: { login: string; password: string };
let staleMarkId: string;
let offlineLessonId: string;

const api = (method: string, path: string, body?: unknown) => fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}${path}`, {
  method,
  headers: { cookie: teacherCookie, 'x-klassny-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock, secretKey: TEST_SECRET_KEY }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  guardian = await createUser(db, { login: 'olga.ivanova', roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
  teacher = await createUser(db, { login: 'maria.teacher', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  await w.mathsLesson('2025-09-08', { topic: 'Натуральные числа' });
  await w.mathsLesson('2025-09-09', { topic: 'Сложение' });
  const wednesday = await w.mathsLesson('2025-09-10', { topic: 'Вычитание' });
  offlineLessonId = (await w.mathsLesson('2025-09-11', { topic: 'Умножение' })).id;
  staleMarkId = (await insertMark(db, { schoolId: w.schoolId, lessonId: wednesday.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '4' })).id;
  deputy = await createUser(db, { login: 'vera.deputy', roles: [{ schoolId: w.schoolId, role: 'deputy', personId: w.classTeacher.id }] });
  teacherCookie = await signInCookie(web.baseUrl, teacher.login, teacher.password);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

const gridUrl = () => `/school/${w.schoolId}/journal/${w.classA.groupId}?subject=${w.maths.id}&period=${w.q1.id}`;

/** A browser already signed in (the form itself is exercised by the first journey), on the grid. */
async function teacherPage(cookie = teacherCookie): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const opened = await openContext(browser, web.baseUrl);
  const [name, value] = cookie.split('=') as [string, string];
  await opened.context.addCookies([{ name, value, url: web.baseUrl }]);
  await opened.page.goto(gridUrl());
  await opened.page.getByRole('grid', { name: 'Журнал: 5А, 1 четверть' }).waitFor();
  return opened;
}

const cell = (page: Page, name: string) => page.getByRole('gridcell', { name, exact: true });

async function typeInto(page: Page, name: string, text: string) {
  await cell(page, name).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the journal grid', () => {
  it('lets a teacher mark an absence and a weighted 5 that the guardian sees at once, without reload', async () => {
    // The guardian's diary is open in another browser.
    const family = await openContext(browser, web.baseUrl);
    await family.page.goto('/login');
    await family.page.getByLabel('Логин', { exact: true }).fill(guardian.login);
    await family.page.getByLabel('Пароль', { exact: true }).fill(guardian.password);
    await family.page.getByRole('button', { name: 'Войти' }).click();
    await family.page.getByRole('heading', { name: /Дневник/ }).waitFor();
    await family.page.goto(`/diary/${w.schoolId}/${w.ivanov.id}?date=${WEEK}`);
    await family.page.getByRole('region', { name: /8 сентября/ }).waitFor();

    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await page.goto('/login');
    await page.getByLabel('Логин', { exact: true }).fill(teacher.login);
    await page.getByLabel('Пароль', { exact: true }).fill(teacher.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('navigation', { name: /Разделы|школ/i }).getByRole('link', { name: 'Журнал' }).click();
    await page.getByRole('heading', { name: 'Журналы' }).waitFor();
    await page.getByLabel('Период').selectOption(w.q1.id);
    await page.getByRole('table', { name: 'Мои журналы' }).getByRole('link', { name: '5А — Математика' }).click();
    const grid = page.getByRole('grid', { name: 'Журнал: 5А, 1 четверть' });
    await grid.waitFor();
    // Under each date, «все» (all present) while its attendance is not taken (seed 003, 2.5).
    expect(await grid.getByRole('columnheader').allTextContents()).toEqual(['Ученик', '08.09все', '09.09все', '10.09все', '11.09все', 'Средний балл']);

    await typeInto(page, 'Иванов И. И., 08.09', 'н');
    await page.getByLabel('Вид работы').selectOption({ label: 'Контрольная работа' });
    expect(await page.getByLabel('Вес').inputValue()).toBe('2');
    await page.getByLabel('Вес').fill('3');
    await page.getByLabel('Комментарий').fill('Молодец');
    await typeInto(page, 'Иванов И. И., 09.09', '5');

    const absence = cell(page, 'Иванов И. И., 08.09');
    const five = cell(page, 'Иванов И. И., 09.09');
    await expect.poll(() => absence.textContent()).toBe('н');
    await expect.poll(async () => [await five.getAttribute('data-state'), await five.getAttribute('title')])
      .toEqual(['saved', '5 — Контрольная работа, вес 3: Молодец']);
    await expect.poll(() => absence.getAttribute('data-state')).toBe('saved');
    // Both writes reached the server.
    const page1 = await (await api('GET', `/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`)).json() as {
      marks: { studentId: string; value: string; weight: number }[]; attendance: { studentId: string; code: string }[];
    };
    expect(page1.marks.filter((m) => m.studentId === w.ivanov.id).map((m) => [m.value, m.weight])).toEqual([['5', 3]]);
    expect(page1.attendance.filter((a) => a.studentId === w.ivanov.id).map((a) => a.code)).toEqual(['absent']);
    // The weighted mean follows (one 5 of weight 3).
    expect(await page.getByRole('row', { name: /Иванов И\. И\./ }).getByRole('gridcell').last().textContent()).toBe('5,00');

    // The guardian sees both without reloading.
    const monday = family.page.getByRole('region', { name: /8 сентября/ });
    const tuesday = family.page.getByRole('region', { name: /9 сентября/ });
    await monday.getByText('Отсутствовал(а) — н').waitFor({ timeout: 15_000 });
    await tuesday.getByText('Оценка 5').waitFor({ timeout: 15_000 });
    expect(await tuesday.textContent()).toContain('Контрольная работа · вес 3');
    expect(await family.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(violations).toEqual([]);
    expect(family.violations).toEqual([]);
    await context.close();
    await family.context.close();
  });

  it('opens the conflict dialog on a stale write and keeps the teacher\'s value when asked', async () => {
    const { context, page, violations } = await teacherPage();
    // Another tab corrects the mark after the grid was loaded.
    const changed = await api('PATCH', `/marks/${staleMarkId}`, { version: 1, value: '3' });
    expect(changed.status).toBe(200);

    await page.getByLabel('Вид работы').selectOption({ label: 'Ответ на уроке' });
    await typeInto(page, 'Смирнова С. О., 10.09', '5');
    const dialog = page.getByRole('dialog', { name: 'Конфликт изменений' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain('5 (Ответ на уроке, вес 1)');
    expect(text).toContain('3 (Ответ на уроке, вес 1)');
    expect(await cell(page, 'Смирнова С. О., 10.09').getAttribute('data-state')).toBe('conflict');

    await dialog.getByRole('button', { name: 'Оставить мою' }).click();
    await expect.poll(() => cell(page, 'Смирнова С. О., 10.09').getAttribute('data-state')).toBe('saved');
    const history = await (await api('GET', `/marks/${staleMarkId}/versions`)).json() as { mark: { value: string; version: number } };
    expect(history.mark).toMatchObject({ value: '5', version: 3 });
    expect(await cell(page, 'Смирнова С. О., 10.09').textContent()).toBe('5');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('queues an edit while the network is down and sends it when it returns', async () => {
    const { context, page } = await teacherPage();
    await context.setOffline(true);
    await typeInto(page, 'Смирнова С. О., 11.09', 'б');
    const waiting = page.getByRole('status').filter({ hasText: /Нет связи: 1 изменение ждёт отправки/ });
    await waiting.waitFor();
    expect(await cell(page, 'Смирнова С. О., 11.09').getAttribute('data-state')).toBe('pending');
    // The queue is kept in the browser for this school and group.
    const stored = await page.evaluate((key) => localStorage.getItem(key), `klassny.journal.queue.${teacher.user.id}.${w.schoolId}.${w.classA.groupId}`);
    expect(JSON.parse(stored ?? '[]')).toMatchObject([{ kind: 'attendance.put', lessonId: offlineLessonId, studentId: w.smirnova.id, code: 'ill' }]);

    await context.setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => cell(page, 'Смирнова С. О., 11.09').getAttribute('data-state')).toBe('saved');
    const rows = await (await api('GET', `/lessons/${offlineLessonId}/attendance`)).json() as { items: { studentId: string; code: string }[] };
    expect(rows.items.map((a) => [a.studentId, a.code])).toEqual([[w.smirnova.id, 'ill']]);
    expect(await page.evaluate((key) => localStorage.getItem(key), `klassny.journal.queue.${teacher.user.id}.${w.schoolId}.${w.classA.groupId}`)).toBeNull();
    await context.close();
  });

  it('shows a deputy another teacher\'s journal read-only: a notice, and typing changes nothing', async () => {
    const { context, page, violations } = await teacherPage(await signInCookie(web.baseUrl, deputy.login, deputy.password));
    await page.getByRole('status').filter({ hasText: 'Только чтение: вы не ведёте этот предмет в этой группе.' }).waitFor();
    expect(await page.getByLabel('Вид работы').count()).toBe(0);
    const target = cell(page, 'Иванов И. И., 10.09');
    expect(await target.getAttribute('aria-readonly')).toBe('true');
    await target.click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    // Arrows still move through the grid.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Смирнова С. О., 10.09');
    expect(await target.textContent()).toBe('');
    expect(await page.locator('[data-state="pending"], [data-state="error"]').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps a mark typed after the session was ended on another device, asks to sign in over the grid, then saves it there', async () => {
    const { context, page, violations } = await teacherPage(await signInCookie(web.baseUrl, teacher.login, teacher.password));
    const header = page.getByRole('banner');
    await header.getByText(`Пользователь ${teacher.login}`).waitFor();
    const gridPath = new URL(page.url()).pathname + new URL(page.url()).search;

    // Another device ends every other session of the teacher (the account page's «Завершить»).
    const elsewhere = await signInCookie(web.baseUrl, teacher.login, teacher.password);
    const mine = (path: string, method = 'GET') => fetch(`${web.baseUrl}/api/v1${path}`, { method, headers: { cookie: elsewhere, 'x-klassny-csrf': '1' } });
    const sessions = await (await mine('/me/sessions')).json() as { items: { id: string; current: boolean }[] };
    for (const session of sessions.items.filter((s) => !s.current)) expect((await mine(`/me/sessions/${session.id}`, 'DELETE')).status).toBe(200);

    await page.getByLabel('Вид работы').selectOption({ label: 'Ответ на уроке' });
    await typeInto(page, 'Иванов И. И., 10.09', '4');
    const dialog = page.getByRole('dialog', { name: 'Сеанс завершён' });
    await dialog.waitFor();
    // Nothing is dropped: the mark waits in its cell and in the stored queue; the header names nobody.
    const target = cell(page, 'Иванов И. И., 10.09');
    expect([await target.textContent(), await target.getAttribute('data-state')]).toEqual(['4', 'pending']);
    await page.getByRole('status').filter({ hasText: 'Сеанс завершён: 1 изменение ждёт отправки после входа' }).waitFor();
    const stored = await page.evaluate((key) => localStorage.getItem(key), `klassny.journal.queue.${teacher.user.id}.${w.schoolId}.${w.classA.groupId}`);
    expect(JSON.parse(stored ?? '[]')).toMatchObject([{ kind: 'mark.create', studentId: w.ivanov.id, value: '4' }]);
    expect(await header.getByText(`Пользователь ${teacher.login}`).count()).toBe(0);
    expect(await header.getByText('Вы не вошли').count()).toBe(1);

    // Signing in again in the dialog, as the same person: the mark goes out, the page is the same.
    expect(await dialog.getByLabel('Логин', { exact: true }).inputValue()).toBe(teacher.login);
    await dialog.getByLabel('Пароль', { exact: true }).fill(teacher.password);
    await dialog.getByRole('button', { name: 'Войти', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => target.getAttribute('data-state')).toBe('saved');
    await header.getByText(`Пользователь ${teacher.login}`).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(gridPath);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    const saved = await (await mine(`/schools/${w.schoolId}/journal?groupId=${w.classA.groupId}&subjectId=${w.maths.id}&periodId=${w.q1.id}`)).json() as {
      marks: { studentId: string; value: string; lessonId: string }[];
    };
    expect(saved.marks.filter((m) => m.studentId === w.ivanov.id).map((m) => m.value)).toContain('4');
    expect(await page.evaluate((key) => localStorage.getItem(key), `klassny.journal.queue.${teacher.user.id}.${w.schoolId}.${w.classA.groupId}`)).toBeNull();
    expect(violations).toEqual([]);
    await context.close();
  });

  it('asks for the code from the app too when the account signs in with a second factor, and then sends the mark', async () => {
    const account = await createUser(web.database.db, { login: 'maria.totp', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
    const cookie = await signInCookie(web.baseUrl, account.login, account.password);
    const { context, page, violations } = await teacherPage(cookie);
    const call = (path: string, method: string, body?: unknown) => fetch(`${web.baseUrl}/api/v1${path}`, {
      method, headers: { cookie, 'x-klassny-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // The app is connected (a code of the previous 30 s step), then the session ends (logged out elsewhere with the same cookie).
    const { secret } = await (await call('/me/totp', 'POST')).json() as { secret: string };
    expect((await call('/me/totp/confirm', 'POST', { code: totpCode(secret, new Date(clock.getTime() - 30_000)) })).status).toBe(200);
    expect((await call('/auth/logout', 'POST')).status).toBe(200);

    await page.getByLabel('Вид работы').selectOption({ label: 'Ответ на уроке' });
    await typeInto(page, 'Смирнова С. О., 09.09', '3');
    const dialog = page.getByRole('dialog', { name: 'Сеанс завершён' });
    await dialog.getByLabel('Пароль', { exact: true }).fill(account.password);
    await dialog.getByRole('button', { name: 'Войти', exact: true }).click();
    await dialog.getByText('Код подтверждения').waitFor();
    expect(await cell(page, 'Смирнова С. О., 09.09').getAttribute('data-state')).toBe('pending');
    await dialog.getByLabel('Код', { exact: true }).fill(totpCode(secret, clock));
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cell(page, 'Смирнова С. О., 09.09').getAttribute('data-state')).toBe('saved');
    expect(violations).toEqual([]);
    await context.close();
  });
});
