/**
 * Which period the marks page opens on, and how final marks read. Pure, shared by the page and its
 * unit tests (src/web/features/diary/periods.test.ts).
 */
import { defaultPeriod } from '../../../shared/domain/periods.ts';

/**
 * The period to show: the requested one when it is among the student's; else the default period
 * (shared/domain/periods.ts).
 */
export function pickPeriod<P extends { id: string; startsOn: string; endsOn: string }>(periods: readonly P[], today: string, requested?: string | null): P | undefined {
  return (requested ? periods.find((p) => p.id === requested) : undefined) ?? defaultPeriod(periods, today);
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
