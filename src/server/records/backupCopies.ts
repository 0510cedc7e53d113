import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BackupSettings } from '../config.ts';
import type { Database } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { recordSecurityEvents } from '../modules/accounts/securityEvents.ts';
import type { FileStorage } from '../storage/fileStorage.ts';
import { allSchoolIds, type BackupCopyRow, insertCopies, liveCopies, markDeleted } from './backupCopiesQueries.ts';
import { copiesToDelete } from './backupRetention.ts';
import { configuredBackupKey, isSecretKey } from './backupCrypt.ts';
import { writeBackup } from './backupWrite.ts';
import { checkArchive } from './restoreArchive.ts';

/** Fastify's logger (`app.log`) is one, and so is the job runner's. */
type Logger = { warn(fields: object, message: string): void; error(fields: object, message: string): void };

export type BackupDeps = {
  database: Database;
  storage: FileStorage;
  settings: BackupSettings;
  now: () => Date;
  log: Logger;
};

/** `written`: at least one destination has the copy. */
export type CopiesResult = { copies: BackupCopyRow[]; deleted: number; written: boolean };

const PENDING_PREFIX = '.klassny-pending-';
/** Klassny's own leftovers of a run that was killed: removed when older than this. */
const STALE_LEFTOVER_MS = 24 * 3600_000;

/**
 * One backup into every destination (BACKUP_DIRS, seed 004 §5.1): the archive is written once,
 * into a private folder of the first destination that takes it, and copied to the others; in each,
 * it is re-read and every hash of its manifest checked before it is renamed to its final name, so
 * a file under the final name is always whole and verified. A destination that fails (gone, full,
 * read-only) is recorded and the others still get their copy (`written`: whether any did). Each
 * attempt is a row of backup_copies; a failed one is also a security event in every school. Then
 * retention deletes old copies, only among the files recorded as good copies.
 */
export async function makeBackupCopies(deps: BackupDeps, trigger: 'schedule' | 'manual'): Promise<CopiesResult> {
  const { settings, now } = deps;
  const copies: BackupCopyRow[] = [];
  let source: string | undefined;
  for (const destination of settings.dirs) {
    const startedAt = now();
    try {
      const placed = await placeCopy(deps, destination, source);
      source ??= placed.file;
      copies.push({
        id: newId(), destination, fileName: path.basename(placed.file), bytes: placed.bytes, trigger, startedAt,
        finishedAt: now(), outcome: 'ok', verifiedAt: placed.verifiedAt, error: null, deletedAt: null,
      });
    } catch (error) {
      const message = ((error as Error)?.message ?? String(error)).slice(0, 2000);
      deps.log.error({ destination, error: message }, 'backup: the copy to this destination failed');
      copies.push({
        id: newId(), destination, fileName: null, bytes: null, trigger, startedAt,
        finishedAt: now(), outcome: 'failed', verifiedAt: null, error: message, deletedAt: null,
      });
    }
  }
  const { db } = deps.database;
  const failed = copies.filter((c) => c.outcome === 'failed');
  await db.transaction(async (tx) => {
    await insertCopies(tx, copies);
    if (failed.length === 0) return;
    const schoolIds = await allSchoolIds(tx);
    await recordSecurityEvents(tx, schoolIds.flatMap((schoolId) => failed.map((c) => ({
      kind: 'backup.failed' as const, schoolId, details: { destination: c.destination, error: c.error },
    }))));
  });
  if (!source) return { copies, deleted: 0, written: false };
  // Only where this run wrote: an unplugged disk's copies look gone but are not.
  const deleted = await applyRetention(deps, new Set(copies.filter((c) => c.outcome === 'ok').map((c) => c.destination)));
  return { copies, deleted, written: true };
}

type Placed = { file: string; bytes: number; verifiedAt: Date | null };

/** One destination: write (or copy) under a temporary name, verify, rename; nothing left behind on failure. */
async function placeCopy(deps: BackupDeps, destination: string, source: string | undefined): Promise<Placed> {
  await assertDestination(destination, deps.settings.sameDisk);
  await removeLeftovers(destination, deps.now());
  // With only the public key (age1…) the server can encrypt a copy but not read it back to check it.
  const key = deps.settings.encryption && configuredBackupKey(deps.settings.encryption);
  const checkable = key === undefined || isSecretKey(key);
  let temp: string;
  let cleanUp: () => Promise<void>;
  if (!source) {
    const pending = await mkdtemp(path.join(destination, PENDING_PREFIX));
    cleanUp = () => rm(pending, { recursive: true, force: true });
    try {
      temp = (await writeBackup({ database: deps.database, storage: deps.storage, dir: pending, now: deps.now, encryptionKey: key })).path;
    } catch (error) {
      await cleanUp();
      throw error;
    }
  } else {
    temp = path.join(destination, `.${path.basename(source)}.partial`);
    cleanUp = () => rm(temp, { force: true });
  }
  try {
    if (source) {
      await copyFile(source, temp, constants.COPYFILE_EXCL);
      await chmod(temp, 0o600);
    }
    if (checkable) await checkArchive(temp, key);
    const verifiedAt = checkable ? deps.now() : null;
    const final = path.join(destination, path.basename(temp).replace(/^\.(.*)\.partial$/, '$1'));
    await rename(temp, final);
    return { file: final, bytes: (await stat(final)).size, verifiedAt };
  } finally {
    await cleanUp();
  }
}

/**
 * A destination must be there already: an external disk that is not mounted leaves an empty mount
 * point, and a copy made into it would land on the server's own disk. Only the default
 * DATA_DIR/backups is made when missing.
 */
async function assertDestination(destination: string, sameDisk: boolean): Promise<void> {
  if (sameDisk) await mkdir(destination, { recursive: true });
  const info = await stat(destination).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Error(`папки ${destination} нет (диск не подключён?)`);
    throw error;
  });
  if (!info.isDirectory()) throw new Error(`${destination} — не папка`);
}

/** Temporary files and folders of Klassny's own that a killed run left, a day old or more. */
async function removeLeftovers(destination: string, now: Date): Promise<void> {
  for (const name of await readdir(destination)) {
    if (!name.startsWith(PENDING_PREFIX) && !/^\.klassny-.*\.tar(\.age)?\.partial$/.test(name)) continue;
    const file = path.join(destination, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now.getTime() - info.mtime.getTime() > STALE_LEFTOVER_MS) await rm(file, { recursive: true, force: true });
  }
}

/** Deletes, in each destination, the good copies retention no longer keeps; a file already gone is marked too. */
async function applyRetention(deps: BackupDeps, reachable: Set<string>): Promise<number> {
  const { db } = deps.database;
  const live = await liveCopies(db);
  const now = deps.now();
  const doomed: BackupCopyRow[] = [];
  for (const destination of reachable) {
    const here = live.filter((c) => c.destination === destination);
    const ids = new Set(copiesToDelete(here.map((c) => ({ id: c.id, madeAt: c.finishedAt })), now, deps.settings));
    doomed.push(...here.filter((c) => ids.has(c.id)));
  }
  const removed: string[] = [];
  for (const copy of doomed) {
    try {
      await unlink(path.join(copy.destination, copy.fileName!));
      removed.push(copy.id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') removed.push(copy.id);
      else deps.log.warn({ destination: copy.destination, file: copy.fileName, error: (error as Error).message }, 'backup: an old copy could not be deleted');
    }
  }
  await markDeleted(db, removed, now);
  return removed.length;
}
