/**
 * Calendar rules shared by the server and the web: pure functions on school-local dates
 * ('YYYY-MM-DD' strings) and lesson times ('HH:MM'). No I/O, no local time zone: every date is
 * handled as a UTC day number, so the machine's TZ never moves a date.
 */
import type { YearStatus } from '../contract/enums.ts';

export type DateRange = { startsOn: string; endsOn: string };
/** A grade band; null bounds mean the whole school (1–12). */
export type GradeBand = { gradeFrom: number | null; gradeTo: number | null };
export type HolidayLike = DateRange & Partial<GradeBand>;
export type PeriodLike = DateRange & { gradeFrom: number; gradeTo: number };
export type BellLike = { lessonNumber: number; startsAt: string; endsAt: string };

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MIN_GRADE = 1;
export const MAX_GRADE = 12;

/** True for a real calendar date in 'YYYY-MM-DD' form (no 2025-02-30). */
export function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m || !isDate(date)) throw new RangeError(`Not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** `to − from` in days: daysBetween('2024-09-01', '2024-09-02') = 1. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** Same month and day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const m = DATE_RE.exec(date);
  if (!m || !isDate(date)) throw new RangeError(`Not a date: ${date}`);
  const year = Number(m[1]) + years;
  const candidate = `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}`;
  return isDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-${m[2]}-28`;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export const weekday = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const yearOf = (date: string): number => Number(date.slice(0, 4));

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);

/** Both ranges are inclusive at both ends. */
export const rangesOverlap = (a: DateRange, b: DateRange): boolean => a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

export const rangeContains = (outer: DateRange, inner: DateRange): boolean =>
  outer.startsOn <= inner.startsOn && inner.endsOn <= outer.endsOn;

export const rangeContainsDate = (range: DateRange, date: string): boolean => range.startsOn <= date && date <= range.endsOn;

/** The part of `range` inside `within`, or null when nothing of it is left. */
export function clipRange(range: DateRange, within: DateRange): DateRange | null {
  const clipped = { startsOn: maxDate(range.startsOn, within.startsOn), endsOn: minDate(range.endsOn, within.endsOn) };
  return clipped.startsOn <= clipped.endsOn ? clipped : null;
}

const bandFrom = (b: Partial<GradeBand>) => b.gradeFrom ?? MIN_GRADE;
const bandTo = (b: Partial<GradeBand>) => b.gradeTo ?? MAX_GRADE;

export const bandsOverlap = (a: Partial<GradeBand>, b: Partial<GradeBand>): boolean =>
  bandFrom(a) <= bandTo(b) && bandFrom(b) <= bandTo(a);

export const bandContains = (band: Partial<GradeBand>, grade: number): boolean =>
  bandFrom(band) <= grade && grade <= bandTo(band);

export type SchoolDayOptions = {
  weekDays: number;
  holidays: readonly HolidayLike[];
  /** A holiday with a grade band counts only for grades in it; without a grade, only whole-school holidays count. */
  grade?: number;
};

const holidayApplies = (h: HolidayLike, grade: number | undefined) =>
  grade === undefined ? h.gradeFrom == null && h.gradeTo == null : bandContains(h, grade);

/** Sunday never; Saturday only in a 6-day week; never on a holiday that applies to the grade. */
export function isSchoolDay(date: string, options: SchoolDayOptions): boolean {
  const day = weekday(date);
  if (day === 0 || (day === 6 && options.weekDays !== 6)) return false;
  return !options.holidays.some((h) => rangeContainsDate(h, date) && holidayApplies(h, options.grade));
}

/** Every school day from `from` to `to`, both included, in order. */
export function schoolDays(from: string, to: string, options: SchoolDayOptions): string[] {
  const holidays = options.holidays.filter((h) => holidayApplies(h, options.grade) && h.startsOn <= to && h.endsOn >= from);
  const days: string[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
    const date = fromDayNumber(d);
    if (isSchoolDay(date, { weekDays: options.weekDays, holidays, grade: options.grade })) days.push(date);
  }
  return days;
}

/** The period of `grade` that `date` falls in, if any. */
export function periodOn<T extends PeriodLike>(date: string, periods: readonly T[], grade: number): T | undefined {
  return periods.find((p) => bandContains(p, grade) && rangeContainsDate(p, date));
}

/** Periods of one year may not share a day where their grade bands meet. */
export function overlappingPeriod<T extends PeriodLike & { id?: string }>(candidate: PeriodLike, others: readonly T[], exceptId?: string): T | undefined {
  return others.find((p) => p.id !== exceptId && rangesOverlap(p, candidate) && bandsOverlap(p, candidate));
}

/** Field messages for a range whose end comes before its start; null when it is fine. */
export function rangeErrors(range: DateRange): Record<string, string> | null {
  return range.startsOn <= range.endsOn ? null : { endsOn: 'Не раньше даты начала' };
}

/** Field messages for a band that is half given or reversed; null when it is fine. */
export function bandErrors(band: GradeBand): Record<string, string> | null {
  if ((band.gradeFrom === null) !== (band.gradeTo === null)) {
    return { [band.gradeFrom === null ? 'gradeFrom' : 'gradeTo']: 'Укажите обе границы параллелей или ни одной' };
  }
  if (band.gradeFrom !== null && band.gradeTo !== null && band.gradeFrom > band.gradeTo) {
    return { gradeTo: 'Не меньше начальной параллели' };
  }
  return null;
}

/**
 * Field messages for a bell schedule, keyed like the request (`bells.2.startsAt`); null when fine.
 * Lesson numbers are unique, each lesson starts before it ends, and in lesson-number order the
 * lessons follow one another without overlapping.
 */
export function bellErrors(bells: readonly BellLike[]): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  bells.forEach((b, i) => {
    if (seen.has(b.lessonNumber)) errors[`bells.${i}.lessonNumber`] ??= 'Номер урока повторяется';
    seen.add(b.lessonNumber);
    if (b.startsAt >= b.endsAt) errors[`bells.${i}.endsAt`] ??= 'Урок должен закончиться позже, чем начался';
  });
  const order = bells.map((b, i) => ({ b, i })).sort((x, y) => x.b.lessonNumber - y.b.lessonNumber);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const next = order[k]!;
    if (prev.b.lessonNumber !== next.b.lessonNumber && next.b.startsAt < prev.b.endsAt) {
      errors[`bells.${next.i}.startsAt`] ??= `Раньше окончания урока № ${prev.b.lessonNumber}`;
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The status moves of an academic year: planning → open → closed → archived. */
export const YEAR_TRANSITIONS = {
  open: { from: 'planning', to: 'open' },
  close: { from: 'open', to: 'closed' },
  archive: { from: 'closed', to: 'archived' },
} as const satisfies Record<string, { from: YearStatus; to: YearStatus }>;
export type YearTransition = keyof typeof YEAR_TRANSITIONS;

/** Periods, holidays and bells of a closed or archived year are a record and stay as they are. */
export const isYearWritable = (status: string): boolean => status === 'planning' || status === 'open';

/** Formatters are costly to build; one per time zone is kept. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The school-local date ('YYYY-MM-DD') of an instant in the school's time zone. */
export function localDate(at: Date, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}
