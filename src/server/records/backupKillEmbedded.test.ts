import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFiles, schoolToBackUp } from '../../../tests/factories/backup.ts';
import { loadConfig } from '../config.ts';
import { CONTROL_SOCKET } from '../control/controlChannel.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { openConfiguredDatabase } from '../db/openConfigured.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';

// The embedded database: `klassny backup` asks the running server, which writes the copy through
// its own connection. Here that server is killed with SIGKILL (kill -9) half-way through a copy.
const SLOW = 240_000;
const ATTACHMENTS = 400;
const bin = path.resolve(import.meta.dirname, '../../../bin/klassny.mjs');
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-backup-kill-embedded-'));
const dataDir = path.join(temp, 'data');
const env = { DATA_DIR: dataDir, DEMO: 'false', JOBS: 'false', PORT: '0', HOST: '127.0.0.1', LOG_FILE: '-', LOG_LEVEL: 'silent' };

function klassny(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function until(ready: () => boolean, exitedFirst: Promise<unknown>): Promise<void> {
  let gone = false;
  void exitedFirst.then(() => void (gone = true));
  while (!ready()) {
    if (gone) throw new Error('the process ended before the moment the test waits for');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function rowHashes(): Promise<Record<string, string>> {
  const opened = await openConfiguredDatabase(loadConfig(env));
  try {
    return await tableRowHashes(opened.database.db);
  } finally {
    await opened.release();
  }
}

/** `klassny start` on DATA_DIR, ready once its control socket is there. */
async function startServer() {
  rmSync(path.join(dataDir, CONTROL_SOCKET), { force: true });
  const server = klassny(['start']);
  await until(() => existsSync(path.join(dataDir, CONTROL_SOCKET)), server.exited);
  return server;
}

const finalCopies = (dir: string) => readdirSync(dir).filter((name) => /^klassny-.+\.tar(\.age)?$/.test(name));

let before: Record<string, string>;
beforeAll(async () => {
  const opened = await openConfiguredDatabase(loadConfig(env));
  try {
    await migrateDatabase(opened.database);
    const storage = localDiskStorage(path.join(dataDir, 'files'));
    const { schoolId } = await schoolToBackUp(opened.database.db, storage);
    // Attachments come last in a copy and are stored inside the restore's one transaction: a restore
    // with many of them on the disk is visibly half-way.
    await attachFiles(opened.database.db, storage, schoolId, ATTACHMENTS);
  } finally {
    await opened.release();
  }
  before = await rowHashes();
}, SLOW);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the server of an embedded database killed with kill -9 during klassny backup', () => {
  it('leaves no copy under a final name and the database as it was; after a restart the next backup succeeds', async () => {
    const to = path.join(temp, 'copies');
    const server = await startServer();
    const backup = klassny(['backup', '--to', to]);
    try {
      // Half-way: the snapshot is open and tables are being written to the work folder.
      await until(() => existsSync(to) && readdirSync(to).some((name) => name.startsWith('.klassny-backup-')
        && readdirSync(path.join(to, name)).length >= 5), backup.exited);
      server.child.kill('SIGKILL');
      expect(await server.exited).toBeNull();
      expect(await backup.exited).not.toBe(0);
    } finally {
      server.child.kill('SIGKILL');
      backup.child.kill('SIGKILL');
    }
    expect(finalCopies(to)).toEqual([]);
    expect(await rowHashes()).toEqual(before);

    const restarted = await startServer();
    try {
      const again = klassny(['backup', '--to', to]);
      expect(await again.exited).toBe(0);
      expect(finalCopies(to)).toHaveLength(1);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, SLOW);
});

/** Files under `dir`, at any depth (0 when it is not there yet). */
async function filesUnder(dir: string): Promise<number> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

describe('klassny restore into a new embedded DATA_DIR killed with kill -9 half-way', () => {
  it('leaves no rows behind: a new restore into the same DATA_DIR succeeds with every row as in the copy', async () => {
    const copies = path.join(temp, 'for-restore');
    const server = await startServer();
    try {
      expect(await klassny(['backup', '--to', copies]).exited).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const copy = path.join(copies, finalCopies(copies)[0]!);
    const target = { ...env, DATA_DIR: path.join(temp, 'restored') };
    const restore = () => {
      const child = spawn(process.execPath, [bin, 'restore', copy], { env: { ...process.env, ...target }, stdio: 'ignore' });
      return { child, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
    };
    const run = restore();
    let stored = 0;
    // Half-way: every row is in (uncommitted), and a quarter of the attachments are on the disk.
    const poll = async () => {
      while (stored < ATTACHMENTS / 4) {
        stored = await filesUnder(path.join(target.DATA_DIR, 'files'));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await Promise.race([poll(), run.exited]);
    run.child.kill('SIGKILL');
    expect(await run.exited).toBeNull();
    expect(stored).toBeLessThan(ATTACHMENTS);

    expect(await restore().exited).toBe(0);
    const opened = await openConfiguredDatabase(loadConfig(target));
    try {
      expect(await tableRowHashes(opened.database.db)).toEqual(before);
    } finally {
      await opened.release();
    }
  }, SLOW);
});
