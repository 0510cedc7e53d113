/**
 * Which academic year and which period a screen opens on when the user has not chosen one. One
 * rule for the journal grid and list, the class overview, the control board, the period marks
 * sheet and the diary, so that in the holidays they all open the same period.
 */
import { type DateRange, daysBetween } from './calendar.ts';

type Banded = { gradeFrom?: number; gradeTo?: number };

/** A period without a band (a lookup that dropped it) applies to every grade; null: a group outside any class, every period. */
const applies = (p: Banded, grade: number | null) =>
  grade === null || ((p.gradeFrom ?? grade) <= grade && grade <= (p.gradeTo ?? grade));

const span = (p: DateRange) => daysBetween(p.startsOn, p.endsOn);

/** Calendar order; of two periods starting the same day the shorter first (a quarter before its half). */
const calendarOrder = (a: DateRange, b: DateRange) => a.startsOn.localeCompare(b.startsOn) || span(a) - span(b);

/** The periods that apply to a grade (null: all of them), in calendar order. */
export const periodsForGrade = <P extends DateRange & Banded>(periods: readonly P[], grade: number | null): P[] =>
  periods.filter((p) => applies(p, grade)).sort(calendarOrder);

/**
 * The period to open, among those that apply to `grade` (null: all): the shortest one holding
 * `today` (a quarter rather than the half holding the same day); between periods (the holidays)
 * the last one that has begun; before the year, the first.
 */
export function defaultPeriod<P extends DateRange & Banded>(periods: readonly P[], today: string, grade: number | null = null): P | undefined {
  const own = periodsForGrade(periods, grade);
  const holding = own.filter((p) => p.startsOn <= today && today <= p.endsOn).sort((a, b) => span(a) - span(b) || calendarOrder(a, b));
  if (holding[0]) return holding[0];
  const begun = own.filter((p) => p.startsOn <= today);
  const lastStart = begun.at(-1)?.startsOn;
  return begun.find((p) => p.startsOn === lastStart) ?? own[0];
}

/**
 * The year to open: the open year holding `today`; else the latest that has begun and is not
 * still being planned (the summer after a year, or a year already closed); else the earliest
 * (a school setting up its first year).
 */
export function currentYear<Y extends DateRange & { status: string }>(years: readonly Y[], today: string): Y | undefined {
  const sorted = [...years].sort(calendarOrder);
  return sorted.find((y) => y.status === 'open' && y.startsOn <= today && today <= y.endsOn)
    ?? sorted.filter((y) => y.status !== 'planning' && y.startsOn <= today).at(-1)
    ?? sorted[0];
}
