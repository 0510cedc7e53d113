import type { TFunction } from 'i18next';
import type { Explanation } from '../../../shared/contract/grading.ts';

/**
 * Why a mark is suggested, in the reader's language: the server sends a code with numbers
 * (`Explanation`, shared/domain/grading.ts) and this words it, with the locale's decimal sign
 * (4,56 in Russian, 4.56 in English).
 */
export function explanationText(reason: Explanation, t: TFunction, language: string): string {
  const p = reason.params;
  const mean = (n: number | undefined) => (n ?? 0).toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const num = (n: number | undefined) => (n ?? 0).toLocaleString(language, { maximumFractionDigits: 2 });
  const missingWritten = (p.minWritten ?? 0) > (p.written ?? 0);
  switch (reason.code) {
    case 'weighted_mean':
    case 'below_threshold': {
      const base = t(`grading.explanation.${reason.code}`, { mean: mean(p.mean), value: p.value, count: p.n, threshold: num(p.threshold) });
      const min = p.min !== undefined ? t('grading.explanation.belowMin', { min: p.min }) : '';
      return base + min + (missingWritten ? t('grading.explanation.andNoWritten') : '');
    }
    case 'too_few_marks':
      return forecastText(reason, t) ?? '';
    case 'no_written_work':
      return t('grading.explanation.no_written_work', { written: p.written, count: p.minWritten });
    case 'too_many_absences':
      return t('grading.explanation.too_many_absences', { absences: p.absences, count: p.lessons, percent: num(p.percent) });
    case 'year_mean':
    case 'year_below_threshold': {
      const base = t(`grading.explanation.${reason.code}`, { mean: mean(p.mean), value: p.value, count: p.n, threshold: num(p.threshold) });
      return base + (p.notAssessed ? t('grading.explanation.yearLeftOut', { count: p.notAssessed }) : '');
    }
    case 'year_not_assessed':
    case 'year_fail':
      return t(`grading.explanation.${reason.code}`, { count: p.n });
    default:
      return t(`grading.explanation.${reason.code}`);
  }
}

/**
 * A forecast, not a verdict (what parents read before the period mark is set): how many marks
 * there are of the minimum, «1 оценка из 3», and whether the written or control work is missing.
 * Null when the reason is not about the number of marks.
 */
export function forecastText(reason: Explanation, t: TFunction): string | null {
  const p = reason.params;
  const missingWritten = (p.minWritten ?? 0) > (p.written ?? 0);
  if (reason.code === 'too_few_marks') {
    return t('grading.explanation.too_few_marks', { count: p.n, min: p.min }) + (missingWritten ? t('grading.explanation.andNoWritten') : '');
  }
  if (reason.code === 'no_written_work') return t('grading.explanation.no_written_work', { written: p.written, count: p.minWritten });
  return null;
}
