import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schoolToBackUp } from '../../../tests/factories/backup.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import type { Database } from '../db/client.ts';
import { verifyChains } from '../modules/audit/verify.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';
import { writeBackup } from './backupWrite.ts';
import { restoreBackup } from './restore.ts';

// A copy of the embedded database restores into PostgreSQL (moving to PostgreSQL) and the other way round.
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-cross-backup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each([['pglite', 'pg'], ['pg', 'pglite']] as const)('a backup of %s restored into %s', (from, to) => {
  it('holds every row exactly, the attachments, and an audit chain that verifies', async () => {
    const dir = mkdtempSync(path.join(temp, `${from}-`));
    const databases: Database[] = [];
    try {
      const source = await createEmptyDatabase(from, { migrated: true });
      databases.push(source);
      const sourceStorage = localDiskStorage(path.join(dir, 'source-files'));
      const { fileKeys } = await schoolToBackUp(source.db, sourceStorage);
      const backup = await writeBackup({ database: source, storage: sourceStorage, dir: path.join(dir, 'copies') });
      expect(backup.manifest.database).toBe(from);
      const target = await createEmptyDatabase(to);
      databases.push(target);
      const targetStorage = localDiskStorage(path.join(dir, 'target-files'));
      await restoreBackup({ file: backup.path, database: target, storage: targetStorage });
      expect(await tableRowHashes(target.db)).toEqual(await tableRowHashes(source.db));
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
      for (const key of fileKeys) expect(await targetStorage.exists(key)).toBe(true);
    } finally {
      for (const d of databases) await d.close();
    }
  }, 600_000);
});
