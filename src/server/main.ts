import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { startControlChannel } from './control/controlChannel.ts';
import { doctorControlHandler } from './doctor/facts.ts';
import { serverJobs } from './jobs/registry.ts';
import { JobRunner } from './jobs/runner.ts';
import { openServerLog } from './logging.ts';
import { outboxMailer, smtpMailer } from './mail/mailer.ts';
import { removeDemo } from './demo/removeDemo.ts';
import { archiveKeySourceOf } from './records/archiveKey.ts';
import { backupControlHandler } from './records/backupControl.ts';
import { createAdminControlHandler, initControlHandler } from './modules/setup/control.ts';
import { resolveSecretKey } from './secretKey.ts';
import { assertPortFree, assertWritableDataDir, portErrorLine, StartupError } from './startup/startupChecks.ts';
import { localDiskStorage } from './storage/fileStorage.ts';
import { openConfiguredDatabase } from './db/openConfigured.ts';
import { trackConnections } from './cluster/drain.ts';
import path from 'node:path';

/** Said at start (banner and log) and on the screen while BACKUP_DIRS is unset. */
export const SAME_DISK_WARNING = 'BACKUP_DIRS не задан: резервные копии пишутся в DATA_DIR/backups, на тот же диск, что и база. '
  + 'Это не резервная копия: укажите в BACKUP_DIRS две папки на внешних носителях.';

/** In a cluster, every answer names the worker that gave it (its number, 1, 2, …; not its pid). */
export const WORKER_HEADER = 'x-klassny-worker';
/** Requests still running this long after a stop are cut (under systemd's TimeoutStopSec=30, deploy/klassny.service). */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

// Commands that only need the database import it from db/openConfigured.ts, without the app.
export { type OpenedDatabase, openConfiguredDatabase } from './db/openConfigured.ts';

/** config → database → migrations → app.listen; returns a function that stops it all. */
export async function startServer(config: Config, hooks: {
  afterMigrate?: (database: Database) => Promise<void>;
  /** A worker of a cluster (cluster/primary.ts): the primary checked the port and migrated; answers name the worker. */
  worker?: { id: number };
} = {}) {
  // Told in one line within a second, before migrations and the demo build take their time.
  assertWritableDataDir(config.dataDir);
  if (!hooks.worker) await assertPortFree(config.port, config.host);
  // The pool's errors go to the app's log once there is one (until then, to stderr).
  let log: FastifyBaseLogger | undefined;
  const opened = await openConfiguredDatabase(config, (error) => {
    if (log) log.error({ err: error }, 'database connection error; the pool replaces the connection');
    else process.stderr.write(`klassny: database connection error: ${error.message}\n`);
  });
  const serverLog = openServerLog(config);
  try {
    if (!hooks.worker) {
      await migrateDatabase(opened.database);
      await hooks.afterMigrate?.(opened.database);
    }
    const storage = localDiskStorage(path.join(config.dataDir, 'files'));
    const app = await buildApp({
      database: opened.database,
      logger: serverLog.options,
      secretKey: resolveSecretKey(config),
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      demoPublic: config.demoPublic,
      mailer: config.smtpUrl
        ? smtpMailer(config.smtpUrl, config.mailFrom)
        : outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom),
      storage,
      archiveKeys: archiveKeySourceOf(config),
      backups: config.backups,
      streamLimits: config.streamLimits,
      pressure: config.pressure,
    });
    log = app.log;
    const connections = trackConnections(app.server);
    if (hooks.worker) connections.tagResponses(WORKER_HEADER, String(hooks.worker.id));
    if (config.backups.sameDisk) {
      app.log.warn({ dir: config.backups.dirs[0] }, SAME_DISK_WARNING);
    }
    await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      const line = portErrorLine(error, config.port, config.host);
      throw line ? new StartupError(line) : error;
    });
    // The embedded database is this process's alone: `klassny backup` asks it over a local socket.
    const control = config.databaseUrl ? undefined : await startControlChannel(
      config.dataDir,
      {
        backup: backupControlHandler(opened.database, storage),
        init: initControlHandler(opened.database),
        'create-admin': createAdminControlHandler(opened.database),
        'demo-remove': () => removeDemo(opened.database.db),
        doctor: doctorControlHandler(opened.database),
      },
      (error, command) => app.log.error({ err: error, command }, 'control command failed'),
    ).catch((error: unknown) => {
      app.log.warn({ err: error }, 'the control channel did not start: klassny backup cannot reach this server');
      return undefined;
    });
    // Every process may start a runner; the advisory lock lets one of them run the jobs.
    const jobs = serverJobs({ database: opened.database, storage, settings: config.backups });
    const runner = config.jobs ? new JobRunner({ database: opened.database, jobs, now: app.now, log: app.log }) : undefined;
    runner?.start();
    let stopping: Promise<void> | undefined;
    // Graceful: no new connections, in-flight requests finish, live streams are told to reconnect
    // (to another worker in a cluster), then the pools close.
    const stop = () => (stopping ??= (async () => {
      const jobsStopped = runner?.stop();
      const { cut } = await connections.drain(SHUTDOWN_TIMEOUT_MS, () => app.diaryBus.endStreams());
      if (cut > 0) app.log.warn({ cut, timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown: connections still busy at the time-out were cut');
      await jobsStopped;
      await control?.close();
      await app.close();
      await opened.release();
      serverLog.close();
    })());
    return { app, stop };
  } catch (error) {
    await opened.release();
    serverLog.close();
    throw error;
  }
}
