import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files live (homework attachments). One interface, so a school on one machine
 * keeps them under DATA_DIR/files and a district can put them elsewhere without touching modules.
 * Keys are made by the server (`<schoolId>/<yyyy>/<uuid>`), never from a client's file name.
 */
export interface FileStorage {
  /** Stores the bytes under the key; the key becomes visible only once the whole file is written. */
  put(key: string, data: Readable | Buffer): Promise<void>;
  /** The stored bytes; rejects with `StorageKeyNotFound` when there are none. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes (cleanup of a write whose record was not committed); no error when absent. */
  remove(key: string): Promise<void>;
}

export class StorageKeyNotFound extends Error {
  constructor(readonly key: string) {
    super(`no stored file under ${key}`);
  }
}

/** Segments of letters, digits, '-' and '_', joined by '/': nothing can climb out of the root. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

export function assertStorageKey(key: string): void {
  if (key.length > 300 || !KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

/** Files on the local disk under `root` (DATA_DIR/files by default), written to a temp file and renamed into place. */
export function localDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const pathOf = (key: string) => {
    assertStorageKey(key);
    const full = path.resolve(base, ...key.split('/'));
    if (!full.startsWith(base + path.sep)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    return full;
  };
  return {
    async put(key, data) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // The temp file sits beside the target, so the rename stays on one file system (atomic).
      const temp = path.join(path.dirname(target), `.upload-${randomUUID()}`);
      try {
        await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, createWriteStream(temp, { flags: 'wx' }));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      const handle = await open(pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
        throw error.code === 'ENOENT' ? new StorageKeyNotFound(key) : error;
      });
      return handle.createReadStream();
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
