import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RULES } from '../../src/server/modules/accounts/sessions/throttle.ts';
import { createUser } from '../factories/accounts.ts';
import { createSchool } from '../factories/organisation.ts';
import { TEST_SECRET_KEY } from '../factories/totp.ts';
import { launchBrowser, openContext, signIn } from './support/browser.ts';
import { startWebApp, type WebApp } from './support/webApp.ts';

// Issue 16, "Nobody can lock others out": the device cookie in a real browser.
const clock = new Date('2026-11-27T08:00:00Z');
let web: WebApp;
let browser: Browser;
beforeAll(async () => {
  [web, browser] = await Promise.all([startWebApp({ now: () => clock, secretKey: TEST_SECRET_KEY }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
});

it('lets a browser that signed in before back in while someone at the same address guesses the login, and tells the guesser how long to wait', async () => {
  const { school } = await createSchool(web.database.db);
  const teacher = await createUser(web.database.db, { roles: [{ schoolId: school.id, role: 'teacher' }] });
  const known = await openContext(browser, web.baseUrl);
  await signIn(known.page, teacher);
  const device = (await known.context.cookies()).find((c) => c.name === 'klassny_device');
  expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  await known.context.clearCookies({ name: 'klassny_session' });

  const guesser = await openContext(browser, web.baseUrl);
  await guesser.page.goto('/login');
  await guesser.page.getByLabel('Логин', { exact: true }).fill(teacher.login);
  const button = guesser.page.getByRole('button', { name: 'Войти' });
  for (let attempt = 0; attempt <= RULES.pair.freeFailures; attempt++) {
    await guesser.page.getByLabel('Пароль', { exact: true }).fill(`wrong-password-${attempt}`);
    await Promise.all([guesser.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')), button.click()]);
    await expect.poll(() => button.getAttribute('data-loading')).toBeNull();
  }
  await expect.poll(async () => (await guesser.page.getByRole('alert').textContent()) ?? '').toMatch(/Повторите через 1 мин\./);
  // The right password from the guesser's browser is refused too: the lock is on this address and login.
  await guesser.page.getByLabel('Пароль', { exact: true }).fill(teacher.password);
  await Promise.all([guesser.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.status() === 429), button.click()]);

  await signIn(known.page, teacher);
  expect(new URL(known.page.url()).pathname).not.toMatch(/^\/login/);
  await Promise.all([known.context.close(), guesser.context.close()]);
});
