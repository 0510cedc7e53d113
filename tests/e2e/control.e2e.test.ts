import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { type DiaryWorld, diaryWorld } from '../factories/diary.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Monday 27 October 2025, after the 1st quarter (1 September – 24 October): the deputy closes it.
const clock = new Date('2025-10-27T03:00:00Z');
const LESSON_DAY = '2025-10-06';
const REASON = 'Исправление ошибочной отметки по заявлению родителя';
const REMARK = 'Запишите тему урока до пятницы';

let web: WebApp;
let browser: Browser;
let w: DiaryWorld;
let deputy: { login: string; password: string };
let teacher: { login: string; password: string };
let lessonId: string;


beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock }), launchBrowser()]);
  const db = web.database.db;
  w = await diaryWorld(db);
  deputy = await createUser(db, { login: 'zavuch.e2e', roles: [{ schoolId: w.schoolId, role: 'deputy' }] });
  teacher = await createUser(db, { login: 'maria.e2e', roles: [{ schoolId: w.schoolId, role: 'teacher', personId: w.teacher.id }] });
  // A lesson of the closed quarter with no topic: the board must flag it.
  lessonId = (await w.mathsLesson(LESSON_DAY, { topic: '' })).id;
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

describe('closing and reopening a period', () => {
  it('a closed period refuses a teacher\'s edit and the deputy\'s reopen lets it through', async () => {
    const office = await openContext(browser, web.baseUrl);
    const classroom = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    const maria = classroom.page;
    await Promise.all([signIn(zavuch, deputy), signIn(maria, teacher)]);

    // The teacher has the quarter's grid open while the period is still open.
    await maria.goto(`/school/${w.schoolId}/journal/${w.classA.groupId}?period=${w.q1.id}`);
    const cell = maria.getByRole('gridcell', { name: 'Иванов И. И., 06.10' });
    await cell.waitFor();

    // The deputy closes the quarter through «Периоды»: the dialog first shows what is still open
    // (two students' maths marks, the lesson's topic and its attendance), then she confirms anyway.
    await zavuch.goto(`/school/${w.schoolId}/periods`);
    await zavuch.getByRole('button', { name: 'Закрыть период: 1 четверть' }).click();
    const closeDialog = zavuch.getByRole('dialog', { name: /Закрыть период «1 четверть»/ });
    const stillOpen = closeDialog.getByRole('status').filter({ hasText: 'Ещё не заполнено' });
    await stillOpen.getByText('2 ученика (по предметам) без итоговой отметки').waitFor();
    await stillOpen.getByText('1 урок без темы').waitFor();
    await stillOpen.getByText('1 урок без отметки посещаемости').waitFor();
    expect(await stillOpen.textContent()).not.toContain('ещё не закончился');
    await closeDialog.getByRole('button', { name: 'Всё равно закрыть' }).click();
    await closeDialog.waitFor({ state: 'detached' });
    const q1Row = zavuch.getByRole('row').filter({ has: zavuch.getByRole('rowheader', { name: /1 четверть/ }) });
    await q1Row.getByText('Закрыт', { exact: true }).waitFor();

    // The teacher's mark is refused with the server's own words.
    await cell.click();
    await maria.keyboard.type('5');
    await maria.keyboard.press('Enter');
    await maria.getByRole('alert').filter({ hasText: 'Учебный период закрыт' }).waitFor();
    await expect.poll(() => cell.getAttribute('data-state')).not.toBe('saved');

    // The deputy reopens that lesson's range for the group, with a reason, for a limited time.
    await q1Row.getByRole('button', { name: 'Открыть для исправлений: 1 четверть' }).click();
    const reopenDialog = zavuch.getByRole('dialog', { name: /Открыть «1 четверть» для исправлений/ });
    await reopenDialog.getByLabel('Класс или группа').selectOption({ label: '5А' });
    await reopenDialog.getByLabel('Уроки с').fill(LESSON_DAY);
    await reopenDialog.getByLabel('Уроки по').fill(LESSON_DAY);
    await reopenDialog.getByLabel('Причина').fill(REASON);
    await reopenDialog.getByLabel('Срок, часов').fill('2');
    await reopenDialog.getByRole('button', { name: 'Открыть', exact: true }).click();
    await reopenDialog.waitFor({ state: 'detached' });
    await q1Row.getByText('Открыт для исправлений').waitFor();
    await zavuch.getByRole('table', { name: /Кто и когда закрывал/ }).getByText(REASON).waitFor();

    // The teacher's retry goes through.
    await maria.reload();
    await cell.click();
    await maria.keyboard.type('5');
    await maria.keyboard.press('Enter');
    await expect.poll(() => cell.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await cell.textContent()).toContain('5');

    // The lesson's change log shows the closure, the reopening with its reason, and the mark.
    await zavuch.goto(`/school/${w.schoolId}/audit?lesson=${lessonId}`);
    const trail = zavuch.getByRole('table', { name: 'Изменения, новые сверху' });
    await trail.getByText('Период «1 четверть» закрыт').waitFor();
    const reopening = trail.getByRole('row').filter({ hasText: 'открыт для исправлений' });
    expect(await reopening.textContent()).toContain(REASON);
    expect(await reopening.textContent()).toContain('Заместитель директора');
    await trail.getByText(/Отметка 5 .*Иванов И\. И\./).waitFor();

    // The board flags the lesson without a topic and links to it, without blocking anyone.
    await zavuch.goto(`/school/${w.schoolId}/control?period=${w.q1.id}`);
    await zavuch.getByText('никогда не мешают учителю').waitFor();
    const flag = zavuch.getByRole('row').filter({ hasText: 'Тема урока не записана' });
    await flag.first().waitFor();
    expect(await flag.first().getByRole('link', { name: 'Урок' }).getAttribute('href')).toBe(`/school/${w.schoolId}/lessons/${lessonId}`);
    await flag.first().getByRole('link', { name: 'История изменений' }).click();
    await zavuch.getByRole('heading', { name: /Урок: Математика, 5А, 06\.10\.2025/ }).waitFor();

    expect(office.violations).toEqual([]);
    expect(classroom.violations).toEqual([]);
    await Promise.all([office.context.close(), classroom.context.close()]);
  });

  it('the deputy\'s remark on a flag reaches the teacher, on her «Замечания» screen only', async () => {
    const office = await openContext(browser, web.baseUrl);
    const classroom = await openContext(browser, web.baseUrl);
    const zavuch = office.page;
    const maria = classroom.page;
    await Promise.all([signIn(zavuch, deputy), signIn(maria, teacher)]);

    // The deputy writes a remark on the lesson without a topic, right on the board.
    await zavuch.goto(`/school/${w.schoolId}/control?period=${w.q1.id}&kind=topic_missing`);
    const flag = zavuch.getByRole('row').filter({ hasText: 'Тема урока не записана' }).first();
    await flag.getByRole('button', { name: /Замечание к нарушению «Уроки без темы: Математика, 06\.10\.2025»/ }).click();
    const form = flag.getByRole('form', { name: /Замечание к нарушению/ });
    await form.getByRole('button', { name: 'Отправить' }).click();
    await form.getByText('Напишите замечание').waitFor();
    await form.getByLabel('Замечание', { exact: true }).fill(REMARK);
    await form.getByRole('button', { name: 'Отправить' }).click();
    await flag.getByRole('list', { name: /Замечания к нарушению/ }).getByText(REMARK).waitFor();
    expect(await flag.textContent()).toContain('Замечание: Пользователь zavuch.e2e');

    // The teacher finds it under «Замечания», beside the flag, and cannot write one herself.
    await maria.getByRole('navigation', { name: /^Разделы: / }).getByRole('link', { name: 'Замечания' }).waitFor();
    await maria.goto(`/school/${w.schoolId}/my-control?period=${w.q1.id}`);
    await maria.getByRole('heading', { name: 'Замечания по ведению журнала' }).waitFor();
    const mine = maria.getByRole('table', { name: 'Мои нарушения и замечания' });
    const remarked = mine.getByRole('row').filter({ hasText: REMARK });
    await remarked.waitFor();
    expect(await remarked.textContent()).toContain('Тема урока не записана');
    expect(await maria.getByRole('button', { name: /Написать замечание|Замечание к нарушению/ }).count()).toBe(0);
    // The control board itself stays closed to her.
    const api = await maria.evaluate(async (url) => (await fetch(url)).status, `/api/v1/schools/${w.schoolId}/control/flags?from=2025-09-01&to=2025-10-24`);
    expect(api).toBe(403);

    expect(office.violations).toEqual([]);
    expect(classroom.violations).toEqual([]);
    await Promise.all([office.context.close(), classroom.context.close()]);
  });

  it('the board and the change log fit a 360 px phone without the page scrolling sideways', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl, { width: 360, height: 740 });
    await signIn(page, deputy);
    for (const path of [`control?period=${w.q1.id}`, 'periods', `audit?lesson=${lessonId}`]) {
      await page.goto(`/school/${w.schoolId}/${path}`);
      await page.getByRole('table').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    expect(violations).toEqual([]);
    await context.close();
  });
});
