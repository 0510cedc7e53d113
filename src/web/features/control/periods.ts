import type { Period } from '../../../shared/contract/calendar.ts';
import type { PeriodClosure } from '../../../shared/contract/grading.ts';

/** What the «Периоды» screen says of a period: open, closed, or closed but reopened for some lessons until a time. */
export type PeriodState = { kind: 'open' } | { kind: 'closed'; closedAt: string } | { kind: 'reopened'; closedAt: string; until: string; count: number };

/** The server lists only the reopenings in force by its own clock: the browser's clock is not asked. */
export function periodState(closure: PeriodClosure | undefined): PeriodState {
  if (!closure?.closed) return { kind: 'open' };
  const active = closure.reopenings;
  if (active.length === 0) return { kind: 'closed', closedAt: closure.closedAt ?? '' };
  const until = active.map((r) => r.expiresAt).sort().at(-1)!;
  return { kind: 'reopened', closedAt: closure.closedAt ?? '', until, count: active.length };
}

/** Periods in calendar order (a quarter before the half that starts with it). */
export const sortPeriods = (periods: readonly Period[]) =>
  [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn) || a.gradeFrom - b.gradeFrom);

/** A reopening range must lie inside the period; the last date not before the first. */
export function reopenRangeError(period: Pick<Period, 'startsOn' | 'endsOn'>, from: string, to: string): 'from' | 'to' | 'order' | null {
  if (!from || from < period.startsOn || from > period.endsOn) return 'from';
  if (!to || to < period.startsOn || to > period.endsOn) return 'to';
  if (to < from) return 'order';
  return null;
}
