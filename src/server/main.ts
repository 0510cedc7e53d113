import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { lockDataDir } from './db/dataDirLock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { JobRunner } from './jobs/runner.ts';
import { outboxMailer, smtpMailer } from './mail/mailer.ts';
import { resolveSecretKey } from './secretKey.ts';
import { localDiskStorage } from './storage/fileStorage.ts';
import path from 'node:path';

export type OpenedDatabase = { database: Database; release(): Promise<void> };

/** PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (locked against a second process). */
export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = await openDatabase({ kind: 'pg', url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl });
    return { database, release: () => database.close() };
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
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

/** config → database → migrations → app.listen; returns a function that stops it all. */
export async function startServer(config: Config, hooks: { afterMigrate?: (database: Database) => Promise<void> } = {}) {
  const opened = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(opened.database);
    await hooks.afterMigrate?.(opened.database);
    const app = await buildApp({
      database: opened.database,
      logger: { level: config.logLevel },
      secretKey: resolveSecretKey(config),
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      mailer: config.smtpUrl
        ? smtpMailer(config.smtpUrl, config.mailFrom)
        : outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom),
      storage: localDiskStorage(path.join(config.dataDir, 'files')),
    });
    await app.listen({ port: config.port, host: config.host });
    // Every process may start a runner; the advisory lock lets one of them run the jobs.
    const runner = config.jobs ? new JobRunner({ database: opened.database, now: app.now, log: app.log }) : undefined;
    runner?.start();
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= (async () => {
      await runner?.stop();
      await app.close();
      await opened.release();
    })());
    return { app, stop };
  } catch (error) {
    await opened.release();
    throw error;
  }
}
