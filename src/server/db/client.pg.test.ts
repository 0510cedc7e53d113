import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Database, openDatabase, queryRows } from './client.ts';

// PostgreSQL only (`*.pg.test.ts`, see vitest.config.ts): PGlite has no pool and no server to drop a connection.
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

it('logs an idle connection dropped by the server, stays up, and answers the next query on a new one', async () => {
  const errors: Error[] = [];
  let heard!: () => void;
  const dropped = new Promise<void>((resolve) => { heard = resolve; });
  const watched = await openDatabase({ kind: 'pg', url: database.url!, poolSize: 1, onError: (error) => { errors.push(error); heard(); } });
  try {
    const pid = (await queryRows<{ pid: number }>(watched.db, sql`select pg_backend_pid() as pid`))[0]!.pid;
    // The connection is idle in the pool now; the server ends it, as at a restart or a failover.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    await dropped;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/terminat/i);
    const [after] = await queryRows<{ one: number }>(watched.db, sql`select 1 as one`);
    expect(after).toEqual({ one: 1 });
  } finally {
    await watched.close();
  }
});

it('turns PostgreSQL\'s JIT compilation off on its connections', async () => {
  const opened = await openDatabase({ kind: 'pg', url: database.url! });
  try {
    expect(await queryRows<{ jit: string }>(opened.db, sql`show jit`)).toEqual([{ jit: 'off' }]);
  } finally {
    await opened.close();
  }
});

it('refuses statements sent side by side on one transaction, which pg would queue on its one connection with a warning', async () => {
  const side = database.db.transaction((tx) => Promise.all([tx.execute(sql`select pg_sleep(0.05)`), tx.execute(sql`select 1`)]));
  await expect(side.catch((error: Error) => { throw error.cause ?? error; })).rejects.toThrow(/still running another one/);
  expect(await queryRows(database.db, sql`select 1 as n`)).toEqual([{ n: 1 }]);
  // On the pool, statements side by side take a connection each.
  const [a, b] = await Promise.all([queryRows<{ n: number }>(database.db, sql`select 1 as n`), queryRows<{ n: number }>(database.db, sql`select 2 as n`)]);
  expect([a, b]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
});
