import { and, asc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { academicYears, holidays, periods } from '../../db/schema/calendar.ts';

export type YearRow = typeof academicYears.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;
export type HolidayRow = typeof holidays.$inferSelect;

export const findYear = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(academicYears).where(and(eq(academicYears.schoolId, schoolId), eq(academicYears.id, id))))[0];

export const findPeriod = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(periods).where(and(eq(periods.schoolId, schoolId), eq(periods.id, id))))[0];

export const listYears = (db: Db, schoolId: string, filter: { status?: string }, cursor: string | undefined, limit: number) =>
  db.select().from(academicYears)
    .where(and(
      eq(academicYears.schoolId, schoolId),
      filter.status ? eq(academicYears.status, filter.status) : undefined,
      afterCursor([academicYears.startsOn, academicYears.id], cursor),
    ))
    .orderBy(asc(academicYears.startsOn), asc(academicYears.id)).limit(limit + 1);

/** Every year of a school: a school has a few dozen at most, so rules check them in memory. */
export const allYears = (db: Db, schoolId: string) =>
  db.select().from(academicYears).where(eq(academicYears.schoolId, schoolId));

export const insertYear = async (db: Db, row: typeof academicYears.$inferInsert) =>
  (await db.insert(academicYears).values(row).returning())[0]!;

export const updateYear = async (db: Db, schoolId: string, id: string, patch: Partial<typeof academicYears.$inferInsert>) =>
  (await db.update(academicYears).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(academicYears.schoolId, schoolId), eq(academicYears.id, id))).returning())[0];

export const deleteYear = (db: Db, schoolId: string, id: string) =>
  db.delete(academicYears).where(and(eq(academicYears.schoolId, schoolId), eq(academicYears.id, id)));

export const listPeriods = (
  db: Db, schoolId: string, filter: { academicYearId?: string; grade?: number }, cursor: string | undefined, limit: number,
) => db.select().from(periods)
  .where(and(
    eq(periods.schoolId, schoolId),
    filter.academicYearId ? eq(periods.academicYearId, filter.academicYearId) : undefined,
    filter.grade !== undefined ? and(lte(periods.gradeFrom, filter.grade), gte(periods.gradeTo, filter.grade)) : undefined,
    afterCursor([periods.startsOn, periods.id], cursor),
  ))
  .orderBy(asc(periods.startsOn), asc(periods.id)).limit(limit + 1);

export const periodsOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.select().from(periods).where(and(eq(periods.schoolId, schoolId), eq(periods.academicYearId, academicYearId)));

export const insertPeriods = (db: Db, rows: (typeof periods.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insert(periods).values(rows).returning();

export const updatePeriod = async (db: Db, schoolId: string, id: string, patch: Partial<typeof periods.$inferInsert>) =>
  (await db.update(periods).set(patch).where(and(eq(periods.schoolId, schoolId), eq(periods.id, id))).returning())[0];

export const deletePeriod = (db: Db, schoolId: string, id: string) =>
  db.delete(periods).where(and(eq(periods.schoolId, schoolId), eq(periods.id, id)));

export const deletePeriodsOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.delete(periods).where(and(eq(periods.schoolId, schoolId), eq(periods.academicYearId, academicYearId)));

export const findHoliday = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(holidays).where(and(eq(holidays.schoolId, schoolId), eq(holidays.id, id))))[0];

export function listHolidays(
  db: Db, schoolId: string, filter: { academicYearId?: string; grade?: number }, cursor: string | undefined, limit: number,
) {
  const grade = filter.grade;
  const inBand: SQL | undefined = grade === undefined
    ? undefined
    : or(isNull(holidays.gradeFrom), and(lte(holidays.gradeFrom, grade), gte(holidays.gradeTo, grade)));
  return db.select().from(holidays)
    .where(and(
      eq(holidays.schoolId, schoolId),
      filter.academicYearId ? eq(holidays.academicYearId, filter.academicYearId) : undefined,
      inBand,
      afterCursor([holidays.startsOn, holidays.id], cursor),
    ))
    .orderBy(asc(holidays.startsOn), asc(holidays.id)).limit(limit + 1);
}

export const holidaysOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.select().from(holidays).where(and(eq(holidays.schoolId, schoolId), eq(holidays.academicYearId, academicYearId)));

export const insertHolidays = (db: Db, rows: (typeof holidays.$inferInsert)[]) =>
  rows.length === 0 ? Promise.resolve([]) : db.insert(holidays).values(rows).returning();

export const updateHoliday = async (db: Db, schoolId: string, id: string, patch: Partial<typeof holidays.$inferInsert>) =>
  (await db.update(holidays).set(patch).where(and(eq(holidays.schoolId, schoolId), eq(holidays.id, id))).returning())[0];

export const deleteHoliday = (db: Db, schoolId: string, id: string) =>
  db.delete(holidays).where(and(eq(holidays.schoolId, schoolId), eq(holidays.id, id)));

export const deleteHolidaysOfYear = (db: Db, schoolId: string, academicYearId: string) =>
  db.delete(holidays).where(and(eq(holidays.schoolId, schoolId), eq(holidays.academicYearId, academicYearId)));
