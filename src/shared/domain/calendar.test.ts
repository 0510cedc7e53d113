import { describe, expect, it } from 'vitest';
import {
  addDays, addYears, bandContains, bandErrors, bandsOverlap, bellErrors, clipRange, dayNumber, daysBetween, fromDayNumber,
  isDate, isSchoolDay, isYearWritable, overlappingPeriod, periodOn, rangeContains, rangeContainsDate, rangeErrors,
  rangesOverlap, schoolDays, weekday, YEAR_TRANSITIONS, yearOf,
} from './calendar.ts';

const r = (startsOn: string, endsOn: string) => ({ startsOn, endsOn });

describe('day arithmetic on YYYY-MM-DD strings', () => {
  it('recognises real dates only', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2025-13-01')).toBe(false);
    expect(isDate('2025-04-31')).toBe(false);
    expect(isDate('2025-4-1')).toBe(false);
    expect(isDate('01.09.2025')).toBe(false);
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError);
    expect(() => addYears('nonsense', 1)).toThrow(RangeError);
  });

  it('counts days from the epoch and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(dayNumber('2025-09-01'))).toBe('2025-09-01');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-09-01', 0)).toBe('2025-09-01');
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31'); // no DST step in UTC arithmetic
  });

  it('measures the days between two dates with a sign', () => {
    expect(daysBetween('2024-09-01', '2025-09-01')).toBe(365);
    expect(daysBetween('2023-09-01', '2024-09-01')).toBe(366);
    expect(daysBetween('2025-09-01', '2024-09-01')).toBe(-365);
    expect(daysBetween('2025-09-01', '2025-09-01')).toBe(0);
  });

  it('adds whole years keeping month and day, 29 February becoming 28', () => {
    expect(addYears('2024-11-04', 1)).toBe('2025-11-04');
    expect(addYears('2025-05-01', -2)).toBe('2023-05-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('names the weekday without the local time zone', () => {
    expect(weekday('2025-09-01')).toBe(1); // Monday
    expect(weekday('2025-09-06')).toBe(6);
    expect(weekday('2025-09-07')).toBe(0);
    expect(weekday('1969-12-31')).toBe(3);
    expect(yearOf('2025-09-01')).toBe(2025);
  });
});

describe('ranges and grade bands', () => {
  it('treats ranges as inclusive at both ends', () => {
    expect(rangesOverlap(r('2025-09-01', '2025-10-26'), r('2025-10-26', '2025-11-03'))).toBe(true);
    expect(rangesOverlap(r('2025-09-01', '2025-10-25'), r('2025-10-26', '2025-11-03'))).toBe(false);
    expect(rangesOverlap(r('2025-09-01', '2026-05-31'), r('2025-11-04', '2025-11-04'))).toBe(true);
    expect(rangesOverlap(r('2025-11-04', '2025-11-04'), r('2025-09-01', '2026-05-31'))).toBe(true);
  });

  it('tells containment of ranges and dates', () => {
    const year = r('2025-09-01', '2026-05-31');
    expect(rangeContains(year, r('2025-09-01', '2026-05-31'))).toBe(true);
    expect(rangeContains(year, r('2025-08-31', '2025-10-01'))).toBe(false);
    expect(rangeContains(year, r('2026-05-01', '2026-06-01'))).toBe(false);
    expect(rangeContainsDate(year, '2026-05-31')).toBe(true);
    expect(rangeContainsDate(year, '2026-06-01')).toBe(false);
  });

  it('clips a range to another or says nothing is left', () => {
    const year = r('2025-09-01', '2026-05-31');
    expect(clipRange(r('2025-08-25', '2025-10-01'), year)).toEqual(r('2025-09-01', '2025-10-01'));
    expect(clipRange(r('2026-05-25', '2026-06-08'), year)).toEqual(r('2026-05-25', '2026-05-31'));
    expect(clipRange(r('2026-06-01', '2026-06-08'), year)).toBeNull();
    expect(clipRange(r('2025-10-01', '2025-10-02'), year)).toEqual(r('2025-10-01', '2025-10-02'));
  });

  it('meets grade bands inclusively, a null band being the whole school', () => {
    expect(bandsOverlap({ gradeFrom: 1, gradeTo: 9 }, { gradeFrom: 10, gradeTo: 11 })).toBe(false);
    expect(bandsOverlap({ gradeFrom: 1, gradeTo: 9 }, { gradeFrom: 9, gradeTo: 11 })).toBe(true);
    expect(bandsOverlap({ gradeFrom: 5, gradeTo: 5 }, { gradeFrom: null, gradeTo: null })).toBe(true);
    expect(bandsOverlap({}, { gradeFrom: 12, gradeTo: 12 })).toBe(true);
    expect(bandContains({ gradeFrom: 1, gradeTo: 1 }, 1)).toBe(true);
    expect(bandContains({ gradeFrom: 1, gradeTo: 1 }, 2)).toBe(false);
    expect(bandContains({ gradeFrom: null, gradeTo: null }, 11)).toBe(true);
  });

  it('reports a reversed range and a half-given or reversed band', () => {
    expect(rangeErrors(r('2025-09-02', '2025-09-01'))).toEqual({ endsOn: 'Не раньше даты начала' });
    expect(rangeErrors(r('2025-09-01', '2025-09-01'))).toBeNull();
    expect(bandErrors({ gradeFrom: 1, gradeTo: null })).toHaveProperty('gradeTo');
    expect(bandErrors({ gradeFrom: null, gradeTo: 4 })).toHaveProperty('gradeFrom');
    expect(bandErrors({ gradeFrom: 5, gradeTo: 4 })).toEqual({ gradeTo: 'Не меньше начальной параллели' });
    expect(bandErrors({ gradeFrom: null, gradeTo: null })).toBeNull();
    expect(bandErrors({ gradeFrom: 4, gradeTo: 4 })).toBeNull();
  });
});

// A typical school: quarters for 1–9, halves for 10–11 (seed 002 names trimesters and halves).
const quarters = [
  { id: 'q1', gradeFrom: 1, gradeTo: 9, ...r('2025-09-01', '2025-10-24') },
  { id: 'q2', gradeFrom: 1, gradeTo: 9, ...r('2025-11-05', '2025-12-28') },
];
const halves = [{ id: 'h1', gradeFrom: 10, gradeTo: 11, ...r('2025-09-01', '2025-12-28') }];

describe('periods', () => {
  it('finds the period of a grade on a date, or none in a vacation', () => {
    const all = [...quarters, ...halves];
    expect(periodOn('2025-09-01', all, 5)?.id).toBe('q1');
    expect(periodOn('2025-11-05', all, 9)?.id).toBe('q2');
    expect(periodOn('2025-10-30', all, 5)).toBeUndefined();
    expect(periodOn('2025-10-30', all, 10)?.id).toBe('h1');
    expect(periodOn('2025-09-01', all, 12)).toBeUndefined();
  });

  it('finds a period sharing a day and a grade, ignoring the one being edited', () => {
    const all = [...quarters, ...halves];
    expect(overlappingPeriod({ gradeFrom: 1, gradeTo: 4, ...r('2025-10-20', '2025-10-30') }, all)?.id).toBe('q1');
    expect(overlappingPeriod({ gradeFrom: 1, gradeTo: 9, ...r('2025-10-25', '2025-11-04') }, all)).toBeUndefined();
    expect(overlappingPeriod({ gradeFrom: 10, gradeTo: 11, ...r('2025-12-29', '2026-05-25') }, all)).toBeUndefined();
    expect(overlappingPeriod({ gradeFrom: 1, gradeTo: 9, ...r('2025-09-01', '2025-10-26') }, all, 'q1')).toBeUndefined();
  });
});

describe('school days', () => {
  const holidays = [
    { ...r('2025-11-04', '2025-11-04'), gradeFrom: null, gradeTo: null }, // День народного единства
    { ...r('2026-02-16', '2026-02-22'), gradeFrom: 1, gradeTo: 1 }, // extra February week for grade 1
  ];

  it('never counts Sunday and counts Saturday only in a six-day week', () => {
    expect(isSchoolDay('2025-09-07', { weekDays: 6, holidays: [] })).toBe(false);
    expect(isSchoolDay('2025-09-06', { weekDays: 5, holidays: [] })).toBe(false);
    expect(isSchoolDay('2025-09-06', { weekDays: 6, holidays: [] })).toBe(true);
    expect(isSchoolDay('2025-09-05', { weekDays: 5, holidays: [] })).toBe(true);
  });

  it('skips a whole-school holiday for every grade and a banded one only for its grades', () => {
    expect(isSchoolDay('2025-11-04', { weekDays: 5, holidays })).toBe(false);
    expect(isSchoolDay('2025-11-04', { weekDays: 5, holidays, grade: 7 })).toBe(false);
    expect(isSchoolDay('2026-02-17', { weekDays: 5, holidays, grade: 1 })).toBe(false);
    expect(isSchoolDay('2026-02-17', { weekDays: 5, holidays, grade: 2 })).toBe(true);
    expect(isSchoolDay('2026-02-17', { weekDays: 5, holidays })).toBe(true);
  });

  it('lists the school days of a range in order, both ends included', () => {
    expect(schoolDays('2025-11-01', '2025-11-09', { weekDays: 5, holidays })).toEqual([
      '2025-11-03', '2025-11-05', '2025-11-06', '2025-11-07',
    ]);
    expect(schoolDays('2025-11-01', '2025-11-09', { weekDays: 6, holidays })).toEqual([
      '2025-11-01', '2025-11-03', '2025-11-05', '2025-11-06', '2025-11-07', '2025-11-08',
    ]);
    expect(schoolDays('2026-02-16', '2026-02-22', { weekDays: 5, holidays, grade: 1 })).toEqual([]);
    expect(schoolDays('2026-02-16', '2026-02-22', { weekDays: 5, holidays, grade: 3 })).toHaveLength(5);
    expect(schoolDays('2025-09-02', '2025-09-01', { weekDays: 5, holidays })).toEqual([]);
    expect(schoolDays('2025-09-01', '2026-08-31', { weekDays: 5, holidays: [] })).toHaveLength(261);
  });
});

describe('bells', () => {
  const bell = (lessonNumber: number, startsAt: string, endsAt: string) => ({ lessonNumber, startsAt, endsAt });

  it('accepts lessons in order, even back to back, in any input order', () => {
    expect(bellErrors([bell(1, '08:30', '09:15'), bell(2, '09:25', '10:10'), bell(3, '10:10', '10:55')])).toBeNull();
    expect(bellErrors([bell(2, '09:25', '10:10'), bell(1, '08:30', '09:15')])).toBeNull();
    expect(bellErrors([])).toBeNull();
  });

  it('names the repeated lesson number, the lesson that ends before it starts and the overlapping lesson', () => {
    expect(bellErrors([bell(1, '08:30', '09:15'), bell(1, '09:25', '10:10')])).toEqual({ 'bells.1.lessonNumber': 'Номер урока повторяется' });
    expect(bellErrors([bell(1, '09:15', '08:30')])).toEqual({ 'bells.0.endsAt': 'Урок должен закончиться позже, чем начался' });
    expect(bellErrors([bell(1, '09:00', '09:00')])).toHaveProperty(['bells.0.endsAt']);
    expect(bellErrors([bell(1, '08:30', '09:15'), bell(2, '09:10', '09:55')])).toEqual({ 'bells.1.startsAt': 'Раньше окончания урока № 1' });
    expect(bellErrors([bell(2, '08:30', '09:15'), bell(1, '09:25', '10:10')])).toEqual({ 'bells.0.startsAt': 'Раньше окончания урока № 1' });
  });
});

describe('year statuses', () => {
  it('moves planning → open → closed → archived and writes only to planning or open years', () => {
    expect(YEAR_TRANSITIONS.open).toEqual({ from: 'planning', to: 'open' });
    expect(YEAR_TRANSITIONS.close).toEqual({ from: 'open', to: 'closed' });
    expect(YEAR_TRANSITIONS.archive).toEqual({ from: 'closed', to: 'archived' });
    expect(['planning', 'open', 'closed', 'archived'].map(isYearWritable)).toEqual([true, true, false, false]);
  });
});
