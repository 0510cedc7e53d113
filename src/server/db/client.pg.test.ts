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
