import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { timetableSlots } from '../../db/schema/timetable.ts';

export type SlotRow = typeof timetableSlots.$inferSelect;
export type SlotInsert = typeof timetableSlots.$inferInsert;

export const findSlot = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(timetableSlots).where(and(eq(timetableSlots.schoolId, schoolId), eq(timetableSlots.id, id))))[0];

export type SlotFilter = { groupIds?: string[]; groupId?: string; staffId?: string; roomId?: string; on?: string };

export const listSlots = (db: Db, schoolId: string, filter: SlotFilter, cursor: string | undefined, limit: number) =>
  db.select().from(timetableSlots)
    .where(and(
      eq(timetableSlots.schoolId, schoolId),
      filter.groupIds ? (filter.groupIds.length > 0 ? inArray(timetableSlots.groupId, filter.groupIds) : sql`false`) : undefined,
      filter.groupId ? eq(timetableSlots.groupId, filter.groupId) : undefined,
      filter.staffId ? eq(timetableSlots.staffId, filter.staffId) : undefined,
      filter.roomId ? eq(timetableSlots.roomId, filter.roomId) : undefined,
      filter.on ? and(lte(timetableSlots.validFrom, filter.on), gte(timetableSlots.validTo, filter.on)) : undefined,
      afterCursor([timetableSlots.weekday, timetableSlots.lessonNumber, timetableSlots.id], cursor),
    ))
    .orderBy(asc(timetableSlots.weekday), asc(timetableSlots.lessonNumber), asc(timetableSlots.id))
    .limit(limit + 1);

/**
 * A slot of the same group, teacher or room at the same weekday and lesson number, on dates that
 * overlap, in weeks that meet (a slot of odd weeks never meets one of even weeks).
 */
export async function clashingSlot(db: Db, schoolId: string, slot: Omit<SlotInsert, 'id' | 'schoolId'>, exceptId?: string) {
  const rows = await db.select().from(timetableSlots).where(and(
    eq(timetableSlots.schoolId, schoolId),
    eq(timetableSlots.weekday, slot.weekday),
    eq(timetableSlots.lessonNumber, slot.lessonNumber),
    lte(timetableSlots.validFrom, slot.validTo),
    gte(timetableSlots.validTo, slot.validFrom),
    slot.weekParity ? or(isNull(timetableSlots.weekParity), eq(timetableSlots.weekParity, slot.weekParity)) : undefined,
    or(
      eq(timetableSlots.groupId, slot.groupId),
      eq(timetableSlots.staffId, slot.staffId),
      slot.roomId ? eq(timetableSlots.roomId, slot.roomId) : undefined,
    ),
    exceptId ? ne(timetableSlots.id, exceptId) : undefined,
  )).orderBy(asc(timetableSlots.id)).limit(1);
  return rows[0];
}

/** The slots of these groups valid at some day from–to (lesson generation). */
export async function slotsOfGroups(db: Db, schoolId: string, groupIds: string[], from: string, to: string) {
  if (groupIds.length === 0) return [];
  return db.select().from(timetableSlots).where(and(
    eq(timetableSlots.schoolId, schoolId), inArray(timetableSlots.groupId, groupIds),
    lte(timetableSlots.validFrom, to), gte(timetableSlots.validTo, from),
  ));
}

export const insertSlot = async (db: Db, row: SlotInsert) => (await db.insert(timetableSlots).values(row).returning())[0]!;

export const updateSlot = async (db: Db, schoolId: string, id: string, patch: Partial<SlotInsert>) =>
  (await db.update(timetableSlots).set(patch).where(and(eq(timetableSlots.schoolId, schoolId), eq(timetableSlots.id, id))).returning())[0];

export const deleteSlot = (db: Db, schoolId: string, id: string) =>
  db.delete(timetableSlots).where(and(eq(timetableSlots.schoolId, schoolId), eq(timetableSlots.id, id)));
