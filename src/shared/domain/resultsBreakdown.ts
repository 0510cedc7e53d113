/**
 * Итоги успеваемости broken down by subject or by teacher (issue 13, report 2), over the figures of
 * results.ts. The unit is no longer a student with all his subjects but one student's marks in one
 * subject (normally one period mark): for a subject (or a teacher) an «отличник» is a student whose
 * period mark there is «5», a «хорошист» one with «4», «с одной 3» one with «3», a неуспевающий one
 * with «2» or «незачёт», не аттестован one with «Н/А»; «ОСВ» is not counted, «зачёт» is positive.
 * A teacher's figures count each student × subject he teaches once (a student he teaches in two
 * subjects counts twice).
 */
import type { PeriodMarkValue } from '../contract/enums.ts';
import { periodResults, type ResultsFigures } from './results.ts';

/**
 * One period mark (`id`) as seen under one key (a subject, a teacher): `unit` is the student × subject
 * it is a mark of. A mark two teachers share appears once per teacher, with the same id.
 */
export type BreakdownMark = { id: string; key: string; unit: string; value: PeriodMarkValue };

export type BreakdownFigures = {
  /** Student × subject units with any period mark (ОСВ included). */
  students: number;
  figures: ResultsFigures;
};

function figuresOf(marks: readonly BreakdownMark[]): BreakdownFigures {
  const units = new Map<string, PeriodMarkValue[]>();
  const seen = new Set<string>();
  for (const mark of marks) {
    if (seen.has(mark.id)) continue;
    seen.add(mark.id);
    units.set(mark.unit, [...(units.get(mark.unit) ?? []), mark.value]);
  }
  return { students: units.size, figures: periodResults([...units.values()]) };
}

/** Per key, the figures over its student × subject units; the total over every distinct mark (a shared one counts once). */
export function resultsBreakdown(marks: readonly BreakdownMark[]): { byKey: Map<string, BreakdownFigures>; total: BreakdownFigures } {
  const byKey = new Map<string, BreakdownMark[]>();
  for (const mark of marks) byKey.set(mark.key, [...(byKey.get(mark.key) ?? []), mark]);
  return { byKey: new Map([...byKey].map(([key, of]) => [key, figuresOf(of)])), total: figuresOf(marks) };
}
