import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { type Database, type Db, queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { type FileStorage, StorageKeyNotFound } from '../storage/fileStorage.ts';
import { ENCRYPTED_EXTENSION, encrypting, recipientOf } from './backupCrypt.ts';
import { type CatalogTable, catalogTables, tableLines, useTextOutputSettings } from './backupTables.ts';
import {
  BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type ChainHead, MANIFEST_ENTRY, MANIFEST_HASH_ENTRY, type Manifest, type ManifestFile,
  type ManifestTable,
} from './manifest.ts';
import { knownMigrations, latestAppliedMigration } from './restoreMigrations.ts';

export type BackupOptions = {
  database: Database;
  /** Where the homework attachments are (DATA_DIR/files). */
  storage: FileStorage;
  /** The folder the archive goes to; made when missing. */
  dir: string;
  now?: () => Date;
  /**
   * Encrypts the copy with age (backupCrypt.ts) to this key: a public key (age1…) or a secret one
   * (AGE-SECRET-KEY-1…, whose public half is used). The copy is then `klassny-….tar.age`.
   */
  encryptionKey?: string;
  /**
   * Where the tables wait, gzipped but not encrypted, until they are packed: by default the
   * destination for a plain copy, and the system's temporary folder for an encrypted one, so that
   * nothing readable lands on the destination medium even when the process is killed half-way.
   */
  workDir?: string;
  /** Called once the snapshot is taken, while its transaction is still open (tests write then). */
  onSnapshot?: () => Promise<void> | void;
};

export type BackupResult = { path: string; bytes: number; manifest: Manifest };

const APP_VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * One archive of the whole database and its stored files, taken while the server keeps serving:
 * every table is read in one REPEATABLE READ, read-only transaction (one consistent snapshot),
 * a batch at a time, into gzip files in a work folder; the files are copied after it; then
 * `manifest.json` and everything else go into one tar, written under a temporary name and renamed
 * only when complete (a copy under the final name is always whole).
 */
export async function writeBackup(options: BackupOptions): Promise<BackupResult> {
  const createdAt = (options.now ?? (() => new Date()))();
  const dir = path.resolve(options.dir);
  // A bad key is refused before anything is read or written.
  const recipient = options.encryptionKey === undefined ? undefined : await recipientOf(options.encryptionKey);
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw destinationError(dir, error);
  });
  const workDir = options.workDir ?? (recipient ? tmpdir() : dir);
  const work = await mkdtemp(path.join(workDir, '.klassny-backup-')).catch((error: NodeJS.ErrnoException) => {
    throw destinationError(workDir, error);
  });
  const name = `klassny-${createdAt.toISOString().replaceAll(':', '-').replace('.', '-')}-${randomBytes(2).toString('hex')}.tar`
    + (recipient ? ENCRYPTED_EXTENSION : '');
  const partial = path.join(dir, `.${name}.partial`);
  try {
    const snapshot = await options.database.db.transaction(
      (tx) => readSnapshot(tx, work, options.onSnapshot),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const { files, missingFiles } = await copyStoredFiles(options.storage, snapshot.storageKeys, work);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      appVersion: APP_VERSION,
      database: options.database.kind,
      migration: snapshot.migration,
      auditChains: snapshot.chains,
      sequences: snapshot.sequences,
      tables: snapshot.tables.map((t) => t.entry),
      files: files.map((f) => f.entry),
      missingFiles,
    };
    await packArchive(partial, manifest, [...snapshot.tables, ...files], createdAt, recipient);
    const target = path.join(dir, name);
    await rename(partial, target);
    const handle = await open(target, 'r');
    const { size } = await handle.stat().finally(() => handle.close());
    return { path: target, bytes: size, manifest };
  } catch (error) {
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC' || (error as NodeJS.ErrnoException).code === 'EROFS') {
      throw destinationError(dir, error as NodeJS.ErrnoException);
    }
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function destinationError(dir: string, error: NodeJS.ErrnoException): AppError {
  const why = error.code === 'ENOSPC' ? 'нет места' : error.code === 'EROFS' ? 'только для чтения'
    : error.code === 'EACCES' || error.code === 'EPERM' ? 'нет прав на запись' : error.message;
  return new AppError('backup.destination', 409, `Не удаётся записать копию в папку ${dir}: ${why}.`);
}

/** A file of the work folder and its tar entry. */
type Staged = { temp: string; name: string; bytes: number };
type StagedTable = Staged & { entry: ManifestTable };
type StagedFile = Staged & { entry: ManifestFile };

async function readSnapshot(tx: Db, work: string, onSnapshot: BackupOptions['onSnapshot']) {
  await useTextOutputSettings(tx);
  // The first read takes the snapshot: every later read of this transaction sees the same moment.
  const chains = (await queryRows<{ school_id: string; last_seq: string; last_hash: string }>(tx,
    sql`select school_id, last_seq::text, last_hash from audit_chain_heads order by school_id`))
    .map((r): ChainHead => ({ schoolId: r.school_id, lastSeq: Number(r.last_seq), lastHash: r.last_hash }));
  await onSnapshot?.();
  const migration = await sourceMigration(tx);
  const storageKeys: string[] = [];
  const tables: StagedTable[] = [];
  for (const table of await catalogTables(tx)) {
    const keyColumn = table.table === 'public.attachments' ? table.columns.findIndex((c) => c.name === 'storage_key') : -1;
    const onLine = keyColumn < 0 ? undefined : (line: string) => {
      const key = (JSON.parse(line) as (string | null)[])[keyColumn];
      if (key) storageKeys.push(key);
    };
    tables.push(await dumpTable(tx, table, path.join(work, `table-${tables.length}.gz`), onLine));
  }
  // Read last: a sequence is not part of the snapshot, and a value past the rows' is what matters.
  const sequences = (await queryRows<{ schema: string; name: string; last_value: string }>(tx, sql`
    select schemaname as schema, sequencename as name, last_value::text from pg_sequences
    where schemaname in ('public', 'drizzle') and last_value is not null order by 1, 2`))
    .map((s) => ({ schema: s.schema, name: s.name, lastValue: s.last_value }));
  return { chains, migration, tables, sequences, storageKeys };
}

async function sourceMigration(tx: Db): Promise<Manifest['migration']> {
  const latest = await latestAppliedMigration(tx);
  if (!latest) throw new AppError('backup.not_migrated', 409, 'База не создана (нет ни одной миграции): копировать нечего.');
  const known = knownMigrations().find((m) => m.createdAt === latest.createdAt);
  if (!known) {
    throw new AppError('backup.unknown_migration', 409, 'База изменена более новой версией Klassny, чем эта: сделайте копию ею.');
  }
  return { tag: known.tag, createdAt: known.createdAt, count: latest.count };
}

async function dumpTable(tx: Db, table: CatalogTable, temp: string, onLine?: (line: string) => void): Promise<StagedTable> {
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  // Lines go to gzip in chunks of about 64 KiB: a stream write per row would cost more than the row.
  async function* lines() {
    let chunk = '';
    for await (const line of tableLines(tx, table)) {
      rows++;
      onLine?.(line);
      chunk += `${line}\n`;
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), createGzip(), hashing(hash, (n) => void (bytes += n)), createWriteStream(temp, { flags: 'wx' }));
  const name = `tables/${table.table}.ndjson.gz`;
  const entry = { table: table.table, file: name, columns: table.columns.map((c) => c.name), rows, bytes, sha256: hash.digest('hex') };
  return { temp, name, bytes, entry };
}

const hashing = (hash: ReturnType<typeof createHash>, count: (n: number) => void) =>
  async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk);
      count(chunk.length);
      yield chunk;
    }
  };

/** Copies each attachment into the work folder (a stable copy, hashed on the way). */
async function copyStoredFiles(storage: FileStorage, keys: string[], work: string) {
  const files: StagedFile[] = [];
  const missingFiles: string[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const source = await storage.get(key).catch((error: unknown) => {
      if (error instanceof StorageKeyNotFound) return undefined;
      throw error;
    });
    if (!source) {
      missingFiles.push(key);
      continue;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const temp = path.join(work, `file-${files.length}`);
    await pipeline(source, hashing(hash, (n) => void (bytes += n)), createWriteStream(temp, { flags: 'wx' }));
    const name = `files/${key}`;
    files.push({ temp, name, bytes, entry: { key, file: name, bytes, sha256: hash.digest('hex') } });
  }
  return { files, missingFiles };
}

async function packArchive(target: string, manifest: Manifest, staged: Staged[], mtime: Date, recipient: string | undefined): Promise<void> {
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestHash = `${createHash('sha256').update(manifestBytes).digest('hex')}\n`;
  const pack = tar.pack();
  const out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
  const written = recipient ? pipeline(await encrypting(pack, recipient), out) : pipeline(pack, out);
  const add = (name: string, bytes: number, source: Buffer | string) => new Promise<void>((resolve, reject) => {
    const header = { name, size: bytes, mode: 0o600, mtime };
    if (typeof source !== 'string') {
      pack.entry(header, source, (error) => (error ? reject(error) : resolve()));
      return;
    }
    const entry = pack.entry(header, (error) => (error ? reject(error) : resolve()));
    createReadStream(source).on('error', reject).pipe(entry as unknown as NodeJS.WritableStream);
  });
  try {
    await add(MANIFEST_ENTRY, manifestBytes.length, manifestBytes);
    await add(MANIFEST_HASH_ENTRY, Buffer.byteLength(manifestHash), Buffer.from(manifestHash));
    for (const s of staged) await add(s.name, s.bytes, s.temp);
    pack.finalize();
    await written;
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  const handle = await open(target, 'r+');
  await handle.sync().finally(() => handle.close());
}
