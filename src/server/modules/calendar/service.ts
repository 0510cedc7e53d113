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

/** Ids of the school's years in these statuses (the policy's "current" years: planning and open). */
/** The periods of a year, for the journal and grading modules (a school has a handful). */
export const periodsOfYear = (db: Db, schoolId: string, academicYearId: string) => q.periodsOfYear(db, schoolId, academicYearId);

/** The holidays of a year (school days for the journal: due dates, lessons). */
export const holidaysOfYear = (db: Db, schoolId: string, academicYearId: string) => q.holidaysOfYear(db, schoolId, academicYearId);

export { defaultBells } from './lessonTimes.ts';
