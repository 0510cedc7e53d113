import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { workTypes } from '../../db/schema/journal.ts';

export type WorkTypeRow = typeof workTypes.$inferSelect;

export const listWorkTypes = (db: Db, schoolId: string, archived?: boolean) =>
  db.select().from(workTypes)
    .where(and(eq(workTypes.schoolId, schoolId), archived === undefined ? undefined : eq(workTypes.archived, archived)))
    // UUIDv7 ids keep the order the types were entered in (the defaults first, as a teacher expects them).
    .orderBy(asc(workTypes.id));

export const findWorkType = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(workTypes).where(and(eq(workTypes.schoolId, schoolId), eq(workTypes.id, id))))[0];

export const findWorkTypes = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(workTypes).where(and(eq(workTypes.schoolId, schoolId), inArray(workTypes.id, ids)));

export const hasWorkTypes = async (db: Db, schoolId: string) =>
  (await db.select({ id: workTypes.id }).from(workTypes).where(eq(workTypes.schoolId, schoolId)).limit(1)).length > 0;

/** Inserts the rows whose name the school does not use yet (idempotent). */
export const insertMissingWorkTypes = (db: Db, rows: (typeof workTypes.$inferInsert)[]) =>
  db.insert(workTypes).values(rows).onConflictDoNothing({ target: [workTypes.schoolId, workTypes.name] });

export const insertWorkType = async (db: Db, row: typeof workTypes.$inferInsert) =>
  (await db.insert(workTypes).values(row).returning())[0]!;

export const updateWorkType = async (db: Db, schoolId: string, id: string, patch: Partial<typeof workTypes.$inferInsert>) =>
  (await db.update(workTypes).set(patch).where(and(eq(workTypes.schoolId, schoolId), eq(workTypes.id, id))).returning())[0];

export const deleteWorkType = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(workTypes).where(and(eq(workTypes.schoolId, schoolId), eq(workTypes.id, id))).returning({ id: workTypes.id })).length > 0;

/** Whether any lesson names the work type among the work done (a jsonb list, so no foreign key guards it). */
export const isWorkTypeInLessons = async (db: Db, schoolId: string, workTypeId: string) =>
  (await db.select({ id: lessons.id }).from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), sql`${lessons.workTypeIds} @> ${JSON.stringify([workTypeId])}::jsonb`)).limit(1)).length > 0;
