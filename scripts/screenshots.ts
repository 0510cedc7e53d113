import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb, webBuildIsStale } from '../src/cli/webBuild.ts';
import { buildApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { ensureDemoSchool } from '../src/server/demo/district.ts';
import { DESKTOP, launchBrowser, openContext, PHONE, type Viewport } from '../tests/e2e/support/browser.ts';

/**
 * `npm run screenshots`: the demo school on a throw-away embedded database, the built web app,
 * and the main screens at desktop and phone width into docs/screenshots/.
 */
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
if (webBuildIsStale()) await buildWeb();

const database = await openDatabase({ kind: 'pglite' });
await migrateDatabase(database);
await ensureDemoSchool(database.db);
const app = await buildApp({ database });
await app.listen({ port: 0, host: '127.0.0.1' });
const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launchBrowser();

async function capture(viewport: Viewport, suffix: string) {
  const { context, page, violations } = await openContext(browser, baseUrl, viewport);
  await page.goto('/login');
  await page.getByRole('button', { name: 'Войти' }).waitFor();
  await page.screenshot({ path: path.join(out, `sign-in-${suffix}.png`) });
  await page.getByLabel('Логин', { exact: true }).fill('parent');
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('region').first().waitFor();
  // The top of the week: a whole week of a real timetable is many screens long.
  await page.screenshot({ path: path.join(out, `diary-${suffix}.png`), fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height: viewport.height * 2 } });
  if (violations.length > 0) throw new Error(`CSP violations: ${violations.join('\n')}`);
  await context.close();
}

try {
  await capture(DESKTOP, 'desktop');
  await capture(PHONE, 'phone');
  console.log(`Снимки экрана сохранены в ${path.relative(process.cwd(), out)}/`);
} finally {
  await browser.close();
  await app.close();
  await database.close();
}
