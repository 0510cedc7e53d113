import type { InjectOptions } from 'fastify';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, type AppOptions, buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/client.ts';
import { TEST_ACTOR_HEADER } from '../../src/server/plugins/actor.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import type { Role } from '../../src/shared/contract/enums.ts';
import { createTestDatabase } from './testDatabase.ts';

export type TestContext = { app: App; database: Database; close(): Promise<void> };

/** The real app on a private database, with actors set through the test-only header. */
export async function createTestApp(options: Pick<AppOptions, 'now' | 'streamLimits' | 'pressure'> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  // Archive keys of the test schools in the system's temporary folder, not in the repository's data/.
  const app = await buildApp({
    database, testActors: true, now: options.now, streamLimits: options.streamLimits, pressure: options.pressure, archiveKeys: { dir: path.join(tmpdir(), 'klassny-test-archive-keys') },
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let actorCounter = 0;
const userId = () => `00000000-0000-7000-8000-${String(++actorCounter).padStart(12, '0')}`;

export const platformAdmin = (): Actor => ({ userId: userId(), platformAdmin: true, roles: [] });
export const schoolActor = (schoolId: string, role: Role, personId: string | null = null): Actor => ({
  userId: userId(),
  platformAdmin: false,
  roles: [{ schoolId, role, personId }],
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** `as(actor).post(url, body)` → the response, with `.json()` typed loosely for assertions. */
export function as(app: App, actor: Actor | null) {
  const send = (method: Method, url: string, payload?: unknown) => {
    const options: InjectOptions = { method, url, headers: {} };
    if (actor) options.headers![TEST_ACTOR_HEADER] = JSON.stringify(actor);
    if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
    return app.inject(options);
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body ?? {}),
    patch: (url: string, body?: unknown) => send('PATCH', url, body ?? {}),
    put: (url: string, body?: unknown) => send('PUT', url, body ?? {}),
    delete: (url: string) => send('DELETE', url),
  };
}
