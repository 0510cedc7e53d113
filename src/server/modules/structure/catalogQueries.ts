import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { rooms, subjects } from '../../db/schema/structure.ts';

export type SubjectRow = typeof subjects.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;

export const findSubject = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))))[0];

export function listSubjects(
  db: Db, schoolId: string, filter: { kind?: string; archived?: boolean }, cursor: string | undefined, limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(subjects.schoolId, schoolId),
    filter.kind ? eq(subjects.kind, filter.kind) : undefined,
    filter.archived !== undefined ? eq(subjects.archived, filter.archived) : undefined,
    afterCursor([subjects.name, subjects.id], cursor),
  ];
  return db.select().from(subjects).where(and(...conditions)).orderBy(asc(subjects.name), asc(subjects.id)).limit(limit + 1);
}

export const hasChildSubjects = async (db: Db, schoolId: string, id: string) =>
  (await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.parentId, id))).limit(1)).length > 0;

export const insertSubject = async (db: Db, row: typeof subjects.$inferInsert) =>
  (await db.insert(subjects).values(row).returning())[0]!;

export async function updateSubject(db: Db, schoolId: string, id: string, patch: Partial<typeof subjects.$inferInsert>) {
  if (Object.keys(patch).length === 0) return findSubject(db, schoolId, id);
  return (await db.update(subjects).set(patch).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).returning())[0];
}

export const deleteSubject = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).returning({ id: subjects.id })).length > 0;

export const findRoom = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))))[0];

export const listRooms = (db: Db, schoolId: string, cursor: string | undefined, limit: number) =>
  db.select().from(rooms).where(and(eq(rooms.schoolId, schoolId), afterCursor([rooms.name, rooms.id], cursor)))
    .orderBy(asc(rooms.name), asc(rooms.id)).limit(limit + 1);

export const insertRoom = async (db: Db, row: typeof rooms.$inferInsert) =>
  (await db.insert(rooms).values(row).returning())[0]!;

export async function updateRoom(db: Db, schoolId: string, id: string, patch: Partial<typeof rooms.$inferInsert>) {
  if (Object.keys(patch).length === 0) return findRoom(db, schoolId, id);
  return (await db.update(rooms).set(patch).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))).returning())[0];
}

export const deleteRoom = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))).returning({ id: rooms.id })).length > 0;
