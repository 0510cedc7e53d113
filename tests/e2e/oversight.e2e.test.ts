import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities, schools } from '../../src/server/db/schema/organisation.ts';
import { grantMunicipalRole } from '../../src/server/modules/accounts/municipalRoles.ts';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark, insertPeriodMark } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter.
const clock = new Date('2025-10-27T03:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };
let operator: { login: string; password: string };
let schoolName: string;
let municipalityName: string;


const cells = async (page: Page, table: RegExp, row: string) =>
  (await page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) })
    .getByRole('cell').allTextContents()).map((text) => text.replace(/\u00a0/g, ' '));

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.figures', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  // October: two maths lessons, one with a topic and a mark; the substitute takes a third.
  const first = await w.mathsLesson('2025-10-20', { topic: 'Дроби' });
  await insertMark(db, { schoolId: w.schoolId, lessonId: first.id, studentId: w.ivanov.id, workTypeId: w.answer.id, value: '5' });
  await w.mathsLesson('2025-10-21', { topic: '' });
  await w.mathsLesson('2025-10-22', { topic: 'Дроби', substituteStaffId: w.substitute.id });
  await insertPeriodMark(db, { schoolId: w.schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.ivanov.id, periodId: w.q1.id, academicYearId: w.year.id, value: '5' });
  await insertPeriodMark(db, { schoolId: w.schoolId, groupId: w.classA.groupId!, subjectId: w.maths.id, studentId: w.smirnova.id, periodId: w.q1.id, academicYearId: w.year.id, value: '4' });
  const [school] = await db.select().from(schools).where(eq(schools.id, w.schoolId));
  schoolName = school!.name;
  municipalityName = (await db.select().from(municipalities).where(eq(municipalities.id, school!.municipalityId)))[0]!.name;
  const mo = await createUser(db, { login: 'mo.summary' });
  await grantMunicipalRole(db, mo.user.id, school!.municipalityId);
  operator = mo;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('«Табель» and «Показатели ведения журнала»', () => {
  it('the deputy reads the month\'s табель and the control figures with their counts, and downloads them', async () => {
    const { page } = await openContext(browser, web.baseUrl);
    await signIn(page, deputy);
    await page.goto(`/school/${w.schoolId}`);
    await page.getByRole('link', { name: 'Отчёты', exact: true }).first().click();
    await page.getByRole('link', { name: 'Табель' }).first().click();
    await page.getByRole('heading', { name: 'Табель' }).waitFor();
    await page.getByLabel('Месяц').fill('2025-10');
    await page.getByRole('table', { name: /01\.10\.2025 — 27\.10\.2025/ }).waitFor();
    // Given as timetabled, as substitute, taken by another, cancelled, in total.
    expect(await cells(page, /Табель/, 'Математикова Мария Ивановна')).toEqual(['2', '0', '1', '0', '2']);
    expect(await cells(page, /Табель/, 'Итого')).toEqual(['2', '1', '1', '0', '3']);

    await page.getByRole('link', { name: '← Все отчёты' }).click();
    await page.getByRole('link', { name: 'Показатели ведения журнала' }).first().click();
    await page.getByRole('heading', { name: 'Показатели ведения журнала' }).waitFor();
    await page.getByLabel('Любой день недели или месяца').fill('2025-10-20');
    await page.getByRole('table', { name: /По школе: 01\.10\.2025 — 27\.10\.2025/ }).waitFor();
    // Count, of, share.
    expect(await cells(page, /По школе/, 'Уроки с темой')).toEqual(['2', '3', '66,7 %']);
    expect(await cells(page, /По школе/, 'Уроки с отметками')).toEqual(['1', '3', '33,3 %']);
    expect(await cells(page, /По учителям/, 'Заменова Зоя Сергеевна')).toEqual(['1', '1 (100,0 %)', '0 (0,0 %)', '0 (0,0 %)', '0 (0,0 %)']);
    // A week: Monday to Sunday of the day chosen.
    await page.getByLabel('Период').selectOption('week');
    await page.getByRole('table', { name: /По школе: 20\.10\.2025 — 26\.10\.2025/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('Контроль ведения журнала — 2025-10-20 — 2025-10-26.pdf');
    expect(await download.failure()).toBeNull();
  });
});

describe('«Сводный отчёт муниципалитета»', () => {
  it('the municipal operator opens his municipality\'s summary from the home page: per school, counts and percentages', async () => {
    const { page } = await openContext(browser, web.baseUrl);
    await signIn(page, operator);
    await page.getByRole('link', { name: `Сводный отчёт: ${municipalityName}` }).click();
    await page.getByRole('heading', { name: `Сводный отчёт муниципалитета: ${municipalityName}` }).waitFor();
    await page.getByLabel('С', { exact: true }).fill('2025-09-01');
    await page.getByLabel('По', { exact: true }).fill('2025-10-27');
    await page.getByRole('table', { name: 'Итоги успеваемости и посещаемость' }).waitFor();
    // 3 students, 2 assessed, % успеваемости, % качества.
    expect((await cells(page, /Итоги успеваемости и посещаемость/, schoolName)).slice(0, 4)).toEqual(['3', '2', '100,0 %', '100,0 %']);
    expect((await cells(page, /Ведение журнала/, 'Итого по муниципалитету'))[0]).toBe('66,7 %');
    await page.getByText(/Периоды: .*1 четверть/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать XLSX' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Сводный отчёт — .+\.xlsx$/);
    expect(await download.failure()).toBeNull();
  });
});
