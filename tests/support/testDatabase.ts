import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.ts';
import { withDatabase } from './globalSetup.ts';

/**
 * A private, migrated database for one test file, on the database this project runs on; strict, as in
 * development: a request that writes an audited table outside `db.transaction` fails (db/auditGuard.ts).
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('template');
  if (inject('database') === 'pglite') {
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([readFileSync(template)]), strictAudit: true });
  }
  const { adminUrl, templateName } = JSON.parse(template) as { adminUrl: string; templateName: string };
  const name = `${templateName}_t${randomBytes(4).toString('hex')}`;
  return ownPgDatabase(adminUrl, name, `create database ${name} template ${templateName}`, { strictAudit: true });
}

/** A new PostgreSQL database `name` made by the admin's `create` statement, dropped again on close. */
export async function ownPgDatabase(adminUrl: string, name: string, create: string, options: { strictAudit?: boolean } = {}): Promise<Database> {
  await runAsAdmin(adminUrl, create);
  const database = await openDatabase({ kind: 'pg', url: withDatabase(adminUrl, name), poolSize: 4, ...options });
  return {
    ...database,
    async close() {
      await database.close();
      await runAsAdmin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function runAsAdmin(adminUrl: string, statement: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
