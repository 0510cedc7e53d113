import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyYearArchive } from '../../src/server/records/archiveVerify.ts';
import { createUser } from '../factories/accounts.ts';
import { closedYearWorld } from '../factories/yearArchive.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

let web: WebApp;
let browser: Browser;
let w: Awaited<ReturnType<typeof closedYearWorld>>;
let admin: { login: string; password: string };
let work: string;

beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  w = await closedYearWorld(web.database.db);
  admin = await createUser(web.database.db, { login: 'archive.admin', roles: [{ schoolId: w.schoolId, role: 'admin' }] });
  work = mkdtempSync(path.join(tmpdir(), 'klassny-archive-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('«Архив учебного года»', () => {
  it('the administrator downloads the archive of the closed year from the years table, and it verifies offline', async () => {
    const { context, page, violations } = await openContext(browser, web.baseUrl);
    await signIn(page, admin);
    await page.goto(`/school/${w.schoolId}/setup`);
    const years = page.getByRole('table', { name: 'Учебные годы' });
    await years.waitFor();
    // Only the closed year offers it; the year in planning does not.
    expect(await years.getByRole('link', { name: /Архив учебного года/ }).count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      years.getByRole('link', { name: `Архив учебного года ${w.year.name}` }).click(),
    ]);
    // The «/» of «2026/2027» cannot stand in a file name.
    expect(download.suggestedFilename()).toBe(`Архив учебного года ${w.year.name.replace('/', ' ')}.tar`);
    const file = path.join(work, 'archive.tar');
    await download.saveAs(file);
    const verdict = await verifyYearArchive(file);
    expect(verdict.lines[0]).toBe(`Архив цел: ${w.school.name}, учебный год ${w.year.name}`);
    expect(verdict.ok).toBe(true);
    expect(violations).toEqual([]);
    await context.close();
  });
});
