import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { openPools } from './pools.ts';
import * as schema from './schema/index.ts';
import { guardWritesOutsideTransactions } from './auditGuard.ts';
import { auditContextQuery } from './requestContext.ts';
import { createEmbeddedFolder, EMBEDDED_START_PARAMS, embeddedFolderExists } from './embeddedFolder.ts';

export type Schema = typeof schema;
/** The primary database or an open transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  kind: 'pglite' | 'pg';
  /** PostgreSQL connection string; undefined for PGlite. */
  url?: string;
  /** The primary: every write goes here (pools.ts: reads of GET requests on a pool of their own). */
  db: Db;
  /**
   * A streaming replica when one is configured, else the primary; for read-only screens. The person
   * whose write the replica has not replayed yet reads from the primary (read-your-writes).
   */
  readDb: Db;
  close(): Promise<void>;
};

export type DatabaseOptions = (
  /**
   * `poolSize`: connections for reading requests, on the primary and on the replica each (default 10);
   * `writePoolSize`: connections reserved for transactions and writing requests (default half of it).
   */
  | { kind: 'pg'; url: string; replicaUrl?: string; poolSize?: number; writePoolSize?: number }
  /** `dataDir` undefined = in memory (tests); `loadDataDir` restores a dump made by `dumpDataDir`. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
) & {
  /**
   * Development and tests: a write to an audited table made during a request outside `db.transaction`
   * throws instead of being logged as «система» (auditGuard.ts), and so does a query sent on a
   * PostgreSQL connection that is still running another one (busyConnectionGuard.ts). Off in production.
   */
  strictAudit?: boolean;
  /** Errors of idle pooled connections (PostgreSQL); by default one line on stderr. */
  onError?: (error: Error) => void;
};

// pg parses `date` into a JS Date at local midnight; school-local dates stay 'YYYY-MM-DD' strings.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'pg') {
    const readPoolSize = options.poolSize ?? 10;
    const pools = openPools({
      url: options.url,
      replicaUrl: options.replicaUrl,
      readPoolSize,
      writePoolSize: options.writePoolSize ?? Math.max(2, Math.ceil(readPoolSize / 2)),
      strict: options.strictAudit ?? false,
      onError: options.onError ?? logToStderr,
    });
    const db = withAuditContext(drizzlePg({ client: pools.primary, schema }) as unknown as Db, options.strictAudit, pools.noteCommit);
    const readDb = pools.replica ? (drizzlePg({ client: pools.replica, schema }) as unknown as Db) : db;
    return { kind: 'pg', url: options.url, db, readDb, close: () => pools.end() };
  }
  if (options.dataDir && !options.loadDataDir && !embeddedFolderExists(options.dataDir)) await createEmbeddedFolder(options.dataDir);
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, startParams: EMBEDDED_START_PARAMS });
  await client.waitReady;
  const db = withAuditContext(drizzlePglite({ client, schema }) as unknown as Db, options.strictAudit);
  return { kind: 'pglite', db, readDb: db, close: () => client.close() };
}

/**
 * Every transaction first hands the request's actor to the audit triggers (transaction-local
 * settings, see requestContext.ts), so each change is attributed without the services passing it.
 * Strict: a write to an audited table on the root handle during a request throws (auditGuard.ts).
 */
function withAuditContext(db: Db, strict = false, afterCommit?: () => Promise<void>): Db {
  if (strict) guardWritesOutsideTransactions(db);
  const original = db.transaction.bind(db);
  db.transaction = (async (run, config) => {
    const result = await original(async (tx) => {
      const settings = auditContextQuery();
      if (settings) await tx.execute(settings);
      return run(tx);
    }, config);
    await afterCommit?.();
    return result;
  }) as Db['transaction'];
  return db;
}

function logToStderr(error: Error): void {
  process.stderr.write(`klassny: database connection error (the pool replaces the connection): ${error.message}\n`);
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
