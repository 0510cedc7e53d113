import type { AddressInfo } from 'node:net';
import { buildWeb, webBuildIsStale } from '../../../src/cli/webBuild.ts';
import { buildApp } from '../../../src/server/app.ts';
import { openDatabase } from '../../../src/server/db/client.ts';
import { migrateDatabase } from '../../../src/server/db/migrate.ts';
import { ensureDemoSchool } from '../../../src/server/demo/district.ts';

/**
 * The demo school on a throw-away embedded database, served with the built web app (built first
 * when stale) on a random loopback port: what the screenshots and the first-screen bench look at.
 */
export async function startDemoWebApp() {
  if (webBuildIsStale()) await buildWeb();
  const database = await openDatabase({ kind: 'pglite' });
  await migrateDatabase(database);
  await ensureDemoSchool(database.db);
  const app = await buildApp({ database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
