import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories/accounts.ts';
import { createSchool } from '../factories/organisation.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

let web: WebApp;
let browser: Browser;
let work: string;
let dirs: string[];
let admin: { login: string; password: string };
let schoolId: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'klassny-backups-e2e-'));
  dirs = [mkdtempSync(path.join(work, 'usb-1-')), mkdtempSync(path.join(work, 'usb-2-'))];
  [web, browser] = await Promise.all([
    startWebApp({ backups: { dirs, sameDisk: false, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60 } }),
    launchBrowser(),
  ]);
  schoolId = (await createSchool(web.database.db)).school.id;
  admin = await createUser(web.database.db, { login: 'backups.admin', roles: [{ schoolId, role: 'admin' }] });
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('«Резервные копии»', () => {
  it('the administrator is warned on the home page, makes a copy now and sees it verified in both folders', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, admin);
    await page.goto('/');
    const warning = page.getByRole('region', { name: 'Резервные копии требуют внимания' });
    await warning.getByText('Резервных копий ещё нет.').waitFor();
    await warning.getByRole('link', { name: 'Открыть «Резервные копии»' }).click();
    await page.getByRole('heading', { name: 'Резервные копии', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Папки для копий' }).getByText(dirs[0]!).waitFor();

    await page.getByRole('button', { name: 'Сделать копию сейчас' }).click();
    await page.getByText('Копия сделана.').waitFor({ timeout: 60_000 });
    const rows = page.getByRole('table', { name: /Копии и попытки/ }).getByRole('row').filter({ hasText: 'проверена' });
    expect(await rows.count()).toBe(2);
    const file = readdirSync(dirs[0]!)[0]!;
    expect(readdirSync(dirs[1]!)).toEqual([file]);
    await rows.first().getByText(file).waitFor();
    expect(await rows.first().getByRole('button', { name: `Скачать копию ${file}` }).count()).toBe(1);

    // The copy is fresh and both folders took it: the home page has nothing to warn about.
    await page.goto('/');
    await page.getByRole('heading', { name: 'Ваши школы и роли' }).waitFor();
    expect(await page.getByRole('region', { name: 'Резервные копии требуют внимания' }).count()).toBe(0);
    expect(violations).toEqual([]);
    await context.close();
  });
});
