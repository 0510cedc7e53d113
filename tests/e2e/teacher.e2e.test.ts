import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDiskStorage } from '../../src/server/storage/fileStorage.ts';
import type { DiaryWeek } from '../../src/shared/contract/diary.ts';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark } from '../factories/diary.ts';
import { periodMarkRows } from '../factories/grading.ts';
import { pngBytes } from '../factories/homework.ts';
import { launchBrowser, openContext, PHONE } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// Wednesday 10 September 2025, 13:00 in Barnaul: the first quarter is open.
const clock = new Date('2025-09-10T06:00:00Z');
const DAY = '2025-09-10';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let filesDir: string;
let teacher: { login: string; password: string };
let ivanovLogin: { login: string; password: string };
let smirnovaLogin: { login: string; password: string };
let todayMathsId: string;
let fridayId: string;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'klassny-teacher-e2e-'));
  [web, browser] = await Promise.all([startWebApp({ now: () => clock, storage: localDiskStorage(filesDir) }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  teacher = await createUser(db, { login: 'maria.teacher', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  ivanovLogin = await createUser(db, { login: 'ivan.ivanov', roles: [{ schoolId: w.schoolId, role: 'student', personId: w.ivanov.id }] });
  smirnovaLogin = await createUser(db, { login: 'sveta.smirnova', roles: [{ schoolId: w.schoolId, role: 'student', personId: w.smirnova.id }] });
  // Marks of the quarter: Иванов 5, 4, 5 → 4,66 → «5»; Смирнова one mark → «Н/А».
  for (const [date, value] of [['2025-09-01', '5'], ['2025-09-03', '4'], ['2025-09-05', '5']] as const) {
    const lesson = await w.mathsLesson(date);
    await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value });
    if (value === '4') await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.smirnova.id, workTypeId: w.answer.id, value: '3' });
  }
  // Today: his maths lesson (no topic yet), and the English lesson of the subgroup he substitutes.
  todayMathsId = (await w.mathsLesson(DAY, { lessonNumber: 1, topic: '' })).id;
  await w.englishLesson(DAY, { lessonNumber: 3, substituteStaffId: w.teacher.id });
  fridayId = (await w.mathsLesson('2025-09-12', { lessonNumber: 2 })).id;
  const cookie = await signInCookie(web.baseUrl, teacher.login, teacher.password);
  const plan = await fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}/planned-topics`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ groupId: w.classA.groupId, subjectId: w.maths.id, topics: [{ title: 'Натуральные числа', hours: 4 }, { title: 'Дроби' }] }),
  });
  expect(plan.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.clock.setFixedTime(clock);
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(teacher.login);
  await page.getByLabel('Пароль', { exact: true }).fill(teacher.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
}

async function lessonRow(id: string) {
  const cookie = await signInCookie(web.baseUrl, teacher.login, teacher.password);
  const res = await fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}/lessons/${id}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ topic: string; workTypeIds: string[]; version: number }>;
}

async function diaryOf(login: { login: string; password: string }, studentId: string): Promise<DiaryWeek> {
  const cookie = await signInCookie(web.baseUrl, login.login, login.password);
  const res = await fetch(`${web.baseUrl}/api/v1/schools/${w.schoolId}/students/${studentId}/diary/week?date=2025-09-08`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.json() as Promise<DiaryWeek>;
}

describe('the teacher\'s day', () => {
  it('shows a substitution among today\'s lessons, edits the lesson and its homework with a file, and sets period marks', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page);
    await page.goto(`/school/${w.schoolId}/today`);
    const lessons = page.getByRole('list', { name: 'Уроки дня' });
    const substitution = lessons.getByRole('article', { name: /3 урок.*5А англ\. 1/ });
    await substitution.waitFor();
    expect(await substitution.textContent()).toContain('Замена: вместо Инглишева Е. П.');
    const maths = lessons.getByRole('article', { name: /1 урок · 08:30–09:15 · 5А · Математика/ });
    expect(await maths.textContent()).toContain('Тема не указана');
    expect(await maths.textContent()).toContain('ДЗ не задано');

    await maths.getByRole('link', { name: /^Урок/ }).click();
    await page.getByRole('heading', { name: 'Математика, 5А' }).waitFor();
    // The КТП's first topic is offered; taking it fills the topic.
    await page.getByRole('button', { name: 'Взять тему из КТП: 1. Натуральные числа' }).click();
    expect(await page.getByLabel('Тема урока').inputValue()).toBe('Натуральные числа');
    await page.getByLabel('Ответ на уроке').check();
    // No homework yet: its form is open; a file is attached before anything is saved.
    await page.getByLabel('Страницы').fill('с. 45–47');
    await page.getByLabel('Прикрепить файл').setInputFiles({ name: 'schema.png', mimeType: 'image/png', buffer: pngBytes() });
    await page.getByText(/^schema\.png, \d+ Б — прикрепится при сохранении$/).waitFor();
    // An empty homework text is refused with the message on its field, and nothing is written.
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText('Не может быть пустым').waitFor();
    expect((await lessonRow(todayMathsId)).topic).toBe('');
    await page.getByLabel('Текст задания').fill('Решить задачи на сложение');
    await page.getByLabel('Номера заданий').fill('№ 12, 14а');
    await page.getByLabel('Время на выполнение, мин').fill('25');
    expect(await page.getByLabel('К уроку').locator('option:checked').textContent()).toBe('12 сентября, 2 урок');
    // One «Сохранить»: the topic, the work type, the homework and its file.
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено' }).waitFor();
    const groupHomework = page.getByRole('article', { name: 'Решить задачи на сложение' });
    await groupHomework.waitFor();
    expect(await groupHomework.textContent()).toContain('Страницы: с. 45–47');
    await groupHomework.getByRole('link', { name: /^schema\.png, \d+ Б$/ }).waitFor();
    expect(await lessonRow(todayMathsId)).toMatchObject({ topic: 'Натуральные числа', workTypeIds: [w.answer.id] });

    await page.getByRole('button', { name: 'Новое задание' }).click();
    await page.getByLabel('Текст задания').fill('Повторить таблицу умножения');
    await page.getByLabel('Индивидуально').check();
    await page.getByLabel('Смирнова Света Олеговна').check();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const individual = page.getByRole('article', { name: 'Повторить таблицу умножения' });
    await individual.waitFor();
    expect(await individual.textContent()).toContain('Индивидуально: Смирнова С. О.');

    // The diaries: the group's homework with its pages and file for both, the individual one only for Смирнова.
    const dueOf = (week: DiaryWeek) => week.days.flatMap((d) => d.lessons).flatMap((l) => l.homeworkDue);
    const ivanov = dueOf(await diaryOf(ivanovLogin, w.ivanov.id));
    expect(ivanov.map((h) => h.text)).toEqual(['Решить задачи на сложение']);
    expect(ivanov[0]).toMatchObject({ pages: 'с. 45–47', tasks: '№ 12, 14а', expectedMinutes: 25, attachments: [{ fileName: 'schema.png' }] });
    expect(dueOf(await diaryOf(smirnovaLogin, w.smirnova.id)).map((h) => h.text).sort()).toEqual(['Повторить таблицу умножения', 'Решить задачи на сложение']);

    // Period marks: the suggestion with its explanation; «Принять предложенные» previews, confirms and undoes.
    await page.getByRole('link', { name: 'Итоговые отметки' }).click();
    const table = page.getByRole('table', { name: /Итоговые отметки за 1 четверть: Математика, 5А/ });
    await table.waitFor();
    expect(await page.getByText('Срок выставления: до 22 октября включительно').count()).toBe(1);
    const ivanovRow = table.getByRole('row', { name: /Иванов И\. И\./ });
    expect(await ivanovRow.textContent()).toContain('4,66 → 5: средневзвешенный балл по 3 оценкам, порог «5» — 4,5');
    expect(await table.getByRole('row', { name: /Смирнова С\. О\./ }).textContent()).toContain('1 оценка из 3');
    const marksNow = async () => (await periodMarkRows(web.database.db, w.schoolId)).map((m) => [m.studentId, m.value, m.suggested, m.version]).sort();

    await page.getByRole('button', { name: 'Принять предложенные…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Принять предложенные отметки' });
    await dialog.waitFor();
    // Before the deadline Н/А is left out and said so; the list is what will be set.
    expect(await dialog.getByRole('status').textContent()).toBe('Будет выставлено отметок: 1. Проверьте список и подтвердите.');
    expect(await dialog.getByRole('note').textContent()).toContain('учеников с предложенной Н/А — 1');
    const previewRows = dialog.getByRole('table', { name: 'Отметки, которые будут выставлены' }).getByRole('row');
    expect(await previewRows.allTextContents()).toEqual([
      'УченикСейчасБудетРасчёт', 'Иванов И. И.—54,66 → 5: средневзвешенный балл по 3 оценкам, порог «5» — 4,5',
    ]);
    expect(await marksNow()).toEqual([]);
    await dialog.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByRole('status').filter({ hasText: 'Выставлено отметок: 1' }).waitFor();
    await expect.poll(marksNow).toEqual([[w.ivanov.id, '5', '5', 1]]);
    await expect.poll(() => ivanovRow.getByLabel('Итоговая отметка: Иванов И. И.').inputValue()).toBe('5');

    // «Отменить» puts back what was there: no mark.
    await page.getByRole('button', { name: 'Отменить принятие (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Принятие отменено, отметок: 1' }).waitFor();
    await expect.poll(marksNow).toEqual([]);
    await expect.poll(() => page.getByRole('button', { name: 'Отменить принятие (1)' }).count()).toBe(0);

    // A mark set by hand stays the teacher's: nothing left to accept.
    await ivanovRow.getByLabel('Итоговая отметка: Иванов И. И.').selectOption('4');
    await ivanovRow.getByText('Сохранено').waitFor();
    await expect.poll(marksNow).toEqual([[w.ivanov.id, '4', '5', 1]]);
    await page.getByRole('button', { name: 'Принять предложенные…' }).click();
    await dialog.getByText('Нет предложенных отметок, которые можно принять', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Подтвердить' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    expect(violations).toEqual([]);
    await context.close();
  });

  it('asks before leaving the lesson page with unsaved changes: a link in the app, a reload, closing the tab', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page);
    const lessonUrl = `/school/${w.schoolId}/lessons/${fridayId}`;
    await page.goto(lessonUrl);
    await page.getByRole('heading', { name: 'Математика, 5А' }).waitFor();
    // Nothing typed: leaving asks nothing.
    await page.getByRole('link', { name: 'Журнал группы' }).click();
    await page.getByRole('grid').waitFor();
    await page.goBack();
    await page.getByLabel('Тема урока').fill('Сложение дробей');

    // A link inside the app: the page's own question; «Остаться» keeps what is typed.
    await page.getByRole('link', { name: 'Журнал группы' }).click();
    const ask = page.getByRole('dialog', { name: 'Изменения не сохранены' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Остаться' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(lessonUrl);
    expect(await page.getByLabel('Тема урока').inputValue()).toBe('Сложение дробей');

    // A reload and closing the tab: the browser's own question (beforeunload); dismissed, the page stays.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.evaluate(() => { location.reload(); });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(await page.getByLabel('Тема урока').inputValue()).toBe('Сложение дробей');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload', 'beforeunload']);
    expect(page.isClosed()).toBe(false);
    expect(await page.getByLabel('Тема урока').inputValue()).toBe('Сложение дробей');

    // «Уйти без сохранения» goes; nothing was written.
    await page.getByRole('link', { name: 'Журнал группы' }).click();
    await ask.getByRole('button', { name: 'Уйти без сохранения' }).click();
    await page.getByRole('grid').waitFor();
    expect((await lessonRow(fridayId)).topic).not.toBe('Сложение дробей');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps the unsaved lesson form through a sign-in asked for in place when the session ended on another device', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page);
    const lessonUrl = `/school/${w.schoolId}/lessons/${fridayId}`;
    await page.goto(lessonUrl);
    await page.getByRole('heading', { name: 'Математика, 5А' }).waitFor();
    await page.getByLabel('Тема урока').fill('Сравнение дробей');
    await page.getByLabel('Текст задания').fill('Сравнить дроби № 30');
    await page.getByLabel('Прикрепить файл').setInputFiles({ name: 'drobi.png', mimeType: 'image/png', buffer: pngBytes() });

    // Another device ends every other session of the teacher.
    const elsewhere = await signInCookie(web.baseUrl, teacher.login, teacher.password);
    const mine = (path: string, method = 'GET') => fetch(`${web.baseUrl}/api/v1${path}`, { method, headers: { cookie: elsewhere, 'x-klassny-csrf': '1' } });
    const sessions = await (await mine('/me/sessions')).json() as { items: { id: string; current: boolean }[] };
    for (const session of sessions.items.filter((s) => !s.current)) expect((await mine(`/me/sessions/${session.id}`, 'DELETE')).status).toBe(200);

    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Сеанс завершён' });
    await dialog.waitFor();
    expect(await page.getByRole('banner').getByText('Вы не вошли').count()).toBe(1);
    await dialog.getByLabel('Пароль', { exact: true }).fill(teacher.password);
    await dialog.getByRole('button', { name: 'Войти', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // Everything typed is still there, the file too; saving now writes it.
    expect(new URL(page.url()).pathname).toBe(lessonUrl);
    expect(await page.getByLabel('Тема урока').inputValue()).toBe('Сравнение дробей');
    expect(await page.getByLabel('Текст задания').inputValue()).toBe('Сравнить дроби № 30');
    await page.getByText(/^drobi\.png, \d+ Б — прикрепится при сохранении$/).waitFor();
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Сохранено' }).waitFor();
    await page.getByRole('article', { name: 'Сравнить дроби № 30' }).getByRole('link', { name: /^drobi\.png/ }).waitFor();
    expect((await lessonRow(fridayId)).topic).toBe('Сравнение дробей');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone: today\'s lessons, the lesson editor and the period marks scroll no wider than the screen', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page);
    await page.goto(`/school/${w.schoolId}/today?date=${DAY}`);
    await page.getByRole('list', { name: 'Уроки дня' }).getByRole('article').first().waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    // The day switcher: Thursday has no lessons of his, Friday his next maths lesson.
    await page.getByRole('button', { name: 'Следующий день' }).click();
    await page.getByRole('status').filter({ hasText: 'В этот день уроков нет.' }).waitFor();
    await page.getByLabel('Дата').fill('2025-09-12');
    await page.getByRole('article', { name: /2 урок · 09:25–10:10 · 5А · Математика/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('date')).toBe('2025-09-12');
    await page.goto(`/school/${w.schoolId}/lessons/${todayMathsId}`);
    await page.getByRole('heading', { name: 'Домашнее задание' }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`/school/${w.schoolId}/period-marks/${w.classA.groupId}?subject=${w.maths.id}&period=${w.q1.id}`);
    await page.getByRole('table').waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    expect(violations).toEqual([]);
    await context.close();
  });
});
