import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { AppError } from '../errors.ts';
import { decrypting, isEncryptedFile } from './backupCrypt.ts';
import {
  BACKUP_FORMAT, BACKUP_FORMAT_VERSION, MANIFEST_ENTRY, MANIFEST_HASH_ENTRY, type Manifest, ZManifest,
} from './manifest.ts';
import { knownMigrations } from './restoreMigrations.ts';

export type ArchiveEntry = { name: string; size: number; stream: AsyncIterable<Buffer> & Readable };

const MAX_MANIFEST = 64 * 1024 * 1024;

/**
 * The entries of a copy in order; each must be read to its end before the next is asked for. An
 * encrypted copy (backupCrypt.ts) is decrypted on the way with `key`, the secret key.
 */
export async function* archiveEntries(file: string, key?: string): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  const encrypted = await isEncryptedFile(file);
  const raw = createReadStream(file);
  let source: Readable = raw;
  try {
    if (encrypted) source = await decrypting(file, raw, key);
    source.on('error', (error) => extract.destroy(error));
    source.pipe(extract as unknown as NodeJS.WritableStream);
    for await (const entry of extract) {
      yield { name: entry.header.name, size: entry.header.size, stream: entry as unknown as ArchiveEntry['stream'] };
    }
  } finally {
    source.destroy();
    raw.destroy();
  }
}

const label = (file: string) => path.basename(file);

export const foreignArchive = (file: string) =>
  new AppError('backup.foreign', 400, `${label(file)}: это не резервная копия Klassny; восстановление не выполнено.`);
export const corruptArchive = (file: string, what: string) =>
  new AppError('backup.corrupt', 400, `${label(file)}: копия повреждена — ${what}; восстановление не выполнено.`);

async function readAll(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The SHA-256 and size of a stream, read to its end. */
export async function digest(stream: AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The manifest from the first two entries, checked against its own hash, its format and the migrations this code knows. */
export async function readManifest(file: string, entries: AsyncIterator<ArchiveEntry>): Promise<Manifest> {
  const first = await entries.next();
  if (first.done || first.value.name !== MANIFEST_ENTRY) throw foreignArchive(file);
  const manifestBytes = await readAll(first.value.stream, MAX_MANIFEST);
  if (!manifestBytes) throw foreignArchive(file);
  const second = await entries.next();
  if (second.done || second.value.name !== MANIFEST_HASH_ENTRY) throw corruptArchive(file, `нет ${MANIFEST_HASH_ENTRY}`);
  const recorded = (await readAll(second.value.stream, 1024))?.toString('utf8').trim();
  if (recorded !== createHash('sha256').update(manifestBytes).digest('hex')) {
    throw corruptArchive(file, `${MANIFEST_ENTRY} не совпадает со своим хешем SHA-256`);
  }
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw corruptArchive(file, `${MANIFEST_ENTRY} не читается`);
  }
  const header = json as { format?: unknown; formatVersion?: unknown };
  if (header?.format !== BACKUP_FORMAT) throw foreignArchive(file);
  if (typeof header.formatVersion === 'number' && header.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new AppError('backup.newer_format', 409, `${label(file)}: копия в формате версии ${header.formatVersion}, `
      + `а эта версия Klassny читает формат до версии ${BACKUP_FORMAT_VERSION}: обновите Klassny; восстановление не выполнено.`);
  }
  const parsed = ZManifest.safeParse(json);
  if (!parsed.success) throw corruptArchive(file, `${MANIFEST_ENTRY} не по формату`);
  const { migration } = parsed.data;
  if (!knownMigrations().some((m) => m.tag === migration.tag && m.createdAt === migration.createdAt)) {
    throw new AppError('backup.unknown_migration', 409, `${label(file)}: копия сделана более новой версией Klassny `
      + `(миграция ${migration.tag} этой версии неизвестна): обновите Klassny; восстановление не выполнено.`);
  }
  return parsed.data;
}

/** The tar entries a manifest promises, in the order they are written (tables, then stored files). */
export const promisedEntries = (manifest: Manifest) => [...manifest.tables, ...manifest.files];

/**
 * Reads the whole archive once before anything is written: the manifest, then every entry's
 * SHA-256 and size against it, in order; nothing missing, nothing extra. Any failure is one AppError.
 */
export async function checkArchive(file: string, key?: string): Promise<Manifest> {
  const entries = archiveEntries(file, key);
  let manifest: Manifest | undefined;
  try {
    manifest = await readManifest(file, entries);
    const promised = promisedEntries(manifest);
    let index = 0;
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const expected = promised[index++];
      if (!expected || next.value.name !== expected.file) throw corruptArchive(file, `лишний файл ${next.value.name}`);
      const { sha256, bytes } = await digest(next.value.stream);
      if (sha256 !== expected.sha256 || bytes !== expected.bytes) {
        throw corruptArchive(file, `${expected.file} не совпадает со своим хешем SHA-256`);
      }
    }
    if (index < promised.length) {
      throw new AppError('backup.truncated', 400,
        `${label(file)}: копия обрезана — нет ${promised[index]!.file}; восстановление не выполнено.`);
    }
    return manifest;
  } catch (error) {
    // What is not a tar with our manifest first is someone else's file, not a broken copy of ours.
    if (!manifest && !(error instanceof AppError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw foreignArchive(file);
    throw asArchiveError(file, error);
  } finally {
    await entries.return(undefined);
  }
}

/** A read error of the tar itself (a cut-off file, a header that is not tar) as the one line a person reads. */
export function asArchiveError(file: string, error: unknown): unknown {
  if (error instanceof AppError) return error;
  const message = (error as Error)?.message ?? '';
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new AppError('backup.not_found', 400, `${file}: файла нет.`);
  }
  if (/unexpected end/i.test(message)) {
    return new AppError('backup.truncated', 400, `${label(file)}: копия обрезана; восстановление не выполнено.`);
  }
  if (/invalid tar header|checksum/i.test(message)) return corruptArchive(file, 'архив tar не читается');
  return error;
}

/**
 * The checked manifest alone, from the archive's first two entries, without reading the tables:
 * what `audit verify --against BACKUP` needs (the chain heads of that day).
 */
export async function readArchiveManifest(file: string, key?: string): Promise<Manifest> {
  const entries = archiveEntries(file, key);
  try {
    return await readManifest(file, entries);
  } catch (error) {
    if (!(error instanceof AppError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw foreignArchive(file);
    throw asArchiveError(file, error);
  } finally {
    await entries.return(undefined);
  }
}
