import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld, insertMark } from '../factories/diary.ts';
import { createGuardian, linkGuardian } from '../factories/people.ts';
import { launchBrowser, openContext, PHONE } from './support/browser.ts';
import { signInCookie, startWebApp, type WebApp } from './support/webApp.ts';

// The journal is writable on this day (week of Monday 8 September 2025). Audit entries carry the
// database's own clock, which is later than this: every change the teacher makes below comes after
// the reported moment of the compromise.
const clock = new Date('2025-09-10T06:00:00Z');

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let admin: { login: string; password: string };
let teacher: { login: string; password: string; user: { id: string; displayName: string } };
let guardian: { login: string; password: string };
/** The father's own login to the same child's diary (the mother's sessions are counted below). */
let father: { login: string; password: string };
let markId: string;

const api = (path: string, cookie: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${web.baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { cookie, 'x-klassny-csrf': '1', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });

async function signIn(page: Page, who: { login: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(who.login);
  await page.getByLabel('Пароль', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('link', { name: 'Мой профиль' }).waitFor();
}

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  admin = await createUser(db, { login: 'olga.admin', roles: [{ schoolId: w.schoolId, role: 'admin', personId: w.classTeacher.id }] });
  teacher = await createUser(db, { login: 'maria.teacher', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  guardian = await createUser(db, { login: 'olga.ivanova', roles: [{ schoolId: w.schoolId, role: 'guardian', personId: w.mother.id }] });
  const fatherPerson = await createGuardian(db, w.schoolId, { lastName: 'Иванов', firstName: 'Пётр' });
  await linkGuardian(db, w.schoolId, w.ivanov.id, fatherPerson.id);
  father = await createUser(db, { login: 'petr.ivanov', roles: [{ schoolId: w.schoolId, role: 'guardian', personId: fatherPerson.id }] });
  const lesson = await w.mathsLesson('2025-09-08', { topic: 'Натуральные числа' });
  markId = (await insertMark(db, { schoolId: w.schoolId, lessonId: lesson.id, studentId: w.ivanov.id, workTypeId: w.test.id, value: '4', weight: 2 })).id;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('the administrator\'s accounts, security log and compromised logins', () => {
  it('adds the deputy role to a teacher, shows it in the security log, voids a mark made by the compromised login at once and restores it', async () => {
    // The "attacker", signed in as the teacher, turns a 4 into a 2.
    const teacherCookie = await signInCookie(web.baseUrl, teacher.login, teacher.password);
    const changed = await api(`/schools/${w.schoolId}/marks/${markId}`, teacherCookie, { method: 'PATCH', body: { version: 1, value: '2' } });
    expect(changed.status, await changed.clone().text()).toBe(200);

    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, admin);
    await page.goto(`/school/${w.schoolId}/accounts`);
    await page.getByRole('heading', { name: 'Учётные записи' }).waitFor();
    await page.getByLabel('Поиск по логину или имени').fill('maria');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: teacher.login }) });
    await row.waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await row.textContent()).toContain('Математикова Мария Ивановна');
    expect(await row.textContent()).toContain('Активна');

    await row.getByRole('button', { name: `Действия: ${teacher.login}` }).click();
    await page.getByRole('menuitem', { name: 'Добавить роль' }).click();
    const grant = page.getByRole('dialog', { name: `Добавить роль: ${teacher.login}` });
    await grant.getByLabel('Роль').selectOption({ label: 'Заместитель директора' });
    expect(await grant.getByLabel('От имени кого').locator('option:checked').textContent()).toBe('Математикова Мария Ивановна');
    await grant.getByRole('button', { name: 'Добавить роль' }).click();
    await page.getByRole('status').filter({ hasText: 'Роль «Заместитель директора» добавлена' }).waitFor();
    await row.getByText('Заместитель директора').waitFor();

    await page.getByRole('link', { name: 'Безопасность' }).click();
    await page.getByRole('heading', { name: 'Безопасность' }).waitFor();
    await page.getByLabel('Событие').selectOption({ label: 'Роль назначена' });
    const granted = page.getByRole('row').filter({ hasText: 'Роль назначена' });
    await granted.first().waitFor();
    expect(await granted.count()).toBe(1);
    expect(await granted.textContent()).toContain(teacher.login);
    expect(await granted.textContent()).toContain('роль: Заместитель директора');

    // The teacher's login is reported compromised since 11:00 school time (04:00 UTC), before the change.
    await page.getByRole('link', { name: 'Учётные записи' }).click();
    await page.getByLabel('Поиск по логину или имени').fill('maria');
    await row.getByRole('button', { name: `Действия: ${teacher.login}` }).click();
    await page.getByRole('menuitem', { name: 'Сообщить о взломе входа' }).click();
    const report = page.getByRole('dialog', { name: `Взлом входа: ${teacher.login}` });
    await report.getByLabel('С какого времени вход взломан').fill('2025-09-10T11:00');
    await report.getByLabel('Что произошло').fill('Пароль видели на доске');
    await report.getByRole('button', { name: 'Сообщить о взломе' }).click();
    await page.getByRole('status').filter({ hasText: `Вход ${teacher.login} заблокирован` }).waitFor();
    await row.getByText('Заблокирована').waitFor();
    expect((await api('/me', teacherCookie)).status).toBe(401);

    // At once: the father's diary shows the 4 from before the compromise again.
    const family = await openContext(browser, web.baseUrl);
    await signIn(family.page, father);
    await family.page.goto(`/diary/${w.schoolId}/${w.ivanov.id}?date=2025-09-08`);
    const monday = family.page.getByRole('region', { name: /8 сентября/ });
    const mathsLesson = monday.getByRole('listitem').filter({ has: family.page.getByRole('heading', { name: 'Математика' }) });
    const mathsMarks = mathsLesson.getByRole('list', { name: 'Оценки' });
    await expect.poll(() => mathsMarks.textContent()).toContain('Оценка 4');
    expect(await mathsLesson.textContent()).toContain('на проверке');
    // The journal grid shows the 4 too, its cell marked as under review.
    const gridUrl = `/school/${w.schoolId}/journal/${w.classA.groupId}?subject=${w.maths.id}&period=${w.q1.id}`;
    await page.goto(gridUrl);
    const voidedCell = page.getByRole('grid').getByRole('gridcell', { name: 'Иванов И. И., 08.09' });
    await expect.poll(() => voidedCell.getAttribute('title')).toContain('На проверке: изменение скомпрометированной учётной записи');
    expect(await voidedCell.textContent()).toContain('4');
    await page.getByRole('status').filter({ hasText: 'Записи со знаком «?» на проверке' }).waitFor();

    await page.getByRole('link', { name: 'Взломанные входы' }).click();
    await page.getByRole('link', { name: teacher.user.displayName }).click();
    await page.getByRole('heading', { name: `Взлом входа: ${teacher.user.displayName}` }).waitFor();
    const lesson = page.getByRole('region', { name: /Математика, 5А/ });
    const markChange = lesson.getByRole('listitem').filter({ hasText: 'Оценка — изменение' });
    await markChange.waitFor();
    expect(await markChange.textContent()).toContain('Значение4 → 2');
    expect(await markChange.textContent()).toContain('Аннулировано, на проверке');
    expect(await lesson.getByRole('button', { name: 'Восстановить все по уроку' }).count()).toBe(1);
    await markChange.getByRole('button', { name: 'Восстановить' }).click();
    const confirm = page.getByRole('dialog', { name: 'Восстановить операцию?' });
    await confirm.getByRole('button', { name: 'Восстановить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await markChange.getByText('Восстановлено').waitFor();
    expect(await markChange.getByRole('button', { name: 'Восстановить' }).count()).toBe(0);

    // Restored: the 2 is back in the diary, as a new version in the administrator's name.
    await family.page.reload();
    await expect.poll(() => mathsMarks.textContent()).toContain('Оценка 2');
    expect(await mathsLesson.textContent()).not.toContain('на проверке');
    await page.goto(gridUrl);
    await expect.poll(() => voidedCell.textContent()).toContain('2');
    expect(await voidedCell.getAttribute('title')).not.toContain('На проверке');
    const adminCookie = await signInCookie(web.baseUrl, admin.login, admin.password);
    const history = await (await api(`/schools/${w.schoolId}/marks/${markId}/versions`, adminCookie)).json() as { mark: { value: string } };
    expect(history.mark.value).toBe('2');
    expect(family.violations).toEqual([]);
    await family.context.close();
    expect(violations).toEqual([]);
    await context.close();
  });

  it('fits the accounts and security screens into a 360 px phone: only the tables scroll sideways', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page, admin);
    for (const [path, heading] of [['accounts', 'Учётные записи'], ['security', 'Безопасность'], ['compromise', 'Взломанные входы']] as const) {
      await page.goto(`/school/${w.schoolId}/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.getByRole('table').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('my own account', () => {
  it('changes the password on /account and ends the person\'s other session', async () => {
    const otherDevice = await signInCookie(web.baseUrl, guardian.login, guardian.password);
    const { context, page, violations } = await openContext(browser, web.baseUrl, PHONE);
    await signIn(page, guardian);
    // A guardian lands on the child's diary: a click before that redirect would be undone by it.
    await page.getByRole('heading', { name: /^Дневник/, level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Мой профиль' }).click();
    await page.getByRole('heading', { name: 'Мой профиль', level: 1 }).waitFor();
    const sessions = page.getByRole('list', { name: 'Сеансы' });
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('region', { name: 'Вход с кодом из приложения' }).count()).toBe(0);

    const form = page.getByRole('region', { name: 'Смена пароля' });
    await form.getByLabel('Текущий пароль').fill(guardian.password);
    await form.getByLabel(/^Новый пароль( \*)?$/).fill('Zvezda-nad-rekoi-7');
    await form.getByLabel('Новый пароль ещё раз').fill('Zvezda-nad-rekoi-8');
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await form.getByText('Пароли не совпадают').waitFor();
    expect((await api('/me', otherDevice)).status).toBe(200);

    await form.getByLabel('Новый пароль ещё раз').fill('Zvezda-nad-rekoi-7');
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await form.getByRole('status').filter({ hasText: 'Пароль изменён' }).waitFor();
    expect((await api('/me', otherDevice)).status).toBe(401);
    await expect.poll(() => sessions.getByRole('listitem').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect((await signInCookie(web.baseUrl, guardian.login, 'Zvezda-nad-rekoi-7')).length).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await context.close();
  });
});
