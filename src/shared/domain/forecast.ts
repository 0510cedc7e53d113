/**
 * Прогноз (seeds 001 §2.7, 002 §2.7): from a student's current marks in a subject and the school's
 * policy, the suggested period mark (the one grading function, grading.ts), what it takes to reach
 * the next mark and whether the student is at risk. Pure; codes with numbers, worded by the web.
 */
import { type FivePointValue, type GradingPolicy, type MarkInput, type Suggestion, suggestPeriodMark } from './grading.ts';

/** At most this many added «5» are considered; beyond it the next mark is out of reach this period. */
export const FORECAST_MAX_FIVES = 10;
/** A mean closer than this (in hundredths) to a threshold, either side, is a risk. */
export const NEAR_THRESHOLD_HUNDREDTHS = 10;

export type ForecastNext =
  /** Already «5»: nothing above. */
  | { code: 'top' }
  /** `fives` more «5» with weight 1 give `value`. */
  | { code: 'fives'; fives: number; weight: 1; value: FivePointValue }
  /** Not within FORECAST_MAX_FIVES added «5» (e.g. not assessed for absences, or a written work missing). */
  | { code: 'unreachable'; max: number };

export type ForecastRisk =
  /** Fewer counted marks than the policy's minimum (`n`, `min`). */
  | { code: 'too_few_marks'; n: number; min: number }
  /** The forecast is «Н/А» for another reason (absences, no written work). */
  | { code: 'not_assessed' }
  /** The forecast is «2». */
  | { code: 'failing' }
  /** The mean is within 0.1 of a threshold: `mark`'s threshold `threshold`, `below` when under it. */
  | { code: 'near_threshold'; mean: number; mark: number; threshold: number; below: boolean };

export type Forecast = { suggestion: Suggestion; next: ForecastNext; risks: ForecastRisk[] };

const RANK: Record<Suggestion['value'], number> = { notAssessed: 0, '2': 2, '3': 3, '4': 4, '5': 5 };
const hundredths = (n: number) => Math.round(n * 100);

/** The forecast of one student's subject; `context` feeds the policy's absence rule as in suggestPeriodMark. */
export function forecastOf(
  marks: readonly MarkInput[], policy: GradingPolicy, context?: { lessons: number; absences: number },
): Forecast {
  const strict = suggestPeriodMark(marks, policy, context);
  // Before the period ends, too few marks is a risk, not the forecast: a student with some marks is
  // forecast from them (as the diary says «1 оценка из 3», never «Н/А», before the mark is set).
  const suggestion = strict.value === 'notAssessed' && strict.count > 0 && strict.count < policy.minMarks
    ? suggestPeriodMark(marks, { ...policy, minMarks: strict.count }, context)
    : strict;
  return { suggestion, next: nextStep(marks, policy, suggestion, context), risks: risksOf(suggestion, policy) };
}

function nextStep(
  marks: readonly MarkInput[], policy: GradingPolicy, current: Suggestion, context?: { lessons: number; absences: number },
): ForecastNext {
  if (current.value === '5') return { code: 'top' };
  const added: MarkInput[] = [];
  for (let fives = 1; fives <= FORECAST_MAX_FIVES; fives += 1) {
    added.push({ value: '5', scale: 'five', weight: 1 });
    const s = suggestPeriodMark([...marks, ...added], policy, context);
    if (RANK[s.value] > RANK[current.value] && s.value !== 'notAssessed') return { code: 'fives', fives, weight: 1, value: s.value };
  }
  return { code: 'unreachable', max: FORECAST_MAX_FIVES };
}

function risksOf(s: Suggestion, policy: GradingPolicy): ForecastRisk[] {
  const risks: ForecastRisk[] = [];
  if (s.count < policy.minMarks) risks.push({ code: 'too_few_marks', n: s.count, min: policy.minMarks });
  else if (s.value === 'notAssessed') risks.push({ code: 'not_assessed' });
  if (s.value === '2') risks.push({ code: 'failing' });
  if (s.mean !== null && s.value !== 'notAssessed') {
    const mean = hundredths(s.mean);
    let nearest: ForecastRisk | null = null;
    let distance = Infinity;
    for (const mark of ['3', '4', '5'] as const) {
      const threshold = hundredths(policy.thresholds[mark]);
      const d = Math.abs(mean - threshold);
      if (d < NEAR_THRESHOLD_HUNDREDTHS && d < distance) {
        distance = d;
        nearest = { code: 'near_threshold', mean: s.mean, mark: Number(mark), threshold: policy.thresholds[mark], below: mean < threshold };
      }
    }
    if (nearest) risks.push(nearest);
  }
  return risks;
}

/** Whether a forecast puts the student at risk. */
export const atRisk = (f: Pick<Forecast, 'risks'>) => f.risks.length > 0;
