import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type Database, queryRows } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** An arbitrary constant: one process at a time migrates a shared PostgreSQL. */
const MIGRATION_LOCK = 7_150_001;

/** The database was migrated by a newer Klassny: this code must not run on it (or migrate it). */
export class MigrationsAheadError extends Error {}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await assertNoUnknownMigrations(database);
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  const lockHolder = new pg.Client({ connectionString: database.url });
  await lockHolder.connect();
  try {
    await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await assertNoUnknownMigrations(database);
    await migratePg(database.db as never, { migrationsFolder });
  } finally {
    await lockHolder.end();
  }
}

type JournalEntry = { when: number; tag: string };

function journalEntries(): JournalEntry[] {
  return (JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] }).entries;
}

export function expectedMigrationCount(): number {
  return journalEntries().length;
}

/**
 * Drizzle applies only migrations newer than the database's last one, so on a database that a newer
 * Klassny migrated it would apply nothing and run old code on a newer schema. A migration this code
 * does not know (drizzle records each by its journal time) means a newer version: refuse to start.
 */
export async function assertNoUnknownMigrations(database: Database): Promise<void> {
  if ((await appliedMigrationCount(database)) === 0) return;
  const known = new Set(journalEntries().map((e) => String(e.when)));
  const applied = await queryRows<{ createdAt: string }>(database.db,
    sql`select created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at`);
  const unknown = applied.filter((m) => !known.has(m.createdAt));
  if (unknown.length === 0) return;
  const newest = new Date(Number(unknown.at(-1)!.createdAt)).toISOString().slice(0, 16).replace('T', ' ');
  throw new MigrationsAheadError(
    `база данных обновлена более новой версией Klassny (миграций, неизвестных этой версии: ${unknown.length}, последняя от ${newest} UTC): ` +
      'установите ту версию или новее, либо восстановите копию, сделанную до обновления (docs/deploy.md, «Откат»)',
  );
}

/** How many migrations the database has applied; 0 when it was never migrated. */
export async function appliedMigrationCount(database: Database): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return result?.n ?? 0;
}
