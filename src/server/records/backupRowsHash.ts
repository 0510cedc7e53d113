import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { catalogTables, tableLines, useTextOutputSettings } from './backupTables.ts';

/**
 * The SHA-256 of every table's rows, each row as the text of its columns, in primary-key order:
 * two databases of either kind hold the same rows exactly when the maps are equal. Read in one
 * REPEATABLE READ transaction, a batch at a time.
 */
export async function tableRowHashes(db: Db): Promise<Record<string, string>> {
  return db.transaction(async (tx) => {
    await useTextOutputSettings(tx);
    const hashes: Record<string, string> = {};
    for (const table of await catalogTables(tx)) {
      const hash = createHash('sha256');
      hash.update(`${table.columns.map((c) => c.name).join(',')}\n`);
      for await (const line of tableLines(tx, table)) hash.update(`${line}\n`);
      hashes[table.table] = hash.digest('hex');
    }
    return hashes;
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
