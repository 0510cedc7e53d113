/**
 * Итоги успеваемости: the standard figures of a period's (or the year's) results for a set of
 * students, defined once (issue 13, seeds 001 §7, 002 §7). Pure: the caller passes each student's
 * period marks across subjects (values of PERIOD_MARK_VALUES).
 *
 * How the marks that are not 2–5 count — the school's policy, printed under every table
 * (RESULTS_POLICY_NOTE_KEY in the web locales says the same in words):
 * - «зачёт» (`pass`) is a positive result: it keeps a student успевающий and does not take an
 *   отличник or хорошист out of his category; it is no mark of 2–5, so it is not in СОУ or the mean.
 * - «незачёт» (`fail`) counts as a «2» for неуспевающие (not in СОУ or the mean).
 * - «ОСВ» (`exempt`, освобождён) is neutral: as if the subject were not there.
 * - «Н/А» (`notAssessed`) makes the student не аттестован; a student not assessed in one subject
 *   and failing another is counted once, among the не аттестованы, so that
 *   успевающие = assessed − неуспевающие − не аттестованы.
 * A student is assessed when he has at least one period mark other than «ОСВ». An отличник or
 * хорошист needs at least one mark of 2–5 (only «зачёт» makes neither).
 */
import type { PeriodMarkValue } from '../contract/enums.ts';

/** The weights of СОУ (степень обученности учащихся, В. П. Симонов) for «5», «4», «3», «2». */
export const SOU_WEIGHTS = { 5: 1, 4: 0.64, 3: 0.36, 2: 0.16 } as const;

export type ResultsFigures = {
  /** Students with at least one period mark other than «ОСВ». */
  assessed: number;
  /** All marks of 2–5 are «5». */
  excellent: number;
  /** Marks of 2–5 only «4» and «5», at least one «4». */
  good: number;
  /** Of `good`, those with exactly one «4». */
  oneFour: number;
  /** Marks «3», «4», «5» with exactly one «3» (no «2», незачёт or Н/А). */
  oneThree: number;
  /** A «2» or «незачёт», and no «Н/А». */
  failing: number;
  /** A «Н/А». */
  notAssessed: number;
  /** Percent, or null when nobody is assessed. */
  progressPercent: number | null;
  qualityPercent: number | null;
  /** СОУ in percent over the marks 2–5, or null without any. */
  sou: number | null;
  /** The mean of the marks 2–5, or null without any. */
  meanMark: number | null;
  /** How many marks of each value 2–5 were counted. */
  marks: { 5: number; 4: number; 3: number; 2: number };
};

type Grade = 2 | 3 | 4 | 5;
const gradeOf = (value: PeriodMarkValue): Grade | null =>
  value === '2' || value === '3' || value === '4' || value === '5' ? (Number(value) as Grade) : null;

/** The figures for students given as the lists of their period marks (one list per student). */
export function periodResults(students: readonly (readonly PeriodMarkValue[])[]): ResultsFigures {
  const marks = { 5: 0, 4: 0, 3: 0, 2: 0 };
  let assessed = 0; let excellent = 0; let good = 0; let oneFour = 0; let oneThree = 0; let failing = 0; let notAssessed = 0;
  for (const values of students) {
    const counted = values.filter((v) => v !== 'exempt');
    if (counted.length === 0) continue;
    assessed += 1;
    const own = { 5: 0, 4: 0, 3: 0, 2: 0 };
    for (const v of counted) {
      const grade = gradeOf(v);
      if (grade !== null) own[grade] += 1;
    }
    for (const g of [5, 4, 3, 2] as const) marks[g] += own[g];
    const graded = own[5] + own[4] + own[3] + own[2];
    if (counted.includes('notAssessed')) { notAssessed += 1; continue; }
    if (own[2] > 0 || counted.includes('fail')) { failing += 1; continue; }
    if (graded === 0) continue;
    if (own[5] === graded) excellent += 1;
    else if (own[3] === 0) { good += 1; if (own[4] === 1) oneFour += 1; }
    else if (own[3] === 1) oneThree += 1;
  }
  const graded = marks[5] + marks[4] + marks[3] + marks[2];
  const percent = (n: number) => (assessed === 0 ? null : (n / assessed) * 100);
  return {
    assessed, excellent, good, oneFour, oneThree, failing, notAssessed,
    progressPercent: percent(assessed - failing - notAssessed),
    qualityPercent: percent(excellent + good),
    sou: graded === 0 ? null
      : ((marks[5] * SOU_WEIGHTS[5] + marks[4] * SOU_WEIGHTS[4] + marks[3] * SOU_WEIGHTS[3] + marks[2] * SOU_WEIGHTS[2]) / graded) * 100,
    meanMark: graded === 0 ? null : (marks[5] * 5 + marks[4] * 4 + marks[3] * 3 + marks[2] * 2) / graded,
    marks,
  };
}
