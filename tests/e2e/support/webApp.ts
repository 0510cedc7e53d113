import type { BackupSettings } from '../../../src/server/config.ts';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../../../src/server/app.ts';
import type { Database } from '../../../src/server/db/client.ts';
import { SESSION_COOKIE } from '../../../src/server/modules/accounts/sessions/sessions.ts';
import type { FileStorage } from '../../../src/server/storage/fileStorage.ts';
import { createTestDatabase } from '../../support/testDatabase.ts';

export type WebApp = { app: App; database: Database; baseUrl: string; close(): Promise<void> };

/** The real app on a private database, listening on a random local port and serving dist/web. */
export async function startWebApp(options: { now?: () => Date; storage?: FileStorage; secretKey?: string; backups?: BackupSettings } = {}): Promise<WebApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    database, now: options.now, storage: options.storage, secretKey: options.secretKey, backups: options.backups,
    // Archive keys of the test schools in the system's temporary folder, not in the repository's data/.
    archiveKeys: { dir: path.join(tmpdir(), 'klassny-test-archive-keys') },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Signs in through the API like a browser does and returns the session cookie (for API calls in a test). */
export async function signInCookie(baseUrl: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
  if (!cookie) throw new Error(`no session cookie: ${response.headers.getSetCookie().join(' | ')}`);
  return cookie;
}
