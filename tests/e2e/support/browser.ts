import chromium from '@sparticuz/chromium';
import { type Browser, type BrowserContext, chromium as playwright, type Page } from 'playwright-core';

// Flags of the serverless build that would weaken what the tests check (same-origin rules, CSP),
// and --single-process, under which closing one browser context takes the whole browser down.
const DROPPED = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

/** The Chromium shipped by the npm package @sparticuz/chromium, or CHROMIUM_PATH when set. */
export async function launchBrowser(): Promise<Browser> {
  const override = process.env.CHROMIUM_PATH;
  const executablePath = override || (await chromium.executablePath());
  const args = override ? ['--no-sandbox'] : [...chromium.args.filter((arg) => !DROPPED.has(arg)), '--no-sandbox'];
  return playwright.launch({ executablePath, args, headless: true });
}

export type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 360, height: 740 };

/**
 * A fresh browser profile (own cookies). Every console message about the Content Security Policy
 * lands in `violations`: the tests expect none.
 */
export async function openContext(browser: Browser, baseURL: string, viewport: Viewport = DESKTOP) {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport, locale: 'ru-RU', timezoneId: 'Asia/Barnaul' });
  const violations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const page: Page = await context.newPage();
  return { context, page, violations };
}

/** Signs in through the sign-in screen and waits until the app has left it. */
export async function signIn(page: Page, user: { login: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Логин', { exact: true }).fill(user.login);
  await page.getByLabel('Пароль', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
