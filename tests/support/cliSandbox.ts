import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, inject, vi } from 'vitest';
import type { Database } from '../../src/server/db/client.ts';
import { createTestDatabase } from './testDatabase.ts';

/**
 * A `klassny` command as a person runs it: its own DATA_DIR (the embedded database) or, on the
 * PostgreSQL project, a private PostgreSQL database in DATABASE_URL; what it prints is collected.
 * Call inside a `describe`; the environment is put back after each test.
 */
export function useCliSandbox(prefix: string) {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  const sandbox = { dir: '', out: [] as string[], err: [] as string[], database: undefined as Database | undefined };

  beforeEach(async () => {
    sandbox.dir = mkdtempSync(path.join(tmpdir(), prefix));
    sandbox.out = [];
    sandbox.err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void sandbox.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void sandbox.err.push(a.join(' ')));
    process.env.DATA_DIR = sandbox.dir;
    delete process.env.DATABASE_URL;
    if (inject('database') === 'pg') {
      sandbox.database = await createTestDatabase();
      process.env.DATABASE_URL = sandbox.database.url;
    }
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await sandbox.database?.close();
    sandbox.database = undefined;
    rmSync(sandbox.dir, { recursive: true, force: true });
  });
  return sandbox;
}
