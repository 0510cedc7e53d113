import type { Config } from '../server/config.ts';
import { callControl } from '../server/control/controlClient.ts';
import type { Database } from '../server/db/client.ts';
import { DataDirLockedError } from '../server/db/dataDirLock.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import { openConfiguredDatabase } from '../server/main.ts';

/**
 * A writing command on the configured database: PostgreSQL directly (the server may run beside
 * it); the embedded database opened here, or, when a running server holds DATA_DIR, through that
 * server's control channel (control/controlChannel.ts) with the same body.
 */
export async function onDatabase<T>(config: Config, here: (database: Database) => Promise<T>,
  throughServer: { command: string; body: unknown }): Promise<T> {
  let opened: Awaited<ReturnType<typeof openConfiguredDatabase>>;
  try {
    opened = await openConfiguredDatabase(config);
  } catch (error) {
    if (config.databaseUrl || !(error instanceof DataDirLockedError)) throw error;
    return callControl<T>(config.dataDir, throughServer.command, throughServer.body);
  }
  try {
    await migrateDatabase(opened.database);
    return await here(opened.database);
  } finally {
    await opened.release();
  }
}
