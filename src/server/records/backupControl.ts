import path from 'node:path';
import type { Database } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { FileStorage } from '../storage/fileStorage.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';

/** What `klassny backup` prints, the same whether it made the copy itself or the running server did. */
export type BackupSummary = { path: string; bytes: number; tables: number; rows: number; files: number; missingFiles: string[] };

export const summarizeBackup = ({ path: file, bytes, manifest }: BackupResult): BackupSummary => ({
  path: file,
  bytes,
  tables: manifest.tables.length,
  rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
  files: manifest.files.length,
  missingFiles: manifest.missingFiles,
});

/**
 * The `backup` command of the control channel (control/controlChannel.ts):
 * `{ "dir": "/absolute/path", "encryptionKey"?: "age1…" }` (the public key: the secret never travels).
 */
export function backupControlHandler(database: Database, storage: FileStorage) {
  return async (body: unknown): Promise<BackupSummary> => {
    const dir = (body as { dir?: unknown } | null)?.dir;
    if (typeof dir !== 'string' || !path.isAbsolute(dir)) {
      throw new AppError('backup.bad_request', 400, 'Укажите папку для копии полным путём.');
    }
    const encryptionKey = (body as { encryptionKey?: unknown }).encryptionKey;
    if (encryptionKey !== undefined && typeof encryptionKey !== 'string') {
      throw new AppError('backup.bad_request', 400, 'Ключ шифрования копии — строка age1….');
    }
    return summarizeBackup(await writeBackup({ database, storage, dir, encryptionKey }));
  };
}
