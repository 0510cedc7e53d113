import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { migrationsFolder } from '../db/migrate.ts';

/** One migration of the drizzle journal, as drizzle's migrator reads it (node_modules/drizzle-orm/migrator.js). */
export type Migration = { index: number; tag: string; createdAt: number; hash: string; statements: string[] };

/** The migrations this code knows, in order. */
export function knownMigrations(): Migration[] {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { idx: number; tag: string; when: number }[];
  };
  return journal.entries.map((entry, index) => {
    const text = readFileSync(`${migrationsFolder}/${entry.tag}.sql`, 'utf8');
    return {
      index, tag: entry.tag, createdAt: entry.when,
      hash: createHash('sha256').update(text).digest('hex'),
      statements: text.split('--> statement-breakpoint'),
    };
  });
}

/** The latest migration the database applied (drizzle's table), or null when it was never migrated. */
export async function latestAppliedMigration(db: Db): Promise<{ createdAt: number; count: number } | null> {
  const [present] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!present?.present) return null;
  const [row] = await queryRows<{ created_at: string | null; n: number }>(db,
    sql`select max(created_at)::text as created_at, count(*)::int as n from drizzle.__drizzle_migrations`);
  if (!row?.created_at) return null;
  return { createdAt: Number(row.created_at), count: row.n };
}

/** The same DDL drizzle's migrator runs before the first migration (pg-core/dialect.js). */
export async function ensureMigrationsTable(tx: Db): Promise<void> {
  await tx.execute(sql`create schema if not exists "drizzle"`);
  await tx.execute(sql`create table if not exists "drizzle"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)`);
}

/**
 * Runs the migrations inside the caller's transaction, as drizzle's migrator does (statements, then
 * the row in drizzle's table), so a restore is one transaction from empty to done: drizzle's own
 * `migrate` would open a transaction of its own.
 */
export async function applyMigrations(tx: Db, migrations: Migration[], record: boolean): Promise<void> {
  for (const migration of migrations) {
    for (const statement of migration.statements) await tx.execute(sql.raw(statement));
    if (record) {
      await tx.execute(sql`insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values (${migration.hash}, ${migration.createdAt})`);
    }
  }
}
