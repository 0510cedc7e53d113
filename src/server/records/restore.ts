import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { type Database, type Db, queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { FileStorage } from '../storage/fileStorage.ts';
import { type CatalogTable, catalogTables, qualified, quoteIdent, useTextOutputSettings } from './backupTables.ts';
import type { Manifest, ManifestFile, ManifestTable } from './manifest.ts';
import {
  type ArchiveEntry, archiveEntries, asArchiveError, checkArchive, corruptArchive, promisedEntries, readManifest,
} from './restoreArchive.ts';
import { applyMigrations, ensureMigrationsTable, knownMigrations, latestAppliedMigration } from './restoreMigrations.ts';

export type RestoreOptions = {
  /** The archive written by `writeBackup`. */
  file: string;
  /** The target: an empty database of either kind (never migrated, or migrated with no rows). */
  database: Database;
  /** Where the attachments go (DATA_DIR/files). */
  storage: FileStorage;
  /** The secret key (AGE-SECRET-KEY-1…) of an encrypted copy; a plain copy needs none. */
  key?: string;
};

export type RestoreResult = { manifest: Manifest; rows: number; files: number; migrationsApplied: number };

/**
 * Restores an archive into an empty database. Checks first, writing nothing: every entry's hash,
 * the format, the migration, that the target is empty and that rows may be loaded as they were.
 * Then one transaction: the schema up to the archive's migration, every row exactly as it was
 * (session_replication_role = replica: the audit triggers neither log nor refuse the load, and
 * foreign keys are not re-checked — the rows come from one consistent snapshot), the sequences,
 * and the migrations that came after the archive. A failure or a kill leaves the target empty.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { file, database, storage, key } = options;
  const manifest = await checkArchive(file, key);
  const migrations = knownMigrations();
  const archiveIndex = migrations.findIndex((m) => m.createdAt === manifest.migration.createdAt);
  const db = database.db;
  const applied = await latestAppliedMigration(db);
  const targetIndex = applied ? migrations.findIndex((m) => m.createdAt === applied.createdAt) : -1;
  if (applied && (targetIndex < 0 || targetIndex > archiveIndex)) {
    throw new AppError('restore.target_newer', 409, 'База уже создана более новой версией схемы, чем копия: '
      + 'восстановите копию в пустую базу без таблиц; ничего не записано.');
  }
  if (await hasRows(db)) {
    throw new AppError('restore.target_not_empty', 409, 'База не пуста: восстановить копию можно только в пустую базу '
      + '(новая папка DATA_DIR или пустая база PostgreSQL); ничего не записано.');
  }
  await assertMayLoadAsReplica(db);

  const stored: string[] = [];
  let rows = 0;
  try {
    await db.transaction(async (tx) => {
      await useTextOutputSettings(tx);
      await ensureMigrationsTable(tx);
      await applyMigrations(tx, migrations.slice(targetIndex + 1, archiveIndex + 1), false);
      // The archive brings drizzle's record of the migrations applied up to it.
      await tx.execute(sql`delete from "drizzle"."__drizzle_migrations"`);
      const catalog = await catalogTables(tx);
      // The target's own first-start bookkeeping gives way to the archive's.
      for (const t of catalog.filter((c) => FIRST_START_BOOKKEEPING.includes(c.table))) await tx.execute(sql.raw(`delete from ${qualified(t)}`));
      assertSameTables(file, manifest, catalog);
      await tx.execute(sql`set local session_replication_role = replica`);
      rows = await loadArchive(tx, file, key, manifest, new Map(catalog.map((t) => [t.table, t])), storage, stored);
      await setSequences(tx, manifest.sequences);
      await tx.execute(sql`set local session_replication_role = origin`);
      await applyMigrations(tx, migrations.slice(archiveIndex + 1), true);
    });
  } catch (error) {
    for (const key of stored) await storage.remove(key).catch(() => undefined);
    throw asArchiveError(file, error);
  }
  return { manifest, rows, files: stored.length, migrationsApplied: migrations.length - 1 - archiveIndex };
}

/** A start on an empty database notes its demo decision and a setup link: the database is still empty. */
const FIRST_START_BOOKKEEPING = ['public.deployment', 'public.setup_tokens'];

/** Any row in any table of the app's schema (drizzle's own record of migrations aside). */
async function hasRows(db: Db): Promise<boolean> {
  const tables = (await catalogTables(db)).filter((t) => t.schema === 'public' && !FIRST_START_BOOKKEEPING.includes(t.table));
  if (tables.length === 0) return false;
  const [row] = await queryRows<{ any: boolean }>(db,
    sql.raw(`select ${tables.map((t) => `exists (select 1 from ${qualified(t)})`).join(' or ')} as any`));
  return row?.any ?? false;
}

async function assertMayLoadAsReplica(db: Db): Promise<void> {
  const [row] = await queryRows<{ may: boolean }>(db,
    sql`select current_setting('is_superuser') = 'on' or has_parameter_privilege('session_replication_role', 'SET') as may`);
  if (!row?.may) {
    throw new AppError('restore.no_privilege', 409, 'Роль базы данных не может загрузить строки как есть, не запуская триггеры '
      + '(session_replication_role): восстановите суперпользователем или выдайте GRANT SET ON PARAMETER session_replication_role; ничего не записано.');
  }
}

/** After the schema reached the archive's migration, its tables and columns are exactly the archive's. */
function assertSameTables(file: string, manifest: Manifest, catalog: CatalogTable[]): void {
  const inArchive = new Map(manifest.tables.map((t) => [t.table, t]));
  for (const table of catalog) {
    const archived = inArchive.get(table.table);
    if (!archived) throw corruptArchive(file, `нет таблицы ${table.table}`);
    const columns = table.columns.map((c) => c.name).sort().join(',');
    if ([...archived.columns].sort().join(',') !== columns) throw corruptArchive(file, `столбцы таблицы ${table.table} не те`);
    inArchive.delete(table.table);
  }
  const extra = [...inArchive.keys()][0];
  if (extra) throw corruptArchive(file, `лишняя таблица ${extra}`);
}

async function loadArchive(tx: Db, file: string, key: string | undefined, manifest: Manifest, catalog: Map<string, CatalogTable>,
  storage: FileStorage, stored: string[]): Promise<number> {
  const entries = archiveEntries(file, key);
  let rows = 0;
  try {
    await readManifest(file, entries);
    for (const promised of promisedEntries(manifest)) {
      const next = await entries.next();
      if (next.done || next.value.name !== promised.file) throw corruptArchive(file, `нет ${promised.file}`);
      const hash = createHash('sha256');
      const source = Readable.from(hashed(next.value, hash));
      if ('table' in promised) rows += await loadTable(tx, file, promised, catalog.get(promised.table)!, source);
      else await storeFile(storage, promised, source, stored);
      // The file is read twice (checked, then loaded): a copy changed in between is caught here.
      if (hash.digest('hex') !== promised.sha256) throw corruptArchive(file, `${promised.file} изменился во время восстановления`);
    }
  } finally {
    await entries.return(undefined);
  }
  return rows;
}

async function* hashed(entry: ArchiveEntry, hash: ReturnType<typeof createHash>) {
  for await (const chunk of entry.stream) {
    hash.update(chunk);
    yield chunk;
  }
}

const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Inserts the rows a batch at a time: one JSON parameter per statement, each column cast from its
 * text form. As jsonb, not json: `->>` on a json value parses the row's text again for every
 * column, which made a restore of the 50-school district 3–4× slower (bench/backup.ts).
 */
async function loadTable(tx: Db, file: string, entry: ManifestTable, table: CatalogTable, source: Readable): Promise<number> {
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const casts = entry.columns.map((c, i) => `(x->>${i})::${types.get(c)!}`).join(', ');
  const head = sql.raw(`insert into ${qualified(table)} (${entry.columns.map(quoteIdent).join(', ')}) select ${casts} from jsonb_array_elements(`);
  const tail = sql.raw('::jsonb) as x');
  const insert = async (batch: string[]) => {
    if (batch.length === 0) return;
    await tx.execute(sql.join([head, sql`${`[${batch.join(',')}]`}`, tail]));
  };
  let rows = 0;
  let batch: string[] = [];
  let bytes = 0;
  try {
    for await (const line of createInterface({ input: source.pipe(createGunzip()), crlfDelay: Infinity })) {
      if (line === '') continue;
      batch.push(line);
      bytes += line.length;
      rows++;
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
        await insert(batch);
        batch = [];
        bytes = 0;
      }
    }
    await insert(batch);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corruptArchive(file, `${entry.file}: ${(error as Error).message}`);
  }
  if (rows !== entry.rows) throw corruptArchive(file, `в ${entry.file} ${rows} строк вместо ${entry.rows}`);
  return rows;
}

async function storeFile(storage: FileStorage, entry: ManifestFile, source: Readable, stored: string[]): Promise<void> {
  stored.push(entry.key);
  await storage.put(entry.key, source);
}

async function setSequences(tx: Db, sequences: Manifest['sequences']): Promise<void> {
  if (sequences.length === 0) return;
  const pairs = sequences.map((s) => [`${quoteIdent(s.schema)}.${quoteIdent(s.name)}`, s.lastValue]);
  await tx.execute(sql`select setval((p->>0)::regclass, (p->>1)::bigint) from json_array_elements(${JSON.stringify(pairs)}::json) as p`);
}
