import path from 'node:path';
import type { Config } from '../config.ts';
import { type Database, openDatabase } from './client.ts';
import { lockDataDir } from './dataDirLock.ts';
import { assertWritableDataDir } from '../startup/startupChecks.ts';

export type OpenedDatabase = { database: Database; release(): Promise<void> };

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (locked against a second process).
 * `onError` hears the pool's connection errors (the server passes its logger; else stderr).
 */
export async function openConfiguredDatabase(config: Config, onError?: (error: Error) => void): Promise<OpenedDatabase> {
  const common = { strictAudit: config.strictAudit, onError };
  if (config.databaseUrl) {
    const database = await openDatabase({
      kind: 'pg', url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl,
      poolSize: config.databasePoolSize, writePoolSize: config.databaseWritePoolSize, ...common,
    });
    return { database, release: () => database.close() };
  }
  assertWritableDataDir(config.dataDir);
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), ...common });
    return {
      database,
      async release() {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
