import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark, insertPeriodMark } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter (1 September – 24 October).
const clock = new Date('2025-10-27T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };


const cells = async (page: Page, table: string, row: string) =>
  (await page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) })
    .getByRole('cell').allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.summary', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  const lesson = await w.mathsLesson('2025-09-08');
  await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 });
  const mark = (studentId: string, groupId: string, periodId: string | null, value: string) => insertPeriodMark(db, {
    schoolId: w.schoolId, groupId, subjectId: w.maths.id, studentId, periodId, academicYearId: w.year.id, value,
  });
  await mark(w.ivanov.id, w.classA.groupId!, w.q1.id, '4');
  await mark(w.ivanov.id, w.classA.groupId!, null, '5');
  await mark(w.sister.id, w.classB.groupId!, w.q1.id, '3');
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('«Сводная ведомость» of the whole school', () => {
  it('the deputy reads every class\'s table, downloads the files and the year-end summary to sign', async () => {
    const office = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    await signIn(zavuch, deputy);
    await zavuch.goto(`/school/${w.schoolId}/summary`);
    await zavuch.getByRole('heading', { name: 'Сводная ведомость', level: 1 }).waitFor();
    await zavuch.getByLabel('Класс').selectOption({ label: 'Все классы' });
    await zavuch.getByLabel('Период').selectOption(w.q1.id);
    await zavuch.getByRole('heading', { name: '5Б', level: 2 }).waitFor();
    await zavuch.getByRole('table', { name: 'Сводная ведомость: 5А, 1 четверть' }).waitFor();
    // Математика: (5 + 2·4) / 3 = 4,33, period mark 4.
    expect(await cells(zavuch, 'Сводная ведомость: 5А, 1 четверть', 'Иванов Иван Иванович')).toEqual(['4,33', '4']);
    expect(await cells(zavuch, 'Сводная ведомость: 5Б, 1 четверть', 'Иванова Ирина Ивановна')).toEqual(['—', '3']);
    expect(new URL(zavuch.url()).searchParams.get('class')).toBe('all');

    const answers = async (name: string) => {
      const href = await zavuch.getByRole('link', { name }).getAttribute('href');
      const res = await zavuch.request.get(href!);
      return { status: res.status(), type: res.headers()['content-type'], disposition: decodeURIComponent(res.headers()['content-disposition']!.split("UTF-8''")[1]!) };
    };
    expect(await answers('Скачать XLSX')).toMatchObject({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: 'Сводная ведомость по классам — 1 четверть — 2025-10-27.xlsx' });
    expect(await answers('Скачать PDF')).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(await zavuch.getByRole('link', { name: 'Итоговая ведомость для подписи (PDF)' }).count()).toBe(0);

    await zavuch.getByLabel('Период').selectOption('year');
    await zavuch.getByRole('table', { name: /5А, Год/ }).waitFor();
    expect((await cells(zavuch, 'Сводная ведомость: 5А, Год (отметки за периоды и годовые)', 'Иванов Иван Иванович')).slice(-5)).toEqual(['4', '—', '—', '—', '5']);
    expect(await answers('Итоговая ведомость для подписи (PDF)')).toMatchObject({ status: 200, type: 'application/pdf', disposition: 'Итоговая ведомость — все классы — 2025 2026.pdf' });

    // One class again: its own files.
    await zavuch.getByLabel('Класс').selectOption({ label: '5А' });
    // 5А's table was on the page already (all classes): wait for 5Б's to go.
    await zavuch.getByRole('heading', { name: '5Б', level: 2 }).waitFor({ state: 'detached' });
    await zavuch.getByRole('table', { name: /5А, Год/ }).waitFor();
    expect(await answers('Итоговая ведомость для подписи (PDF)')).toMatchObject({ status: 200, disposition: 'Итоговая ведомость — 5А — 2025 2026.pdf' });
    expect(await answers('Скачать XLSX')).toMatchObject({ status: 200, disposition: 'Сводная ведомость — 5А — 2025 2026 — 2025-10-27.xlsx' });
  });
});
