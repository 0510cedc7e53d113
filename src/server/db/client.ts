import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { guardWritesOutsideTransactions } from './auditGuard.ts';
import { guardBusyConnections } from './busyConnectionGuard.ts';
import { auditContextQuery } from './requestContext.ts';

export type Schema = typeof schema;
/** The primary database or an open transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  kind: 'pglite' | 'pg';
  /** PostgreSQL connection string; undefined for PGlite. */
  url?: string;
  /** The primary: every write goes here. */
  db: Db;
  /** A streaming replica when one is configured, else the primary; for read-only screens. */
  readDb: Db;
  close(): Promise<void>;
};

export type DatabaseOptions = (
  | { kind: 'pg'; url: string; replicaUrl?: string; poolSize?: number }
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
    // JIT off: PostgreSQL compiles a statement once its estimated cost passes jit_above_cost, and
    // the reports' set-based statements pass it; compiling took 250 ms of a 2 s municipal summary
    // and saved nothing (EXPLAIN ANALYZE, bench/README.md). An `options` in the URL still wins.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: '-c jit=off' });
    const replica = options.replicaUrl
      ? new pg.Pool({ connectionString: options.replicaUrl, max: options.poolSize ?? 10, options: '-c jit=off' })
      : undefined;
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query. It is logged, so that a flapping database shows.
    const onError = options.onError ?? logToStderr;
    for (const p of [pool, replica]) p?.on('error', (error) => onError(error));
    if (options.strictAudit) for (const p of [pool, replica]) if (p) guardBusyConnections(p);
    const db = withAuditContext(drizzlePg({ client: pool, schema }) as unknown as Db, options.strictAudit);
    const readDb = replica ? (drizzlePg({ client: replica, schema }) as unknown as Db) : db;
    return {
      kind: 'pg',
      url: options.url,
      db,
      readDb,
      async close() {
        await pool.end();
        await replica?.end();
      },
    };
  }
  const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  await client.waitReady;
  const db = withAuditContext(drizzlePglite({ client, schema }) as unknown as Db, options.strictAudit);
  return { kind: 'pglite', db, readDb: db, close: () => client.close() };
}

/**
 * Every transaction first hands the request's actor to the audit triggers (transaction-local
 * settings, see requestContext.ts), so each change is attributed without the services passing it.
 * Strict: a write to an audited table on the root handle during a request throws (auditGuard.ts).
 */
function withAuditContext(db: Db, strict = false): Db {
  if (strict) guardWritesOutsideTransactions(db);
  const original = db.transaction.bind(db);
  db.transaction = ((run, config) => original(async (tx) => {
    const settings = auditContextQuery();
    if (settings) await tx.execute(settings);
    return run(tx);
  }, config)) as Db['transaction'];
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
