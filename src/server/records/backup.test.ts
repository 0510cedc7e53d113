import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, copyFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachFiles, schoolToBackUp } from '../../../tests/factories/backup.ts';
import { readTar, withEditedManifest, withFlippedByte, writeTar } from '../../../tests/support/backupArchive.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type Database, queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { verifyChains } from '../modules/audit/verify.ts';
import { type FileStorage, localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';
import { catalogTables } from './backupTables.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';
import { readArchiveManifest } from './restoreArchive.ts';
import { knownMigrations } from './restoreMigrations.ts';
import { restoreBackup } from './restore.ts';

const kind = inject('database');
/** A demo school's backup and restore take tens of seconds on PGlite on a busy machine. */
const SLOW = 240_000;
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-backup-test-'));
const folder = (name: string) => path.join(temp, name);

let source: Database;
let sourceStorage: FileStorage;
let fileKeys: string[];
let backup: BackupResult;

beforeAll(async () => {
  source = await createTestDatabase();
  sourceStorage = localDiskStorage(folder('source-files'));
  ({ fileKeys } = await schoolToBackUp(source.db, sourceStorage));
  backup = await writeBackup({ database: source, storage: sourceStorage, dir: folder('copies') });
}, SLOW);
afterAll(async () => {
  await source.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Restores `file` into a new empty database of this project's kind; hands it over with its storage folder. */
async function restoreIntoEmpty(file: string, use: (target: Database, filesDir: string) => Promise<void>) {
  const target = await createEmptyDatabase(kind);
  const filesDir = mkdtempSync(path.join(temp, 'target-files-'));
  try {
    await use(target, filesDir);
  } finally {
    await target.close();
  }
}

const appTables = async (database: Database) => (await catalogTables(database.db)).filter((t) => t.schema === 'public');

describe('writeBackup', () => {
  it('writes one tar under its final name only, with the manifest first and a gzip file per table', async () => {
    expect(path.basename(backup.path)).toMatch(/^klassny-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{4}\.tar$/);
    expect(readdirSync(folder('copies'))).toEqual([path.basename(backup.path)]);
    expect(statSync(backup.path).mode & 0o777).toBe(0o600);
    const entries = await readTar(backup.path);
    expect(entries.slice(0, 2).map((e) => e.name)).toEqual(['manifest.json', 'manifest.sha256']);
    const { manifest } = backup;
    expect(entries.slice(2).map((e) => e.name)).toEqual([...manifest.tables.map((t) => t.file), ...manifest.files.map((f) => f.file)]);
    expect(manifest.tables.map((t) => t.table)).toContain('drizzle.__drizzle_migrations');
    const order = manifest.tables.map((t) => t.table);
    expect(order.indexOf('public.schools')).toBeLessThan(order.indexOf('public.students'));
    expect(order.indexOf('public.lessons')).toBeLessThan(order.indexOf('public.marks'));
    expect(manifest.files.map((f) => f.key).sort()).toEqual([...fileKeys].sort());
    expect(manifest.missingFiles).toEqual([]);
  });

  it('records the migration, the app version, row counts and every school\'s chain head as the database has them', async () => {
    const { manifest } = backup;
    const last = knownMigrations().at(-1)!;
    expect(manifest).toMatchObject({ format: 'klassny-backup', formatVersion: 1, database: kind, appVersion: '0.1.0' });
    expect(manifest.migration).toEqual({ tag: last.tag, createdAt: last.createdAt, count: knownMigrations().length });
    const heads = await queryRows<{ school_id: string; last_seq: string; last_hash: string }>(source.db,
      sql`select school_id, last_seq::text, last_hash from audit_chain_heads order by school_id`);
    expect(manifest.auditChains).toEqual(heads.map((h) => ({ schoolId: h.school_id, lastSeq: Number(h.last_seq), lastHash: h.last_hash })));
    expect(manifest.auditChains[0]!.lastSeq).toBeGreaterThan(0);
    const [marks] = await queryRows<{ n: number }>(source.db, sql`select count(*)::int as n from marks`);
    expect(manifest.tables.find((t) => t.table === 'public.marks')!.rows).toBe(marks!.n);
  });

  it('lets the manifest, with its chain heads, be read and checked without reading the tables', async () => {
    expect(await readArchiveManifest(backup.path)).toEqual(backup.manifest);
    const flipped = folder('flipped-manifest-only.tar');
    withFlippedByte(backup.path, flipped, 'manifest.json', 300);
    await expect(readArchiveManifest(flipped)).rejects.toMatchObject({ code: 'backup.corrupt' });
  });
});

describe('restoreBackup into an empty database of the same kind', () => {
  it('restores every row exactly, the files, and an audit chain that verifies', async () => {
    await restoreIntoEmpty(backup.path, async (target, filesDir) => {
      const result = await restoreBackup({ file: backup.path, database: target, storage: localDiskStorage(filesDir) });
      expect(result.files).toBe(2);
      expect(await tableRowHashes(target.db)).toEqual(await tableRowHashes(source.db));
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
      for (const key of fileKeys) {
        expect(await readFile(path.join(filesDir, ...key.split('/')))).toEqual(await readFile(path.join(folder('source-files'), ...key.split('/'))));
      }
      // The restored database takes new writes: the chain continues, the migrations are all recorded.
      await attachFiles(target.db, localDiskStorage(filesDir), backup.manifest.auditChains[0]!.schoolId, 1);
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
    });
  }, SLOW);
});

describe('restoreBackup refuses, with one clear line, and leaves the target empty', () => {
  const refusals: [string, (file: string) => Promise<void> | void, string, RegExp][] = [
    ['an archive of a newer format', (file) => withEditedManifest(backup.path, file, (m) => { m.formatVersion = 2; }),
      'backup.newer_format', /копия в формате версии 2, а эта версия Klassny читает формат до версии 1: обновите Klassny/],
    ['an archive of an unknown migration', (file) => withEditedManifest(backup.path, file, (m) => {
      m.migration = { tag: '9999_from_the_future', createdAt: 4_000_000_000_000, count: 99 };
    }), 'backup.unknown_migration', /миграция 9999_from_the_future этой версии неизвестна/],
    ['a truncated archive', (file) => { copyFileSync(backup.path, file); truncateSync(file, Math.floor(statSync(file).size / 2)); },
      'backup.truncated', /копия обрезана/],
    ['a flipped byte in a table file', (file) => withFlippedByte(backup.path, file, 'tables/public.marks.ndjson.gz'),
      'backup.corrupt', /tables\/public\.marks\.ndjson\.gz не совпадает со своим хешем SHA-256/],
    ['a flipped byte in the manifest', (file) => withFlippedByte(backup.path, file, 'manifest.json', 300),
      'backup.corrupt', /manifest\.json не совпадает со своим хешем SHA-256/],
    ['a foreign tar', (file) => writeTar(file, [{ name: 'notes.txt', data: Buffer.from('не копия') }]),
      'backup.foreign', /это не резервная копия Klassny/],
    ['a file that is not a tar', (file) => writeTar(file, []).then(() => copyFileSync(path.join(import.meta.dirname, 'manifest.ts'), file)),
      'backup.foreign', /это не резервная копия Klassny/],
  ];

  // One empty target for all: each refusal must leave it as empty as it found it.
  let target: Database;
  let filesDir: string;
  beforeAll(async () => {
    target = await createEmptyDatabase(kind);
    filesDir = mkdtempSync(path.join(temp, 'refused-files-'));
  });
  afterAll(() => target.close());

  for (const [what, make, code, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const file = folder(`${code}-${what.replaceAll(' ', '-')}.tar`);
      await make(file);
      const error = await restoreBackup({ file, database: target, storage: localDiskStorage(filesDir) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect((error as AppError).message).toMatch(message);
      expect((error as AppError).message).not.toContain('\n');
      expect(await appTables(target)).toEqual([]);
      expect(await queryRows(target.db, sql`select 1 from pg_namespace where nspname = 'drizzle'`)).toEqual([]);
      expect(readdirSync(filesDir)).toEqual([]);
    });
  }

  it('refuses a target that holds a school, and writes nothing into it', async () => {
    const before = await tableRowHashes(source.db);
    const error = await restoreBackup({ file: backup.path, database: source, storage: localDiskStorage(folder('never')) }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('restore.target_not_empty');
    expect((error as AppError).message).toBe('База не пуста: восстановить копию можно только в пустую базу '
      + '(новая папка DATA_DIR или пустая база PostgreSQL); ничего не записано.');
    expect(await tableRowHashes(source.db)).toEqual(before);
    expect(existsSync(folder('never'))).toBe(false);
  });

  it('rolls the whole load back when a row fails on the way in (a row count that does not match)', async () => {
    const file = folder('wrong-count.tar');
    await withEditedManifest(backup.path, file, (m) => {
      const tables = m.tables as { table: string; rows: number }[];
      tables.find((t) => t.table === 'public.marks')!.rows += 1;
    });
    const target = await createEmptyDatabase(kind, { migrated: true });
    const filesDir = mkdtempSync(path.join(temp, 'target-files-'));
    try {
      const error = await restoreBackup({ file, database: target, storage: localDiskStorage(filesDir) }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('backup.corrupt');
      expect((error as AppError).message).toMatch(/в tables\/public\.marks\.ndjson\.gz \d+ строк вместо \d+/);
      const [counts] = await queryRows<{ schools: number; migrations: number }>(target.db,
        sql`select (select count(*)::int from schools) as schools, (select count(*)::int from drizzle.__drizzle_migrations) as migrations`);
      expect(counts).toEqual({ schools: 0, migrations: knownMigrations().length });
      expect(readdirSync(filesDir)).toEqual([]);
    } finally {
      await target.close();
    }
  }, SLOW);
});

describe('a backup taken while the school is being written', () => {
  it('holds the rows of the moment its snapshot began, and chain heads that match those rows', async () => {
    const storage = sourceStorage;
    const schoolId = backup.manifest.auditChains[0]!.schoolId;
    let written: Promise<string[]> | undefined;
    const during = await writeBackup({
      database: source, storage, dir: folder('during'),
      onSnapshot: async () => {
        written = attachFiles(source.db, storage, schoolId, 1);
        // PostgreSQL: the write commits on another connection while the snapshot stays open.
        // PGlite has one connection: the write waits for the backup's transaction to end.
        if (kind === 'pg') await written;
      },
    });
    const [lateKey] = await written!;
    const [head] = await queryRows<{ last_seq: string }>(source.db, sql`select last_seq::text from audit_chain_heads where school_id = ${schoolId}`);
    const inCopy = during.manifest.auditChains.find((c) => c.schoolId === schoolId)!;
    expect(Number(head!.last_seq)).toBeGreaterThan(inCopy.lastSeq);
    expect(during.manifest.files.map((f) => f.key)).not.toContain(lateKey);
    await restoreIntoEmpty(during.path, async (target, filesDir) => {
      await restoreBackup({ file: during.path, database: target, storage: localDiskStorage(filesDir) });
      const [late] = await queryRows<{ n: number }>(target.db, sql`select count(*)::int as n from attachments where storage_key = ${lateKey!}`);
      expect(late!.n).toBe(0);
      const [restored] = await queryRows<{ last_seq: string; last_hash: string; max_seq: string; max_hash: string }>(target.db, sql`
        select h.last_seq::text, h.last_hash, e.seq::text as max_seq, e.hash as max_hash from audit_chain_heads h
        join audit_entries e on e.school_id = h.school_id and e.seq = (select max(seq) from audit_entries where school_id = h.school_id)
        where h.school_id = ${schoolId}`);
      expect(restored).toEqual({ last_seq: String(inCopy.lastSeq), last_hash: inCopy.lastHash, max_seq: String(inCopy.lastSeq), max_hash: inCopy.lastHash });
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
    });
  }, SLOW);
});
