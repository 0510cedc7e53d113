import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileStorage, localDiskStorage, StorageKeyNotFound } from './fileStorage.ts';

let root: string;
let storage: FileStorage;
const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'klassny-storage-'));
  storage = localDiskStorage(root);
});
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

describe('local disk storage', () => {
  it('stores a buffer or a stream under its key and reads the same bytes back', async () => {
    await storage.put('school/2025/a', Buffer.from('первый'));
    await storage.put('school/2025/b', Readable.from([Buffer.from('вто'), Buffer.from('рой')]));
    expect((await read(await storage.get('school/2025/a'))).toString()).toBe('первый');
    expect((await read(await storage.get('school/2025/b'))).toString()).toBe('второй');
    expect(await storage.exists('school/2025/a')).toBe(true);
    expect(await storage.exists('school/2025/c')).toBe(false);
    expect(await readdir(path.join(root, 'school', '2025'))).toEqual(['a', 'b']);
  });

  it('leaves nothing behind when the stream fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('начало'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put('school/2025/broken', failing)).rejects.toThrow('connection reset');
    expect(await storage.exists('school/2025/broken')).toBe(false);
    expect(await readdir(path.join(root, 'school', '2025'))).toEqual([]);
  });

  it('rejects a missing key with StorageKeyNotFound, and removes quietly', async () => {
    await expect(storage.get('school/2025/none')).rejects.toBeInstanceOf(StorageKeyNotFound);
    await storage.put('school/2025/x', Buffer.from('x'));
    await storage.remove('school/2025/x');
    await storage.remove('school/2025/x');
    expect(await storage.exists('school/2025/x')).toBe(false);
  });

  it('refuses keys that could leave its folder', async () => {
    for (const key of ['../outside', 'a/../../b', '/etc/passwd', 'a//b', '.hidden', 'a/./b', 'a\\b', '']) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow('invalid storage key');
      await expect(storage.exists(key), key).rejects.toThrow('invalid storage key');
    }
    expect(await readdir(root)).toEqual([]);
  });
});
