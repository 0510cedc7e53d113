/**
 * Timetable rules shared by the server and the web: which dates a weekly slot falls on. Pure
 * functions on school-local 'YYYY-MM-DD' dates, no I/O, no local time zone.
 */
import type { WeekParity } from '../contract/enums.ts';
import { dayNumber, fromDayNumber, maxDate, minDate, weekday } from './calendar.ts';

export type SlotLike = { weekday: number; validFrom: string; validTo: string; weekParity: WeekParity | null };
export type SlotTimeLike = SlotLike & { lessonNumber: number };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => weekday(date) || 7;

/** ISO 8601 week number (1–53): the week with the year's first Thursday is week 1. */
export function isoWeek(date: string): number {
  const day = dayNumber(date);
  const thursday = day - isoWeekday(date) + 4;
  const yearStart = dayNumber(`${fromDayNumber(thursday).slice(0, 4)}-01-01`);
  return Math.floor((thursday - yearStart) / 7) + 1;
}

/** Alternating weeks: odd or even ISO week number. */
export const weekParityOf = (date: string): WeekParity => (isoWeek(date) % 2 === 1 ? 'odd' : 'even');

/** Two slots can meet unless one runs in odd weeks and the other in even ones. */
export const paritiesMeet = (a: WeekParity | null, b: WeekParity | null): boolean => a === null || b === null || a === b;

/** Same weekday and lesson number, overlapping dates and parities that meet: the two slots clash. */
export const slotsClash = (a: SlotTimeLike, b: SlotTimeLike): boolean =>
  a.weekday === b.weekday && a.lessonNumber === b.lessonNumber && a.validFrom <= b.validTo && b.validFrom <= a.validTo
  && paritiesMeet(a.weekParity, b.weekParity);

/**
 * The dates from `from` to `to` (both included) the slot falls on: its weekday, inside its
 * validity, in a week of its parity, and a school day by `isSchoolDay`.
 */
export function slotDates(slot: SlotLike, from: string, to: string, isSchoolDay: (date: string) => boolean): string[] {
  const start = maxDate(from, slot.validFrom);
  const end = minDate(to, slot.validTo);
  if (start > end) return [];
  const dates: string[] = [];
  const first = dayNumber(start) + ((slot.weekday - isoWeekday(start) + 7) % 7);
  for (let d = first, last = dayNumber(end); d <= last; d += 7) {
    const date = fromDayNumber(d);
    if ((slot.weekParity === null || weekParityOf(date) === slot.weekParity) && isSchoolDay(date)) dates.push(date);
  }
  return dates;
}

