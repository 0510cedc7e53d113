import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';

/** The final marks a teacher chooses from, in the order of the selector. */
export const FINAL_MARK_VALUES: readonly PeriodMarkValue[] = ['5', '4', '3', '2', 'pass', 'fail', 'exempt', 'notAssessed'];

/**
 * Seed 001, 5.3: period marks no later than two days before the period ends (`dueOn`). «soon»
 * within three days of the deadline, «past» after it; «none» for the year or a closed sheet.
 */
export function deadlineState(dueOn: string | null, today: string, closed: boolean): 'none' | 'ok' | 'soon' | 'past' {
  if (dueOn === null || closed) return 'none';
  if (today > dueOn) return 'past';
  const days = (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= 3 ? 'soon' : 'ok';
}

/** The weighted mean with two decimals, a comma in Russian («4,60»); «—» without marks. */
export const formatMean = (mean: number | null, language: string) =>
  (mean === null ? '—' : mean.toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
