import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { lockDataDir } from './db/dataDirLock.ts';
import { migrateDatabase } from './db/migrate.ts';
import { startControlChannel } from './control/controlChannel.ts';
import { JobRunner } from './jobs/runner.ts';
import { outboxMailer, smtpMailer } from './mail/mailer.ts';
import { removeDemo } from './demo/removeDemo.ts';
import { archiveKeySourceOf } from './records/archiveKey.ts';
import { backupControlHandler } from './records/backupControl.ts';
import { createAdminControlHandler, initControlHandler } from './modules/setup/control.ts';
import { resolveSecretKey } from './secretKey.ts';
import { localDiskStorage } from './storage/fileStorage.ts';
import path from 'node:path';

export type OpenedDatabase = { database: Database; release(): Promise<void> };

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR (locked against a second process).
 * `onError` hears the pool's connection errors (the server passes its logger; else stderr).
 */
export async function openConfiguredDatabase(config: Config, onError?: (error: Error) => void): Promise<OpenedDatabase> {
  const common = { strictAudit: config.strictAudit, onError };
  if (config.databaseUrl) {
    const database = await openDatabase({ kind: 'pg', url: config.databaseUrl, replicaUrl: config.databaseReplicaUrl, ...common });
    return { database, release: () => database.close() };
  }
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

/** config → database → migrations → app.listen; returns a function that stops it all. */
export async function startServer(config: Config, hooks: { afterMigrate?: (database: Database) => Promise<void> } = {}) {
  // The pool's errors go to the app's log once there is one (until then, to stderr).
  let log: FastifyBaseLogger | undefined;
  const opened = await openConfiguredDatabase(config, (error) => {
    if (log) log.error({ err: error }, 'database connection error; the pool replaces the connection');
    else process.stderr.write(`klassny: database connection error: ${error.message}\n`);
  });
  try {
    await migrateDatabase(opened.database);
    await hooks.afterMigrate?.(opened.database);
    const storage = localDiskStorage(path.join(config.dataDir, 'files'));
    const app = await buildApp({
      database: opened.database,
      logger: { level: config.logLevel },
      secretKey: resolveSecretKey(config),
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      demoPublic: config.demoPublic,
      mailer: config.smtpUrl
        ? smtpMailer(config.smtpUrl, config.mailFrom)
        : outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom),
      storage,
      archiveKeys: archiveKeySourceOf(config),
    });
    log = app.log;
    await app.listen({ port: config.port, host: config.host });
    // The embedded database is this process's alone: `klassny backup` asks it over a local socket.
    const control = config.databaseUrl ? undefined : await startControlChannel(
      config.dataDir,
      {
        backup: backupControlHandler(opened.database, storage),
        init: initControlHandler(opened.database),
        'create-admin': createAdminControlHandler(opened.database),
        'demo-remove': () => removeDemo(opened.database.db),
      },
      (error, command) => app.log.error({ err: error, command }, 'control command failed'),
    ).catch((error: unknown) => {
      app.log.warn({ err: error }, 'the control channel did not start: klassny backup cannot reach this server');
      return undefined;
    });
    // Every process may start a runner; the advisory lock lets one of them run the jobs.
    const runner = config.jobs ? new JobRunner({ database: opened.database, now: app.now, log: app.log }) : undefined;
    runner?.start();
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= (async () => {
      await runner?.stop();
      await control?.close();
      await app.close();
      await opened.release();
    })());
    return { app, stop };
  } catch (error) {
    await opened.release();
    throw error;
  }
}
