import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertAttendance, insertMark } from '../factories/diary.ts';
import { createStudent } from '../factories/people.ts';
import { admit } from '../factories/structure.ts';
import { launchBrowser, openContext } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// Printing: the journal pages for certification from the journal grid, the weekly sheet for chosen
// students, and a guardian's weekly sheet from the diary.

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
const users: Record<'teacher' | 'classTeacher' | 'guardian', { login: string; password: string }> = {} as never;
let petrovId: string;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  users.teacher = await createUser(db, { login: 'maria.print', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  users.classTeacher = await createUser(db, { login: 'anna.print', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.classTeacher.id }] });
  users.guardian = await createUser(db, { login: 'olga.print', roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
  const lesson = await w.mathsLesson('2025-09-15', { topic: 'Сложение дробей' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await insertAttendance(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.smirnova.id, code: 'ill' });
  // A third student, so that two chosen are not the whole class.
  const petrov = await createStudent(db, w.schoolId, { lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович' });
  petrovId = petrov.id;
  await admit(db, w.schoolId, petrov.id, w.classA.id, '2025-09-01');
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

/** A browser signed in as the user (the form itself is exercised elsewhere). */
async function signedIn(user: { login: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openContext(browser, web.baseUrl);
  const [name, value] = (await signInCookie(web.baseUrl, user.login, user.password)).split('=') as [string, string];
  await opened.context.addCookies([{ name, value, url: web.baseUrl }]);
  return opened;
}

/** What a link downloads, fetched with the page's session: status, type and the PDF's page texts. */
async function fetchPdf(context: BrowserContext, href: string) {
  const res = await context.request.get(new URL(href, web.baseUrl).toString());
  const body = await res.body();
  const pdf = await getDocument({ data: new Uint8Array(body), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    pages.push((await (await pdf.getPage(n)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return { status: res.status(), type: res.headers()['content-type'], pages };
}

describe('printing', () => {
  it('the teacher prints his journal\'s pages from the grid, for the shown quarter by default', async () => {
    const { context, page } = await signedIn(users.teacher);
    await page.goto(`/school/${w.schoolId}/journal/${w.classA.groupId}?subject=${w.maths.id}&period=${w.q1.id}`);
    await page.getByRole('grid', { name: 'Журнал: 5А, 1 четверть' }).waitFor();
    await page.getByRole('button', { name: 'Печать журнала' }).click();
    const dialog = page.getByRole('region', { name: 'Страницы журнала для заверения (PDF)' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('С', { exact: true }).inputValue()).toBe(w.q1.startsOn);
    expect(await dialog.getByLabel('По', { exact: true }).inputValue()).toBe(w.q1.endsOn);
    // A range over a year is refused on the spot.
    await dialog.getByLabel('По', { exact: true }).fill('2026-10-01');
    await dialog.getByText('Не больше года').waitFor();
    await dialog.getByLabel('По', { exact: true }).fill(w.q1.endsOn);
    const link = dialog.getByRole('link', { name: 'Скачать PDF' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`Журнал — 5А — Математика — ${w.q1.startsOn}—${w.q1.endsOn}.pdf`);
    expect(await download.failure()).toBeNull();
    const pdf = await fetchPdf(context, (await link.getAttribute('href'))!);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]).toMatch(/1\s+Иванов И\. И\.\s+5/);
    expect(pdf.pages[1]).toContain('Сложение дробей');
    expect(pdf.pages[1]).toContain('Страница 2 из 2');
    await context.close();
  });

  it('the class teacher prints the weekly sheet of two chosen students in one PDF', async () => {
    const { context, page } = await signedIn(users.classTeacher);
    await page.goto(`/school/${w.schoolId}/attendance-report`);
    await page.getByRole('heading', { name: 'Недельный лист для родителей (PDF)' }).waitFor();
    await page.getByLabel('Неделя (любой день)').fill('2025-09-17');
    await page.getByRole('link', { name: 'Скачать PDF: весь класс 5А' }).waitFor();
    await page.getByPlaceholder('Весь класс').click();
    await page.getByRole('option', { name: 'Смирнова Света Олеговна' }).click();
    await page.getByRole('option', { name: 'Петров Пётр Петрович' }).click();
    await page.keyboard.press('Escape');
    const link = page.getByRole('link', { name: 'Скачать PDF: 2 ученика' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Недельный лист — 5А — 2025-09-15.pdf');
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href, web.baseUrl).searchParams.get('studentIds')?.split(',').sort()).toEqual([w.smirnova.id, petrovId].sort());
    const pdf = await fetchPdf(context, href);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    // Two half pages on one sheet: the chosen two, not Иванов.
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toContain('Смирнова Света Олеговна');
    expect(pdf.pages[0]).toContain('Петров Пётр Петрович');
    expect(pdf.pages[0]).not.toContain('Иванов Иван');
    await context.close();
  });

  it('a guardian prints her child\'s weekly sheet from the diary', async () => {
    const { context, page } = await signedIn(users.guardian);
    await page.goto(`/diary/${w.schoolId}/${w.ivanov.id}?date=2025-09-15`);
    const link = page.getByRole('link', { name: 'Недельный лист для печати (PDF)' });
    await link.waitFor();
    const pdf = await fetchPdf(context, (await link.getAttribute('href'))!);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toContain('Иванов Иван Иванович');
    expect(pdf.pages[0]).toContain('5 (Ответ на уроке)');
    await context.close();
  });
});
