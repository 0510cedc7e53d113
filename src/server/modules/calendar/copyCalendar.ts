import { addDays, addYears, clipRange, type DateRange, daysBetween, yearOf } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { found } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import * as bq from './bellQueries.ts';
import { assertYearFits, yearNotFound } from './guards.ts';
import * as q from './queries.ts';
import type { YearRow } from './queries.ts';

export type NewYear = { name: string; startsOn: string; endsOn: string };
export type CopiedCalendar = {
  year: YearRow;
  /** Old period id → new period id; a period dropped for lying wholly outside the new year is absent. */
  periodIds: Map<string, string>;
  counts: { periods: number; holidays: number; bellSchedules: number; bells: number };
};

/**
 * Year rollover: creates `newYear` in status planning (5/6-day week copied) and copies the
 * calendar of `fromYearId` into it, inside the caller's transaction.
 * - periods and vacations move by the days between the two start dates (the same school weeks);
 * - public holidays (`kind = holiday`: 4 November, 1 May…) move by whole calendar years, keeping
 *   month and day;
 * - bell schedules are copied with their bells and default flag.
 * Whatever lands partly outside the new year is clipped to it; a row with no day left inside is
 * dropped. Set-based: a fixed number of queries whatever the number of rows.
 */
export async function copyCalendarToYear(tx: Db, schoolId: string, fromYearId: string, newYear: NewYear): Promise<CopiedCalendar> {
  await lockSchool(tx, schoolId);
  const years = await q.allYears(tx, schoolId);
  const from = found(years.find((y) => y.id === fromYearId), yearNotFound);
  assertYearFits(newYear, years);
  const year = await q.insertYear(tx, {
    id: newId(), schoolId, name: newYear.name, startsOn: newYear.startsOn, endsOn: newYear.endsOn,
    weekDays: from.weekDays, status: 'planning',
  });

  const periods = await q.periodsOfYear(tx, schoolId, from.id);
  const holidays = await q.holidaysOfYear(tx, schoolId, from.id);
  const schedules = await bq.bellSchedulesOfYear(tx, schoolId, from.id);
  const bells = await bq.bellsOf(tx, schoolId, schedules.map((s) => s.id));

  const days = daysBetween(from.startsOn, year.startsOn);
  const calendarYears = yearOf(year.startsOn) - yearOf(from.startsOn);
  const byDays = (r: DateRange) => clipRange({ startsOn: addDays(r.startsOn, days), endsOn: addDays(r.endsOn, days) }, year);
  const byYears = (r: DateRange) =>
    clipRange({ startsOn: addYears(r.startsOn, calendarYears), endsOn: addYears(r.endsOn, calendarYears) }, year);

  const periodIds = new Map<string, string>();
  const periodRows = periods.flatMap((p) => {
    const range = byDays(p);
    if (!range) return [];
    const id = newId();
    periodIds.set(p.id, id);
    return [{ id, schoolId, academicYearId: year.id, name: p.name, kind: p.kind, gradeFrom: p.gradeFrom, gradeTo: p.gradeTo, ...range }];
  });
  const holidayRows = holidays.flatMap((h) => {
    const range = h.kind === 'holiday' ? byYears(h) : byDays(h);
    if (!range) return [];
    return [{ id: newId(), schoolId, academicYearId: year.id, name: h.name, kind: h.kind, gradeFrom: h.gradeFrom, gradeTo: h.gradeTo, ...range }];
  });
  const scheduleIds = new Map(schedules.map((s) => [s.id, newId()]));
  const scheduleRows = schedules.map((s) => ({
    id: scheduleIds.get(s.id)!, schoolId, academicYearId: year.id, name: s.name, isDefault: s.isDefault,
  }));
  const bellRows = bells.map((b) => ({
    schoolId, bellScheduleId: scheduleIds.get(b.bellScheduleId)!, lessonNumber: b.lessonNumber, startsAt: b.startsAt, endsAt: b.endsAt,
  }));

  await q.insertPeriods(tx, periodRows);
  await q.insertHolidays(tx, holidayRows);
  await bq.insertBellSchedules(tx, scheduleRows);
  await bq.insertBells(tx, bellRows);
  return {
    year,
    periodIds,
    counts: { periods: periodRows.length, holidays: holidayRows.length, bellSchedules: scheduleRows.length, bells: bellRows.length },
  };
}
