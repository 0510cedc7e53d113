import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolToBackUp } from '../../../tests/factories/backup.ts';
import { loadConfig } from '../config.ts';
import { CONTROL_SOCKET } from '../control/controlChannel.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { openConfiguredDatabase } from '../db/openConfigured.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';

// The embedded database: `klassny backup` asks the running server, which writes the copy through
// its own connection. Here that server is killed with SIGKILL (kill -9) half-way through a copy.
const SLOW = 240_000;
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
    await schoolToBackUp(opened.database.db, localDiskStorage(path.join(dataDir, 'files')));
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
