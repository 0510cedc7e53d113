import type { SchoolKind } from '../../shared/contract/enums.ts';
import type { Rng } from './random.ts';
import { DEMO_CREATED_AT as at } from './random.ts';
import type { Rows } from './rows.ts';

/** The current year of the demo: today is 2026-11-27, in the second quarter. */
export const YEAR_NAME = '2026/2027';
export const YEAR_STARTS = '2026-09-01';

type Span = readonly [name: string, startsOn: string, endsOn: string];

// Quarters for grades 1–9 and halves for 10–11 (5-day week), with the vacations between them.
const QUARTERS: readonly Span[] = [
  ['1 четверть', '2026-09-01', '2026-10-23'],
  ['2 четверть', '2026-11-02', '2026-12-29'],
  ['3 четверть', '2027-01-11', '2027-03-19'],
  ['4 четверть', '2027-03-29', '2027-05-31'],
];
const HALVES: readonly Span[] = [
  ['1 полугодие', '2026-09-01', '2026-12-29'],
  ['2 полугодие', '2027-01-11', '2027-05-31'],
];
const SCHOOL_VACATIONS: readonly Span[] = [
  ['Осенние каникулы', '2026-10-24', '2026-11-01'],
  ['Зимние каникулы', '2026-12-30', '2027-01-10'],
  ['Весенние каникулы', '2027-03-20', '2027-03-28'],
];
const SEMESTERS: readonly Span[] = [
  ['1 семестр', '2026-09-01', '2026-12-30'],
  ['2 семестр', '2027-01-12', '2027-06-30'],
];
const PUBLIC_HOLIDAYS: readonly Span[] = [
  ['День народного единства', '2026-11-04', '2026-11-04'],
  ['День защитника Отечества', '2027-02-23', '2027-02-23'],
  ['Международный женский день', '2027-03-08', '2027-03-08'],
  ['Праздник Весны и Труда', '2027-05-01', '2027-05-01'],
  ['День Победы', '2027-05-09', '2027-05-10'],
];

/** Lesson 1 at 8:30; 45-minute lessons; the two long breaks after lessons 2 and 3. */
const BREAKS_AFTER = [10, 20, 20, 10, 10, 10, 10];

function bellTimes(lessons: number, minutes: number): { startsAt: string; endsAt: string }[] {
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const out = [];
  let t = 8 * 60 + 30;
  for (let i = 0; i < lessons; i++) {
    out.push({ startsAt: hhmm(t), endsAt: hhmm(t + minutes) });
    t += minutes + (BREAKS_AFTER[i] ?? 10);
  }
  return out;
}

/** The open year with its periods, holidays and default bell schedule; returns the year's id. */
export function addCalendar(rows: Rows, rng: Rng, schoolId: string, kind: SchoolKind): string {
  const college = kind === 'college';
  const yearId = rng.id();
  rows.academicYears.push({
    schoolId, id: yearId, name: YEAR_NAME, startsOn: YEAR_STARTS, endsOn: college ? '2027-06-30' : '2027-05-31',
    status: 'open', weekDays: college ? 6 : 5, createdAt: at, updatedAt: at,
  });
  const period = (kind: 'quarter' | 'half' | 'semester', gradeFrom: number, gradeTo: number) =>
    ([name, startsOn, endsOn]: Span) =>
      rows.periods.push({ schoolId, id: rng.id(), academicYearId: yearId, name, kind, gradeFrom, gradeTo, startsOn, endsOn, createdAt: at });
  const holiday = (kind: 'vacation' | 'holiday', gradeFrom: number | null = null, gradeTo: number | null = null) =>
    ([name, startsOn, endsOn]: Span) =>
      rows.holidays.push({ schoolId, id: rng.id(), academicYearId: yearId, name, kind, startsOn, endsOn, gradeFrom, gradeTo, createdAt: at });

  if (college) {
    SEMESTERS.forEach(period('semester', 1, 4));
    holiday('vacation')(['Зимние каникулы', '2026-12-31', '2027-01-11']);
  } else {
    QUARTERS.forEach(period('quarter', 1, 9));
    HALVES.forEach(period('half', 10, 11));
    SCHOOL_VACATIONS.forEach(holiday('vacation'));
    // The extra week of rest for first-graders in February.
    holiday('vacation', 1, 1)(['Дополнительные каникулы для 1 классов', '2027-02-15', '2027-02-21']);
  }
  PUBLIC_HOLIDAYS.forEach(holiday('holiday'));

  const scheduleId = rng.id();
  rows.bellSchedules.push({ schoolId, id: scheduleId, academicYearId: yearId, name: 'Основное', isDefault: true, createdAt: at });
  bellTimes(8, 45).forEach((b, i) => rows.bells.push({ schoolId, bellScheduleId: scheduleId, lessonNumber: i + 1, ...b }));
  return yearId;
}
