import { daysBetween, isYearWritable, rangesOverlap } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import * as q from './queries.ts';
import type { YearRow } from './queries.ts';

export const yearNotFound = () => notFound('academic_year', 'Учебный год не найден');
export const periodNotFound = () => notFound('period', 'Учебный период не найден');
export const holidayNotFound = () => notFound('holiday', 'Каникулы или праздник не найдены');
export const bellScheduleNotFound = () => notFound('bell_schedule', 'Расписание звонков не найдено');

const OUTSIDE_YEAR = 'За пределами учебного года';

/** A longer span is a typing mistake, not a school year. */
const MAX_YEAR_DAYS = 366;

/**
 * Opens a write to the periods, holidays or bells of a year: serialises it with other calendar
 * writes of the school and refuses a year that is unknown here (400 on `academicYearId`) or closed.
 */
export async function lockWritableYear(tx: Db, schoolId: string, academicYearId: string) {
  await lockSchool(tx, schoolId);
  const year = await q.findYear(tx, schoolId, academicYearId);
  if (!year) throw badRequest('academic_year.not_found', 'Учебный год не найден', { academicYearId: 'Учебный год не найден' });
  assertYearWritable(year);
  return year;
}

export function assertYearWritable(year: YearRow) {
  if (!isYearWritable(year.status)) {
    throw conflict('academic_year.locked', 'Учебный год закрыт: его календарь не меняется');
  }
}

/** A period or holiday lies inside its year (400 on the date that sticks out). */
export function assertInsideYear(code: string, range: { startsOn: string; endsOn: string }, year: YearRow) {
  const fields: Record<string, string> = {};
  if (range.startsOn < year.startsOn || range.startsOn > year.endsOn) fields.startsOn = OUTSIDE_YEAR;
  if (range.endsOn > year.endsOn || range.endsOn < year.startsOn) fields.endsOn = OUTSIDE_YEAR;
  if (Object.keys(fields).length > 0) throw badRequest(code, 'Даты за пределами учебного года', fields);
}

export function assertRange(range: { startsOn: string; endsOn: string }, strict = false): void {
  if (strict ? range.startsOn >= range.endsOn : range.startsOn > range.endsOn) {
    throw badRequest('validation.failed', 'Проверьте заполнение полей', { endsOn: strict ? 'Позже даты начала' : 'Не раньше даты начала' });
  }
}

/**
 * A year of a school: dates in order, at most a year long, a name of its own and no day shared
 * with another year of the school. `others` are all the school's years (the row itself is skipped).
 */
export function assertYearFits(candidate: { id?: string; name: string; startsOn: string; endsOn: string }, others: YearRow[]) {
  assertRange(candidate, true);
  if (daysBetween(candidate.startsOn, candidate.endsOn) > MAX_YEAR_DAYS) {
    throw badRequest('academic_year.too_long', 'Учебный год не длиннее календарного', { endsOn: 'Не позже чем через год после начала' });
  }
  const rest = others.filter((y) => y.id !== candidate.id);
  if (rest.some((y) => y.name === candidate.name)) {
    throw conflict('conflict.duplicate', 'Такая запись уже есть', { name: 'Уже занято' });
  }
  const overlapping = rest.find((y) => rangesOverlap(y, candidate));
  if (overlapping) {
    const message = `Пересекается с учебным годом «${overlapping.name}»`;
    throw conflict('academic_year.overlap', message, { startsOn: message, endsOn: message });
  }
}
