import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { createSchool } from '../factories/organisation.ts';
import { admit, insertStudent, insertYear, makeClass } from '../factories/structure.ts';
import { launchBrowser, openContext, PHONE } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// Late August: the current year 2024/2025 has ended its lessons, the new one starts on 1 September.
const clock = new Date('2025-08-25T06:00:00Z');

let web: WebApp;
let browser: Browser;
let schoolId: string;
let admin: { login: string; password: string };
let oldYear: { id: string; name: string };
let fifthGrader: { id: string };
let graduate: { id: string };

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  schoolId = (await createSchool(db)).school.id;
  oldYear = await insertYear(db, schoolId, { startYear: 2024, status: 'open' });
  const fifth = await makeClass(db, schoolId, oldYear.id, 5, 'А');
  const eleventh = await makeClass(db, schoolId, oldYear.id, 11, 'Б');
  fifthGrader = await insertStudent(db, schoolId);
  graduate = await insertStudent(db, schoolId);
  await admit(db, schoolId, fifthGrader.id, fifth.id);
  await admit(db, schoolId, graduate.id, eleventh.id);
  admin = await createUser(db, { login: 'school.admin', roles: [{ schoolId, role: 'admin' }] });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function signIn(page: Page) {
  await page.goto(`/school/${schoolId}/setup`);
  await page.getByLabel('Логин', { exact: true }).fill(admin.login);
  await page.getByLabel('Пароль', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: 'Настройка учебного года' }).waitFor();
}

async function apiGet<T>(cookie: string, path: string): Promise<T> {
  const response = await fetch(`${web.baseUrl}/api/v1/schools/${schoolId}/${path}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('the setup wizard', () => {
  it('an administrator opens a new year through the wizard', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page);

    // Step 1: «Открыть новый учебный год» from the current one, preview first.
    const rollover = page.getByRole('form', { name: 'Открыть новый учебный год' });
    expect(await rollover.getByLabel('Название нового года').inputValue()).toBe('2025/2026');
    expect(await rollover.getByLabel('Начало').inputValue()).toBe('2025-09-01');
    await rollover.getByLabel('Номер приказа').fill('112-о');
    await rollover.getByLabel('Дата приказа').fill('2025-08-25');
    await rollover.getByRole('button', { name: 'Предварительный просмотр' }).click();
    const preview = rollover.getByRole('region', { name: /Будет сделано/ });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Переводятся в следующий класс: 1 уч.');
    expect(await preview.textContent()).toContain('Выпускаются: 1 уч.');
    expect(await preview.textContent()).toContain('Классов в новом году: 1');
    // The preview changed nothing.
    const cookie = await signInCookie(web.baseUrl, admin.login, admin.password);
    expect((await apiGet<{ items: unknown[] }>(cookie, 'academic-years')).items).toHaveLength(1);

    await rollover.getByRole('button', { name: 'Открыть новый учебный год' }).click();
    await rollover.getByRole('button', { name: 'Да, открыть 2025/2026' }).click();
    await rollover.getByRole('region', { name: /создан/ }).waitFor();
    await page.getByText('учебный год 2025/2026', { exact: false }).first().waitFor();

    // Its periods from a preset.
    await page.getByRole('button', { name: 'Четверти для 1–9 классов' }).click();
    const periods = page.getByRole('region', { name: 'Учебные периоды 2025/2026' });
    await periods.getByRole('cell', { name: '4 четверть' }).waitFor();
    expect(await periods.getByRole('row').count()).toBe(5);

    // Step 2: a holiday for grades 1–9.
    await page.getByRole('button', { name: /Каникулы и праздники/ }).click();
    const holidayForm = page.getByRole('form', { name: 'Добавить каникулы или праздник' });
    await holidayForm.getByLabel('Название').fill('Осенние каникулы');
    await holidayForm.getByLabel('Начало').fill('2025-10-26');
    await holidayForm.getByLabel('Окончание').fill('2025-11-04');
    await holidayForm.getByLabel('С класса').selectOption('1');
    await holidayForm.getByLabel('По класс').selectOption('9');
    await holidayForm.getByRole('button', { name: 'Добавить' }).click();
    await page.getByRole('cell', { name: 'Осенние каникулы' }).waitFor();

    // A refused holiday shows the API's field message under the field.
    await holidayForm.getByLabel('Название').fill('Вне года');
    await holidayForm.getByLabel('Начало').fill('2027-01-01');
    await holidayForm.getByLabel('Окончание').fill('2027-01-05');
    await holidayForm.getByRole('button', { name: 'Добавить' }).click();
    await holidayForm.getByRole('alert').waitFor();

    // Step 3: a bell schedule.
    await page.getByRole('button', { name: /Звонки/ }).click();
    await page.getByRole('button', { name: /Заполнить: 6 уроков/ }).click();
    await page.getByRole('button', { name: 'Сохранить расписание звонков' }).click();
    await page.getByText('1 урок: 08:30–09:15').waitFor();

    // Back to step 1: close the old year and open the new one.
    await page.getByRole('button', { name: /Учебный год и периоды/ }).click();
    const years = page.getByRole('region', { name: 'Учебные годы' });
    const oldRow = years.getByRole('row').filter({ hasText: oldYear.name });
    await oldRow.getByRole('button', { name: 'Закрыть' }).click();
    await oldRow.getByRole('button', { name: `Закрыть ${oldYear.name}` }).click();
    await oldRow.getByText('Закрыт', { exact: true }).waitFor();
    const newRow = years.getByRole('row').filter({ hasText: '2025/2026' });
    await newRow.getByRole('button', { name: 'Открыть', exact: true }).click();
    await newRow.getByRole('button', { name: 'Открыть 2025/2026' }).click();
    await newRow.getByText('Открыт (текущий)').waitFor();
    await page.getByText('Заполнено шагов: 5 из 9').waitFor();

    // The API agrees: the new year is the open one, with its calendar, and the classes moved up.
    type Year = { id: string; name: string; status: string };
    const all = (await apiGet<{ items: Year[] }>(cookie, 'academic-years')).items;
    const open = all.filter((y) => y.status === 'open');
    expect(open.map((y) => y.name)).toEqual(['2025/2026']);
    expect(all.find((y) => y.id === oldYear.id)?.status).toBe('closed');
    const yearId = open[0]!.id;
    expect((await apiGet<{ items: unknown[] }>(cookie, `periods?academicYearId=${yearId}`)).items).toHaveLength(4);
    expect((await apiGet<{ items: unknown[] }>(cookie, `holidays?academicYearId=${yearId}`)).items).toHaveLength(1);
    expect((await apiGet<{ items: unknown[] }>(cookie, `bell-schedules?academicYearId=${yearId}`)).items).toHaveLength(1);
    const classes = (await apiGet<{ items: { id: string; name: string }[] }>(cookie, `classes?academicYearId=${yearId}`)).items;
    expect(classes.map((c) => c.name)).toEqual(['6А']);
    const roster = (await apiGet<{ items: { id: string }[] }>(cookie, `students?classId=${classes[0]!.id}&on=2025-09-01`)).items;
    expect(roster.map((s) => s.id)).toEqual([fifthGrader.id]);
    expect(roster.map((s) => s.id)).not.toContain(graduate.id);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone: a step picker instead of the side steps, tables scroll in their own box', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page);
    await page.getByLabel('Шаг', { exact: true }).selectOption({ label: '5. Сотрудники' });
    await page.getByRole('heading', { name: '5. Сотрудники' }).waitFor();
    const form = page.getByRole('form', { name: 'Добавить сотрудника' });
    await form.getByLabel('Фамилия').fill('Орлова');
    await form.getByLabel('Имя').fill('Анна');
    await form.getByLabel('Электронная почта').fill('не-почта');
    await form.getByRole('button', { name: 'Добавить' }).click();
    // The API's field message stands under its field; nothing was added.
    await form.getByText('Неверный адрес электронной почты').waitFor();
    await form.getByLabel('Электронная почта').fill('orlova@school.ru');
    await form.getByRole('button', { name: 'Добавить' }).click();
    await page.getByRole('cell', { name: 'Орлова Анна' }).waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    expect(violations).toEqual([]);
    await context.close();
  });
});
