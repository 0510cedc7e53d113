/**
 * Which year and period the marks page opens on, and how final marks read. Pure, shared by the
 * page and its unit tests (src/web/features/diary/periods.test.ts).
 */

type Span = { id: string; startsOn: string; endsOn: string };
type YearLike = Span & { status: string };

/**
 * The year to show: the one holding today; else the latest that has started and is not still
 * being planned; else the earliest one (a school setting up its first year).
 */
export function pickYear<Y extends YearLike>(years: readonly Y[], today: string): Y | undefined {
  const visible = years.filter((y) => y.status !== 'planning');
  const sorted = [...(visible.length > 0 ? visible : years)].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return sorted.find((y) => y.startsOn <= today && today <= y.endsOn)
    ?? sorted.filter((y) => y.startsOn <= today).at(-1)
    ?? sorted[0];
}

/**
 * The period to show: the requested one when it is among the student's; else the one holding
 * today; else the last one that has started (the holidays after it); else the first.
 */
export function pickPeriod<P extends Span>(periods: readonly P[], today: string, requested?: string | null): P | undefined {
  const asked = requested ? periods.find((p) => p.id === requested) : undefined;
  if (asked) return asked;
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return sorted.find((p) => p.startsOn <= today && today <= p.endsOn)
    ?? sorted.filter((p) => p.startsOn <= today).at(-1)
    ?? sorted[0];
}

/** i18n key of a mark or period-mark value: digits stay digits, words get a label. */
export function markValueKey(value: string): string | null {
  return /^\d+$/.test(value) ? null : `diary.values.${value}`;
}

/** How low a numeric mark is, for its colour: 1–2 low, 3 middling, on the five-point scale only. */
export function markTone(value: string, scale = 'five'): 'low' | 'mid' | 'high' | 'neutral' {
  if (value === 'fail' || value === 'notAssessed') return 'low';
  if (scale !== 'five' || !/^[1-5]$/.test(value)) return 'neutral';
  const n = Number(value);
  return n <= 2 ? 'low' : n === 3 ? 'mid' : 'high';
}

/** The weighted mean as people write it: two decimals, the language's decimal sign. */
export const formatMean = (mean: number, language: string) =>
  mean.toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
