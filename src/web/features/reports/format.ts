import type { ResultsFiguresDto } from '../../../shared/contract/reports.ts';

/** The language tag numbers are written in: «85,7» in Russian, «85.7» in English. */
const locale = (language: string) => (language.startsWith('en') ? 'en-GB' : 'ru-RU');

/** A percentage with one decimal («85,7 %»), or a dash when there is none (nobody assessed). */
export function formatPercent(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const number = new Intl.NumberFormat(locale(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  return language.startsWith('en') ? `${number}%` : `${number}\u00a0%`;
}

/** A mean mark with two decimals («4,25»), or a dash. */
export function formatMean(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** The columns of the results table, in order: counts first, then the percentages and the mean. */
export const COUNT_COLUMNS = ['assessed', 'excellent', 'good', 'oneFour', 'oneThree', 'failing', 'notAssessed'] as const;
export const RATE_COLUMNS = ['progressPercent', 'qualityPercent', 'sou', 'meanMark'] as const;

/** One cell of a figures row as text. */
export function figureText(figures: ResultsFiguresDto, column: (typeof COUNT_COLUMNS)[number] | (typeof RATE_COLUMNS)[number], language: string): string {
  if (column === 'meanMark') return formatMean(figures.meanMark, language);
  if (column === 'progressPercent' || column === 'qualityPercent' || column === 'sou') return formatPercent(figures[column], language);
  return String(figures[column]);
}

/** The choice of the period selector: a period, or the year's marks. */
export type ResultsChoice = { periodId: string } | { academicYearId: string };

export const choiceValue = (choice: ResultsChoice) => ('periodId' in choice ? `p:${choice.periodId}` : `y:${choice.academicYearId}`);

export function parseChoice(value: string): ResultsChoice | null {
  const [kind, id] = [value.slice(0, 2), value.slice(2)];
  if (!id) return null;
  if (kind === 'p:') return { periodId: id };
  if (kind === 'y:') return { academicYearId: id };
  return null;
}

type Dated = { id: string; startsOn: string; endsOn: string; gradeFrom: number };

/**
 * The period the results screen opens on: the one that ended last by `today` (results are read
 * after a period), the shorter first (a quarter before a half ending the same day); before any has
 * ended, the shortest one running today, else the first.
 */
export function resultsPeriod<P extends Dated>(periods: readonly P[], today: string): P | undefined {
  const span = (p: P) => Date.parse(p.endsOn) - Date.parse(p.startsOn);
  const byEnd = (a: P, b: P) => b.endsOn.localeCompare(a.endsOn) || span(a) - span(b) || a.gradeFrom - b.gradeFrom;
  const ended = periods.filter((p) => p.endsOn < today).sort(byEnd);
  if (ended[0]) return ended[0];
  const running = periods.filter((p) => p.startsOn <= today && today <= p.endsOn).sort((a, b) => span(a) - span(b) || a.gradeFrom - b.gradeFrom);
  return running[0] ?? [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || span(a) - span(b))[0];
}
