/**
 * «Принять предложенные» on a sheet of period (or year) marks: which marks one click would set.
 * Pure, used by the server's preview and confirmation alike (and unit-tested here).
 */
import { periodMarkDeadline } from './compliance.ts';
import type { PeriodMarkLike } from './grading.ts';

/** How long the teacher may undo an accepted batch of suggestions, in minutes. */
export const ACCEPT_UNDO_MINUTES = 10;

/**
 * Seed 001, 5.3: the last day to set the marks of a period, or of the year (its end, the same two
 * days earlier).
 */
export const acceptDeadline = (endsOn: string) => periodMarkDeadline(endsOn);

/** Whether «Н/А» may be accepted: only once the deadline has passed (a forecast is not a verdict). */
export const notAssessedAcceptable = (endsOn: string, today: string) => today > acceptDeadline(endsOn);

export type AcceptLine = {
  studentId: string;
  suggestion: PeriodMarkLike;
  /** The mark set now, with the suggestion it was set beside; null when none is set. */
  current: { value: string; suggested: string | null; version: number } | null;
};

export type AcceptPlan<L extends AcceptLine> = { take: L[]; leftOutNotAssessed: L[] };

/**
 * The lines the click sets: a student without a mark, and a mark that took an earlier suggestion
 * that has changed since (the teacher's own choice is never overwritten); «Н/А» only after the
 * deadline. The left-out «Н/А» lines come back too, so the preview can say how many.
 */
export function planAccept<L extends AcceptLine>(lines: readonly L[], notAssessedOk: boolean): AcceptPlan<L> {
  const take: L[] = [];
  const leftOutNotAssessed: L[] = [];
  for (const line of lines) {
    const c = line.current;
    const open = c === null || (c.suggested !== null && c.value === c.suggested && c.value !== line.suggestion);
    if (!open) continue;
    if (line.suggestion === 'notAssessed' && !notAssessedOk) leftOutNotAssessed.push(line);
    else take.push(line);
  }
  return { take, leftOutNotAssessed };
}
