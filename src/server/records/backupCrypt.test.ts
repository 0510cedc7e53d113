import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { schoolToBackUp } from '../../../tests/factories/backup.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Database, queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { verifyChains } from '../modules/audit/verify.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { newBackupKey, parseBackupKey, recipientOf } from './backupCrypt.ts';
import { tableRowHashes } from './backupRowsHash.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';
import { readArchiveManifest } from './restoreArchive.ts';
import { restoreBackup } from './restore.ts';

const kind = inject('database');
const SLOW = 240_000;
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-backup-crypt-'));
const folder = (name: string) => path.join(temp, name);

let source: Database;
let key: { secret: string; recipient: string };
let encrypted: BackupResult;

beforeAll(async () => {
  source = await createTestDatabase();
  const storage = localDiskStorage(folder('source-files'));
  await schoolToBackUp(source.db, storage);
  key = await newBackupKey();
  // The server may hold only the public key: the copy is made with it alone.
  encrypted = await writeBackup({ database: source, storage, dir: folder('copies'), encryptionKey: key.recipient });
}, SLOW);
afterAll(async () => {
  await source.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('an encrypted copy', () => {
  it('is a standard age file named .tar.age, with nothing readable left on the destination', () => {
    expect(path.basename(encrypted.path)).toMatch(/^klassny-.+\.tar\.age$/);
    expect(readdirSync(folder('copies'))).toEqual([path.basename(encrypted.path)]);
    expect(statSync(encrypted.path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(encrypted.path);
    expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
    expect(bytes.includes(Buffer.from('klassny-backup'))).toBe(false);
    expect(bytes.includes(Buffer.from('manifest.json'))).toBe(false);
  });

  it('restores with the secret key into an empty database, every row exactly', async () => {
    const target = await createEmptyDatabase(kind);
    try {
      expect(await readArchiveManifest(encrypted.path, key.secret)).toEqual(encrypted.manifest);
      const result = await restoreBackup({ file: encrypted.path, database: target, storage: localDiskStorage(folder('restored-files')), key: key.secret });
      expect(result.files).toBe(2);
      expect(await tableRowHashes(target.db)).toEqual(await tableRowHashes(source.db));
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
    } finally {
      await target.close();
    }
  }, SLOW);

  describe('refused with one line, the target left empty', () => {
    let target: Database;
    beforeAll(async () => {
      target = await createEmptyDatabase(kind);
    });
    afterAll(() => target.close());

    const cases: [string, () => Promise<[string, string | undefined]>, string, RegExp][] = [
      ['no key', async () => [encrypted.path, undefined], 'backup.key_required', /копия зашифрована — нужен её ключ/],
      ['another key', async () => [encrypted.path, (await newBackupKey()).secret], 'backup.wrong_key', /ключ не подходит к этой копии/],
      ['the public key', async () => [encrypted.path, key.recipient], 'backup.public_key', /нужен закрытый ключ AGE-SECRET-KEY-1…/],
      ['a flipped byte in the ciphertext', async () => {
        const file = folder('flipped.tar.age');
        const bytes = readFileSync(encrypted.path);
        bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
        writeFileSync(file, bytes);
        return [file, key.secret];
      }, 'backup.corrupt', /зашифрованные данные не сходятся/],
      ['a cut-off copy', async () => {
        const file = folder('cut.tar.age');
        copyFileSync(encrypted.path, file);
        truncateSync(file, Math.floor(statSync(file).size * 0.7));
        return [file, key.secret];
      }, 'backup.corrupt', /зашифрованные данные не сходятся/],
    ];
    for (const [what, make, code, message] of cases) {
      it(`with ${what}`, async () => {
        const [file, secret] = await make();
        const filesDir = mkdtempSync(path.join(temp, 'refused-files-'));
        const error = await restoreBackup({ file, database: target, storage: localDiskStorage(filesDir), key: secret }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe(code);
        expect((error as AppError).message).toMatch(message);
        expect((error as AppError).message).toMatch(/; восстановление не выполнено\.$/);
        expect((error as AppError).message).not.toContain('\n');
        expect(await queryRows(target.db, sql`select 1 from pg_namespace where nspname = 'drizzle'`)).toEqual([]);
        expect(readdirSync(filesDir)).toEqual([]);
      }, SLOW);
    }
  });
});

describe('backup keys', () => {
  it('reads a key file as age-keygen writes it, and gives a secret key\'s public half', async () => {
    const { secret, recipient } = await newBackupKey();
    expect(secret).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
    expect(parseBackupKey(`# created: 2026-12-07\n# public key: ${recipient}\n${secret}\n`)).toBe(secret);
    expect(await recipientOf(secret)).toBe(recipient);
    expect(await recipientOf(recipient)).toBe(recipient);
  });

  it('refuses what is not an age key before writing anything', async () => {
    for (const bad of ['hunter2', 'AGE-SECRET-KEY-1ABC', '# only a comment']) {
      const dir = folder(`never-${bad.length}`);
      const error = await writeBackup({ database: source, storage: localDiskStorage(folder('none')), dir, encryptionKey: bad }).catch((e: unknown) => e);
      expect((error as AppError).code, bad).toBe('backup.bad_key');
      expect(() => statSync(dir)).toThrow();
    }
  });
});
