import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';

export type BellScheduleRow = typeof bellSchedules.$inferSelect;
export type BellRow = typeof bells.$inferSelect;

export const findBellSchedule = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id))))[0];

export const listBellSchedules = (db: Db, schoolId: string, filter: { academicYearId?: string }, cursor: string | undefined, limit: number) =>
  db.select().from(bellSchedules)
    .where(and(
      eq(bellSchedules.schoolId, schoolId),
      filter.academicYearId ? eq(bellSchedules.academicYearId, filter.academicYearId) : undefined,
      afterCursor([bellSchedules.id], cursor),
    ))
    .orderBy(asc(bellSchedules.id)).limit(limit + 1);

export const bellSchedulesOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.select().from(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYearId, academicYearId)));

/** The bells of several schedules in one query, in lesson order. */
export const bellsOf = (db: Db, schoolId: string, scheduleIds: string[]) =>
  scheduleIds.length === 0
    ? Promise.resolve([] as BellRow[])
    : db.select().from(bells)
      .where(and(eq(bells.schoolId, schoolId), inArray(bells.bellScheduleId, scheduleIds)))
      .orderBy(asc(bells.bellScheduleId), asc(bells.lessonNumber));

export const insertBellSchedules = (db: Db, rows: (typeof bellSchedules.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve([] as BellScheduleRow[]) : db.insert(bellSchedules).values(rows).returning();

export const updateBellSchedule = async (db: Db, schoolId: string, id: string, patch: Partial<typeof bellSchedules.$inferInsert>) =>
  (await db.update(bellSchedules).set(patch).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id))).returning())[0];

/** At most one default schedule per year: clears the flag on every other schedule of the year. */
export const unsetOtherDefaults = (db: Db, schoolId: string, academicYearId: string, keepId: string) =>
  db.update(bellSchedules).set({ isDefault: false })
    .where(and(
      eq(bellSchedules.schoolId, schoolId),
      eq(bellSchedules.academicYearId, academicYearId),
      eq(bellSchedules.isDefault, true),
      ne(bellSchedules.id, keepId),
    ));

export const deleteBellSchedule = (db: Db, schoolId: string, id: string) =>
  db.delete(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.id, id)));

export const deleteBellSchedulesOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.delete(bellSchedules).where(and(eq(bellSchedules.schoolId, schoolId), eq(bellSchedules.academicYearId, academicYearId)));

export const insertBells = (db: Db, rows: (typeof bells.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve([] as BellRow[]) : db.insert(bells).values(rows).returning();

export const deleteBellsOf = (db: Db, schoolId: string, scheduleId: string) =>
  db.delete(bells).where(and(eq(bells.schoolId, schoolId), eq(bells.bellScheduleId, scheduleId)));
