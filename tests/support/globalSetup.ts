import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    database: 'pglite' | 'pg';
    /** PGlite: the file of a dump of a freshly migrated database. PostgreSQL: JSON {adminUrl, templateName}. */
    template: string;
  }
}

/** Migrates once per run; every test file then starts from a copy (see testDatabase.ts). */
export default async function setup(project: TestProject) {
  const database = project.config.provide?.database ?? 'pglite';
  if (database === 'pglite') {
    const db = await openDatabase({ kind: 'pglite' });
    await migrateDatabase(db);
    const client = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir('none');
    await db.close();
    const dir = mkdtempSync(path.join(tmpdir(), 'klassny-test-'));
    const file = path.join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('template', file);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `klassny_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const db = await openDatabase({ kind: 'pg', url: withDatabase(url, name), poolSize: 1 });
  await migrateDatabase(db);
  await db.close();
  project.provide('template', JSON.stringify({ adminUrl: url, templateName: name }));
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname = $1 or datname like $2`,
      [name, `${name}_t%`],
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
