import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildWeb, webBuildIsStale } from '../../../src/cli/webBuild.ts';
import { buildApp } from '../../../src/server/app.ts';
import { openDatabase } from '../../../src/server/db/client.ts';
import { migrateDatabase } from '../../../src/server/db/migrate.ts';
import { ensureDemoSchool } from '../../../src/server/demo/district.ts';
import { DEMO_PASSWORD } from '../../../src/server/demo/accounts.ts';
import { newId } from '../../../src/server/db/ids.ts';
import { userRoles, users } from '../../../src/server/db/schema/accounts.ts';
import { schools } from '../../../src/server/db/schema/organisation.ts';
import { hashPassword } from '../../../src/server/modules/accounts/passwords.ts';
import { eq } from 'drizzle-orm';

/**
 * The demo school on a throw-away embedded database, served with the built web app (built first
 * when stale) on a random loopback port: what the screenshots and the first-screen bench look at.
 */
export async function startDemoWebApp() {
  if (webBuildIsStale()) await buildWeb();
  const database = await openDatabase({ kind: 'pglite' });
  await migrateDatabase(database);
  await ensureDemoSchool(database.db);
  await addPlatformOperator(database.db);
  // Backups («Резервные копии») into throw-away folders, not the repository's data/.
  const backups = mkdtempSync(path.join(tmpdir(), 'klassny-demo-backups-'));
  const dirs = [path.join(backups, 'usb-1'), path.join(backups, 'usb-2')];
  for (const dir of dirs) mkdirSync(dir);
  const app = await buildApp({
    database,
    backups: { dirs, sameDisk: false, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await database.close();
      rmSync(backups, { recursive: true, force: true });
    },
  };
}

/**
 * `platform` (the demo password): a platform operator who is also the demo school's administrator.
 * The demo server holds a school and a college, so only such an operator manages its backups
 * (policy/backups.ts): the «Резервные копии» screenshot is taken as him.
 */
async function addPlatformOperator(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.kind, 'general')).limit(1);
  const id = newId();
  await db.insert(users).values({ id, login: 'platform', passwordHash: await hashPassword(DEMO_PASSWORD), displayName: 'Оператор платформы', isPlatformAdmin: true });
  await db.insert(userRoles).values({ id: newId(), userId: id, schoolId: school!.id, role: 'admin', personId: null });
}
