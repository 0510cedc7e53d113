import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { writeBackup } from './backupWrite.ts';

// A destination that is full or read-only, for real: a tiny tmpfs, or one mounted read-only. The
// tests run as root (as CI does), where a directory's mode bits would not stop a write.
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-backup-destination-'));
const mounted: string[] = [];

function mountTmpfs(name: string, options: string): string {
  const dir = path.join(temp, name);
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

let source: Database;
beforeAll(async () => {
  source = await createTestDatabase();
  await createSchool(source.db);
});
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
});
afterAll(async () => {
  await source.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('a backup to a destination that cannot take it', () => {
  it('is refused with one line when the destination fills up, and leaves nothing there', async () => {
    const full = mountTmpfs('full', 'size=16k');
    const error = await writeBackup({ database: source, storage: localDiskStorage(path.join(temp, 'files')), dir: full }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('backup.destination');
    expect((error as AppError).message).toBe(`Не удаётся записать копию в папку ${full}: нет места.`);
    expect(readdirSync(full)).toEqual([]);
  });

  it('is refused with one line when the destination is read-only, and leaves nothing there', async () => {
    const readOnly = mountTmpfs('read-only', 'ro,size=1m');
    const error = await writeBackup({ database: source, storage: localDiskStorage(path.join(temp, 'files')), dir: readOnly }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('backup.destination');
    expect((error as AppError).message).toBe(`Не удаётся записать копию в папку ${readOnly}: только для чтения.`);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('is refused when the destination is a file, or under one that is not a folder', async () => {
    for (const dir of ['/dev/full', '/dev/full/backups']) {
      const error = await writeBackup({ database: source, storage: localDiskStorage(path.join(temp, 'files')), dir }).catch((e: unknown) => e);
      expect((error as AppError).code, dir).toBe('backup.destination');
      expect((error as AppError).message, dir).toMatch(new RegExp(`^Не удаётся записать копию в папку ${dir}: .+\\.$`));
    }
  });

  it('still writes the copy once the destination has room', async () => {
    const roomy = mountTmpfs('roomy', 'size=8m');
    const backup = await writeBackup({ database: source, storage: localDiskStorage(path.join(temp, 'files')), dir: roomy });
    expect(readdirSync(roomy)).toEqual([path.basename(backup.path)]);
  });
});
