import type { Db } from '../../db/client.ts';
import { found } from '../../errors.ts';
import { periodNotFound, yearNotFound } from './guards.ts';
import * as q from './queries.ts';

/** The calendar's public face for other modules: lookups and the year rollover copy. */
export { bellScheduleNotFound, holidayNotFound, periodNotFound, yearNotFound } from './guards.ts';
export { copyCalendarToYear, type CopiedCalendar, type NewYear } from './copyCalendar.ts';
export type { HolidayRow, PeriodRow, YearRow } from './queries.ts';

export const getYear = async (db: Db, schoolId: string, id: string) => found(await q.findYear(db, schoolId, id), yearNotFound);

export const getPeriod = async (db: Db, schoolId: string, id: string) => found(await q.findPeriod(db, schoolId, id), periodNotFound);
