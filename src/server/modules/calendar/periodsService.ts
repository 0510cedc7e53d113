import type { HolidayCreate, HolidayUpdate, PeriodCreate, PeriodUpdate } from '../../../shared/contract/calendar.ts';
import { bandErrors, bandsOverlap, overlappingPeriod, rangesOverlap } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import { assertInsideYear, assertRange, assertYearWritable, holidayNotFound, lockWritableYear, periodNotFound, yearNotFound } from './guards.ts';
import * as q from './queries.ts';
import type { HolidayRow, PeriodRow, YearRow } from './queries.ts';

export const listPeriods = q.listPeriods;
export const listHolidays = q.listHolidays;

function assertBand(band: { gradeFrom: number | null; gradeTo: number | null }) {
  const errors = bandErrors(band);
  if (errors) throw badRequest('validation.failed', 'Проверьте заполнение полей', errors);
}

/**
 * A period lies in its year, its band is in order, its name is its own among periods starting at
 * the same grade, and it shares no day with another period of the year whose band meets its band.
 */
async function assertPeriodFits(tx: Db, year: YearRow, period: Omit<PeriodRow, 'createdAt' | 'schoolId' | 'academicYearId'>) {
  assertRange(period);
  assertBand(period);
  assertInsideYear('period.outside_year', period, year);
  const others = (await q.periodsOfYear(tx, year.schoolId, year.id)).filter((p) => p.id !== period.id);
  if (others.some((p) => p.name === period.name && p.gradeFrom === period.gradeFrom)) {
    throw conflict('conflict.duplicate', 'Такая запись уже есть', { name: 'Уже занято' });
  }
  const clash = overlappingPeriod(period, others);
  if (clash) {
    const message = `Пересекается с периодом «${clash.name}» (${clash.gradeFrom}–${clash.gradeTo} кл.)`;
    throw conflict('period.overlap', message, { startsOn: message, endsOn: message });
  }
}

export const createPeriod = (db: Db, schoolId: string, input: PeriodCreate) =>
  db.transaction(async (tx) => {
    const year = await lockWritableYear(tx, schoolId, input.academicYearId);
    const id = newId();
    await assertPeriodFits(tx, year, { id, ...input });
    return (await q.insertPeriods(tx, [{ id, schoolId, ...input }]))[0]!;
  });

/** The period, the year it belongs to (writable), after taking the school's calendar lock. */
async function lockPeriod(tx: Db, schoolId: string, id: string) {
  await lockSchool(tx, schoolId);
  const period = found(await q.findPeriod(tx, schoolId, id), periodNotFound);
  const year = found(await q.findYear(tx, schoolId, period.academicYearId), yearNotFound);
  assertYearWritable(year);
  return { period, year };
}

export const updatePeriod = (db: Db, schoolId: string, id: string, patch: PeriodUpdate) =>
  db.transaction(async (tx) => {
    const { period, year } = await lockPeriod(tx, schoolId, id);
    await assertPeriodFits(tx, year, { ...period, ...patch });
    if (Object.keys(patch).length === 0) return period;
    return found(await q.updatePeriod(tx, schoolId, id, patch), periodNotFound);
  });

export const deletePeriod = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await lockPeriod(tx, schoolId, id);
    await q.deletePeriod(tx, schoolId, id);
  });

export const getHoliday = async (db: Db, schoolId: string, id: string) => found(await q.findHoliday(db, schoolId, id), holidayNotFound);

/**
 * A holiday lies in its year with a whole or no band. Holidays of one kind do not share a day
 * where their bands meet (that is the same vacation entered twice); a public holiday inside a
 * vacation is fine.
 */
async function assertHolidayFits(tx: Db, year: YearRow, holiday: Omit<HolidayRow, 'createdAt' | 'schoolId' | 'academicYearId'>) {
  assertRange(holiday);
  assertBand(holiday);
  assertInsideYear('holiday.outside_year', holiday, year);
  const clash = (await q.holidaysOfYear(tx, year.schoolId, year.id))
    .find((h) => h.id !== holiday.id && h.kind === holiday.kind && rangesOverlap(h, holiday) && bandsOverlap(h, holiday));
  if (clash) {
    const message = `Пересекается с «${clash.name}» (${clash.startsOn} — ${clash.endsOn})`;
    throw conflict('holiday.overlap', message, { startsOn: message, endsOn: message });
  }
}

export const createHoliday = (db: Db, schoolId: string, input: HolidayCreate) =>
  db.transaction(async (tx) => {
    const year = await lockWritableYear(tx, schoolId, input.academicYearId);
    const id = newId();
    await assertHolidayFits(tx, year, { id, ...input });
    return (await q.insertHolidays(tx, [{ id, schoolId, ...input }]))[0]!;
  });

async function lockHoliday(tx: Db, schoolId: string, id: string) {
  await lockSchool(tx, schoolId);
  const holiday = found(await q.findHoliday(tx, schoolId, id), holidayNotFound);
  const year = found(await q.findYear(tx, schoolId, holiday.academicYearId), yearNotFound);
  assertYearWritable(year);
  return { holiday, year };
}

export const updateHoliday = (db: Db, schoolId: string, id: string, patch: HolidayUpdate) =>
  db.transaction(async (tx) => {
    const { holiday, year } = await lockHoliday(tx, schoolId, id);
    await assertHolidayFits(tx, year, { ...holiday, ...patch });
    if (Object.keys(patch).length === 0) return holiday;
    return found(await q.updateHoliday(tx, schoolId, id, patch), holidayNotFound);
  });

export const deleteHoliday = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await lockHoliday(tx, schoolId, id);
    await q.deleteHoliday(tx, schoolId, id);
  });
