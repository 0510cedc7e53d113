/**
 * The benchmark databases: a demo district built once into its own PostgreSQL database and kept,
 * rebuilt only when it is missing, of another size, older than the journal (no lessons) or
 * migrated by migration files that have since been rewritten.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../src/server/db/migrate.ts';
import { generateDistrict } from '../../src/server/demo/district.ts';

export const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export const databaseUrl = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function usable(name: string, schools: number): Promise<boolean> {
  const exists = await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!exists) return false;
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    const { rows } = await client.query<{ schools: number; lessons: boolean }>(
      'select (select count(*)::int from schools) as schools, exists (select 1 from lessons) as lessons');
    // A database migrated by files that are no longer there (rewritten migrations) is rebuilt.
    const known = new Set(readMigrationFiles({ migrationsFolder }).map((m) => m.hash));
    const applied = await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations');
    return rows[0]!.schools === schools && rows[0]!.lessons && applied.rows.every((m) => known.has(m.hash));
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

/**
 * Opens the district database `name` with `schools` schools (seed 1), building it first when
 * needed; pending migrations are applied either way. `poolSize` as the app's default (10).
 */
export async function openDistrict(name: string, schools: number, poolSize = 10): Promise<Database> {
  if (!(await usable(name, schools))) {
    console.log(`Строю ${name}: ${schools} школ(а), seed 1 …`);
    await admin(async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    const started = performance.now();
    const building = await openDatabase({ kind: 'pg', url: databaseUrl(name), poolSize: 3 });
    try {
      await migrateDatabase(building);
      await generateDistrict(building.db, { schools, seed: 1, concurrency: 2 });
    } finally {
      await building.close();
    }
    console.log(`  готово за ${((performance.now() - started) / 1000).toFixed(1)} с`);
  }
  const database = await openDatabase({ kind: 'pg', url: databaseUrl(name), poolSize });
  await migrateDatabase(database);
  return database;
}
