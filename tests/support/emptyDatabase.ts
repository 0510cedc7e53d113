import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { ownPgDatabase } from './testDatabase.ts';

/**
 * A database with nothing in it, not even the schema (what `klassny restore` is pointed at): an
 * in-memory PGlite, or a new PostgreSQL database (on the PostgreSQL project only). `migrated`: the
 * current schema and no rows, as after `klassny migrate`.
 */
export async function createEmptyDatabase(kind: 'pglite' | 'pg', options: { migrated?: boolean } = {}): Promise<Database> {
  const database = kind === 'pglite' ? await openDatabase({ kind: 'pglite' }) : await emptyPgDatabase();
  if (options.migrated) await migrateDatabase(database);
  return database;
}

async function emptyPgDatabase(): Promise<Database> {
  if (inject('database') !== 'pg') throw new Error('an empty PostgreSQL database needs the pg project (TEST_DATABASE_URL)');
  const { adminUrl } = JSON.parse(inject('template')) as { adminUrl: string };
  const name = `klassny_empty_${randomBytes(4).toString('hex')}`;
  return ownPgDatabase(adminUrl, name, `create database ${name}`);
}
