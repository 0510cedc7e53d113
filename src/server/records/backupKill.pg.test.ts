import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolToBackUp } from '../../../tests/factories/backup.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Database, queryRows } from '../db/client.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';

// The real `klassny` command in a process of its own, killed with SIGKILL (kill -9) half-way: no
// handler runs, so only the design can keep a half-written copy from its final name and a
// half-loaded database from being seen.
const SLOW = 240_000;
const bin = path.resolve(import.meta.dirname, '../../../bin/klassny.mjs');
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-backup-kill-'));

function klassny(args: string[], env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: 'ignore' });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** Polls `ready` every few milliseconds until it holds; fails when the process ends first. */
async function until(ready: () => boolean | Promise<boolean>, exitedFirst: Promise<unknown>): Promise<void> {
  let gone = false;
  void exitedFirst.then(() => void (gone = true));
  while (!(await ready())) {
    if (gone) throw new Error('the command finished before it could be killed half-way');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let source: Database;
let before: Record<string, string>;
let backup: BackupResult;

beforeAll(async () => {
  source = await createTestDatabase();
  const storage = localDiskStorage(path.join(temp, 'source-files'));
  await schoolToBackUp(source.db, storage);
  before = await tableRowHashes(source.db);
  backup = await writeBackup({ database: source, storage, dir: path.join(temp, 'copies') });
}, SLOW);
afterAll(async () => {
  await source.close();
  rmSync(temp, { recursive: true, force: true });
});

const finalCopies = (dir: string) => readdirSync(dir).filter((name) => /^klassny-.+\.tar(\.age)?$/.test(name));

describe('klassny backup killed with kill -9 half-way', () => {
  it('leaves no copy under a final name and the database as it was; the next backup succeeds', async () => {
    const to = path.join(temp, 'killed-backup');
    const env = { DATABASE_URL: source.url!, DATA_DIR: path.join(temp, 'data') };
    const run = klassny(['backup', '--to', to], env);
    // Half-way: the snapshot is open and tables are being written to the work folder.
    await until(() => existsSync(to) && readdirSync(to).some((name) => name.startsWith('.klassny-backup-')
      && readdirSync(path.join(to, name)).length >= 5), run.exited);
    run.child.kill('SIGKILL');
    expect(await run.exited).toBeNull();
    expect(finalCopies(to)).toEqual([]);
    expect(await tableRowHashes(source.db)).toEqual(before);

    const again = klassny(['backup', '--to', to], env);
    expect(await again.exited).toBe(0);
    expect(finalCopies(to)).toHaveLength(1);
  }, SLOW);
});

describe('klassny restore killed with kill -9 half-way', () => {
  it('leaves the target database empty, and a new restore then succeeds', async () => {
    const target = await createEmptyDatabase('pg');
    try {
      const env = { DATABASE_URL: target.url!, DATA_DIR: path.join(temp, 'restore-data') };
      const others = async (where: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(target.db, sql`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and ${where}`))[0]!.n;
      const run = klassny(['restore', backup.path], env);
      // Half-way: the schema is made and rows are going in, inside the restore's one transaction.
      await until(async () => (await others(sql`state = 'active' and query ilike 'insert into %'`)) > 0, run.exited);
      run.child.kill('SIGKILL');
      expect(await run.exited).toBeNull();
      // PostgreSQL sees the client gone and rolls its transaction back.
      await until(async () => (await others(sql`state <> 'idle'`)) === 0, new Promise(() => undefined));
      const [left] = await queryRows<{ tables: number; drizzle: boolean }>(target.db, sql`
        select (select count(*)::int from pg_tables where schemaname = 'public') as tables,
               exists (select 1 from pg_namespace where nspname = 'drizzle') as drizzle`);
      expect(left).toEqual({ tables: 0, drizzle: false });
      expect(existsSync(path.join(temp, 'restore-data', 'files'))).toBe(false);

      const again = klassny(['restore', backup.path], env);
      expect(await again.exited).toBe(0);
      expect(await tableRowHashes(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  }, SLOW);
});
