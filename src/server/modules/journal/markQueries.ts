import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { markVersions, marks } from '../../db/schema/journal.ts';
import type { MarkRow } from './rows.ts';

export const findMark = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(marks).where(and(eq(marks.schoolId, schoolId), eq(marks.id, id))))[0];

/**
 * Inserts the mark and its first version in one statement, unless its id is already taken in the
 * school (then undefined, nothing written).
 */
export async function insertMarkIfNew(db: Db, row: typeof marks.$inferInsert) {
  const inserted = db.$with('inserted').as(
    db.insert(marks).values(row).onConflictDoNothing({ target: [marks.schoolId, marks.id] }).returning(),
  );
  const firstVersion = db.$with('first_version').as(db.insert(markVersions).select(db.select({
    schoolId: inserted.schoolId, markId: inserted.id, version: inserted.version, workTypeId: inserted.workTypeId, weight: inserted.weight,
    value: inserted.value, comment: inserted.comment, deleted: inserted.deleted, authorUserId: inserted.authorUserId,
    reason: sql<string>`''`.as('reason'), at: inserted.createdAt,
  }).from(inserted)).returning({ markId: markVersions.markId }));
  const [mark] = await db.with(inserted, firstVersion).select().from(inserted);
  return mark;
}

/** The mark and who created it (the author of its first version). */
export const findMarkWithCreator = async (db: Db, schoolId: string, id: string) =>
  (await db.select({ mark: marks, creatorUserId: markVersions.authorUserId }).from(marks)
    .leftJoin(markVersions, and(eq(markVersions.schoolId, marks.schoolId), eq(markVersions.markId, marks.id), eq(markVersions.version, 1)))
    .where(and(eq(marks.schoolId, schoolId), eq(marks.id, id))))[0];

/** The next version of a mark, only if it is still the version the client saw (else undefined). */
export const updateMarkAtVersion = async (
  db: Db, schoolId: string, id: string, seen: number, patch: Partial<Pick<MarkRow, 'value' | 'workTypeId' | 'weight' | 'comment' | 'deleted' | 'authorUserId' | 'updatedAt'>>,
) =>
  (await db.update(marks).set({ ...patch, version: sql`${marks.version} + 1` })
    .where(and(eq(marks.schoolId, schoolId), eq(marks.id, id), eq(marks.version, seen))).returning())[0];

/** Writes the mark's current state as its version row. */
export const insertVersionOf = (db: Db, mark: MarkRow, reason: string, at: Date) =>
  db.insert(markVersions).values({
    schoolId: mark.schoolId, markId: mark.id, version: mark.version, workTypeId: mark.workTypeId, weight: mark.weight,
    value: mark.value, comment: mark.comment, deleted: mark.deleted, authorUserId: mark.authorUserId, reason, at,
  });

export const versionsOf = (db: Db, schoolId: string, markId: string) =>
  db.select().from(markVersions).where(and(eq(markVersions.schoolId, schoolId), eq(markVersions.markId, markId)))
    .orderBy(asc(markVersions.version));
