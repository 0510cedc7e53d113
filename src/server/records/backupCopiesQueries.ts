import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { backupCopies } from '../db/schema/backups.ts';
import { schools } from '../db/schema/organisation.ts';

/** The backup_copies table's own queries (records/backupCopies.ts writes it, backupRoutes.ts reads it). */

export type BackupCopyRow = typeof backupCopies.$inferSelect;

export async function insertCopies(db: Db, rows: BackupCopyRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(backupCopies).values(rows);
}

/** Good copies still on disk, in every destination: what retention chooses from. */
export function liveCopies(db: Db): Promise<BackupCopyRow[]> {
  return db.select().from(backupCopies)
    .where(and(eq(backupCopies.outcome, 'ok'), isNull(backupCopies.deletedAt)));
}

export async function markDeleted(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length > 0) await db.update(backupCopies).set({ deletedAt: at }).where(inArray(backupCopies.id, ids));
}

/** The latest attempts, newest first, for the screen. */
export function recentCopies(db: Db, limit: number): Promise<BackupCopyRow[]> {
  return db.select().from(backupCopies).orderBy(desc(backupCopies.finishedAt), desc(backupCopies.id)).limit(limit);
}

export async function findCopy(db: Db, id: string): Promise<BackupCopyRow | undefined> {
  return (await db.select().from(backupCopies).where(eq(backupCopies.id, id)))[0];
}

/** When the newest verified copy was made, in any destination. */
export async function lastGoodCopyAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: backupCopies.finishedAt }).from(backupCopies)
    .where(eq(backupCopies.outcome, 'ok')).orderBy(desc(backupCopies.finishedAt)).limit(1);
  return row?.at ?? null;
}

/** A copy holds every school: a failure is shown in each one's security log. */
export async function allSchoolIds(db: Db): Promise<string[]> {
  return (await db.select({ id: schools.id }).from(schools)).map((s) => s.id);
}
