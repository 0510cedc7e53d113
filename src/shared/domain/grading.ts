/**
 * How a period and a year mark are suggested: the one place this rule lives (server and web).
 * Pure: no I/O, no clock. All arithmetic runs in integer hundredths, so a mean of exactly 4.5
 * reaches a 4.5 threshold and 4.499… never does. The mean is shown truncated to hundredths, so the
 * number in the explanation and the comparison always agree (4,499 is shown as 4,49 and gives «4»).
 */

export type FivePointValue = '2' | '3' | '4' | '5';
export type PeriodMarkLike = FivePointValue | 'pass' | 'fail' | 'exempt' | 'notAssessed';

export type GradingPolicy = {
  /** Weight per work type id, overriding the mark's own weight; a work type absent here keeps it. */
  workTypeWeights?: Record<string, number>;
  /** Work types whose marks do not count towards the period mark. */
  excludedWorkTypeIds: string[];
  /** The lowest mean that earns each mark; below «3» is «2». */
  thresholds: { '3': number; '4': number; '5': number };
  /** Seed 001, 5.2: at least three marks for a period mark. */
  minMarks: number;
  /**
   * Seed 001, 5.2 («с обязательным учетом … письменным, лабораторным и практическим работам»): how
   * many of the counted marks must be for a written or control work (a work type flagged `isWritten`
   * or `isControl`); absent or 0 = no such requirement. Missing it counts as too few marks.
   */
  minWrittenMarks?: number;
  notAssessedWhen: {
    fewerMarksThanMin: boolean;
    /** Share of the lessons missed above which the student is not assessed (0.5 = more than half). */
    absentShareAbove?: number;
  };
  yearFrom: 'periodMean';
};

export const DEFAULT_GRADING_POLICY: GradingPolicy = {
  excludedWorkTypeIds: [],
  thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 },
  minMarks: 3,
  notAssessedWhen: { fewerMarksThanMin: true },
  yearFrom: 'periodMean',
};

/**
 * A mark as the journal keeps it; only current five-point marks count. `written`: its work type is a
 * written or control work (for `minWrittenMarks`).
 */
export type MarkInput = { value: string; scale: string; weight: number; workTypeId?: string; deleted?: boolean; written?: boolean };

/**
 * Why a mark is suggested, as a code with numbers, so every language words it (the web's
 * features/grading renders it with the locale's decimal sign). The Russian `explanation` text is
 * still made for what is stored with a period mark.
 */
export type ExplanationCode =
  /** mean, n, value, threshold; min when fewer marks than the minimum were still graded */
  | 'weighted_mean'
  /** mean, n, threshold (of «3»): the mean is below it, so «2»; min as above */
  | 'below_threshold'
  /** n, min, written, minWritten: fewer marks than the minimum (written < minWritten: the written work is missing too) */
  | 'too_few_marks'
  /** n, min, written, minWritten: enough marks, but not the written or control work the policy requires */
  | 'no_written_work'
  /** absences, lessons, percent */
  | 'too_many_absences'
  | 'year_no_marks'
  | 'year_exempt'
  /** mean, n, value, threshold, notAssessed (periods left out) */
  | 'year_mean'
  /** mean, n, threshold, notAssessed */
  | 'year_below_threshold'
  /** n */
  | 'year_not_assessed'
  /** n */
  | 'year_fail'
  | 'year_pass';
export type Explanation = { code: ExplanationCode; params: Record<string, number> };
export const EXPLANATION_CODES = [
  'weighted_mean', 'below_threshold', 'too_few_marks', 'no_written_work', 'too_many_absences',
  'year_no_marks', 'year_exempt', 'year_mean', 'year_below_threshold', 'year_not_assessed', 'year_fail', 'year_pass',
] as const satisfies readonly ExplanationCode[];

export type Suggestion = {
  value: FivePointValue | 'notAssessed';
  /** The weighted mean, truncated to hundredths; null without counted marks. */
  mean: number | null;
  /** How many marks counted. */
  count: number;
  /** Why, in Russian (stored with a period mark). */
  explanation: string;
  /** Why, as a code with numbers. */
  reason: Explanation;
};

export type YearSuggestion = {
  value: PeriodMarkLike;
  mean: number | null;
  count: number;
  explanation: string;
  reason: Explanation;
};

const hundredths = (n: number) => Math.round(n * 100);
const FIVE_POINT = /^[1-5]$/;

type Counted = { value: number; weight: number; written: boolean };

function countedMarks(marks: readonly MarkInput[], policy?: Pick<GradingPolicy, 'workTypeWeights' | 'excludedWorkTypeIds'>): Counted[] {
  const excluded = new Set(policy?.excludedWorkTypeIds ?? []);
  const overrides = policy?.workTypeWeights ?? {};
  const counted: Counted[] = [];
  for (const m of marks) {
    if (m.deleted || m.scale !== 'five' || !FIVE_POINT.test(m.value)) continue;
    if (m.workTypeId !== undefined && excluded.has(m.workTypeId)) continue;
    const override = m.workTypeId !== undefined && Object.hasOwn(overrides, m.workTypeId) ? overrides[m.workTypeId] : undefined;
    const weight = hundredths(override ?? m.weight);
    if (weight <= 0) continue;
    counted.push({ value: Number(m.value), weight, written: m.written === true });
  }
  return counted;
}

/** A mean as an exact fraction: `sum / weight` with integer parts (values × weight in hundredths). */
type Fraction = { sum: number; weight: number };

const fractionOf = (items: readonly Counted[]): Fraction | null => {
  if (items.length === 0) return null;
  let sum = 0;
  let weight = 0;
  for (const i of items) {
    sum += i.value * i.weight;
    weight += i.weight;
  }
  return { sum, weight };
};

/** The mean truncated to hundredths: floor(100 · sum / weight), in integers. */
const truncated = (f: Fraction) => Math.floor((f.sum * 100) / f.weight) / 100;

/** Whether the exact mean reaches a threshold given with at most two decimals. */
const reaches = (f: Fraction, threshold: number) => f.sum * 100 >= hundredths(threshold) * f.weight;

/**
 * The weighted mean of the current five-point marks (deleted, other scales and excluded work types
 * are ignored), truncated to hundredths; null when no mark counts.
 */
export function weightedMean(
  marks: readonly MarkInput[], policy?: Pick<GradingPolicy, 'workTypeWeights' | 'excludedWorkTypeIds'>,
): number | null {
  const f = fractionOf(countedMarks(marks, policy));
  return f && truncated(f);
}

/**
 * Five-point marks summed by the database: `count` marks of one work type and weight whose values add
 * up to `total`. A read that needs only the mean (a whole school's ведомость) groups its marks so and
 * never ships one row per mark.
 */
export type MarkSums = { workTypeId: string; weight: number; count: number; total: number };

/** `weightedMean` of the marks these sums stand for: the same policy, the same exact fraction. */
export function weightedMeanOfSums(sums: readonly MarkSums[], policy?: Pick<GradingPolicy, 'workTypeWeights' | 'excludedWorkTypeIds'>): number | null {
  // A short list, asked once per cell of a school's ведомость: no Set built per call.
  const excluded = policy?.excludedWorkTypeIds ?? [];
  const overrides = policy?.workTypeWeights ?? {};
  let sum = 0;
  let weight = 0;
  for (const s of sums) {
    if (s.count === 0 || excluded.includes(s.workTypeId)) continue;
    const w = hundredths(Object.hasOwn(overrides, s.workTypeId) ? overrides[s.workTypeId]! : s.weight);
    if (w <= 0) continue;
    sum += s.total * w;
    weight += s.count * w;
  }
  return weight === 0 ? null : truncated({ sum, weight });
}

/** «4,56», «4,5», «4,6»: a comma decimal; `fixed` keeps two decimals. */
export function formatDecimal(n: number, fixed = false): string {
  const text = fixed ? n.toFixed(2) : String(Math.round(n * 100) / 100);
  return text.replace('.', ',');
}

/** Russian plural: 1 оценка, 2 оценки, 5 оценок (forms for one, few, many). */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «12 оценок» after «средневзвешенное» (genitive: 1 оценки, 2 оценок, 21 оценки). */
const ofMarks = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'оценки' : 'оценок'}`;
const marksCount = (n: number) => (n === 0 ? 'нет оценок' : `${n} ${plural(n, 'оценка', 'оценки', 'оценок')}`);
const ofLessons = (n: number) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'урока' : 'уроков'}`;
const percent = (share: number) => `${formatDecimal(Math.round(share * 1000) / 10)} %`;

function byThresholds(f: Fraction, thresholds: GradingPolicy['thresholds']): { value: FivePointValue; rule: string; threshold: number } {
  for (const value of ['5', '4', '3'] as const) {
    if (reaches(f, thresholds[value])) return { value, rule: `порог «${value}» — ${formatDecimal(thresholds[value])}`, threshold: thresholds[value] };
  }
  return { value: '2', rule: `ниже порога «3» — ${formatDecimal(thresholds['3'])}`, threshold: thresholds['3'] };
}

/** Whether more than `share` of the lessons were missed, in integers (ten-thousandths of the share). */
const missedTooMany = (lessons: number, absences: number, share: number) =>
  lessons > 0 && absences * 10000 > Math.round(share * 10000) * lessons;

/** «письменной работы» / «2 письменных работ» for the explanation of a missing written work. */
const ofWritten = (n: number) => (n === 1 ? 'письменной или контрольной работы' : `${n} письменных или контрольных работ`);

/**
 * The suggested period mark and why, e.g. «4,56 → 5: средневзвешенное 12 оценок, порог «5» — 4,5»
 * or «Н/А: 2 оценки при минимуме 3». `context` (lessons held, lessons missed) feeds the absence rule.
 * With `minWrittenMarks`, marks enough in number but without the written or control work the
 * policy requires are too few as well, and the explanation says that work is what is missing.
 */
export function suggestPeriodMark(
  marks: readonly MarkInput[], policy: GradingPolicy, context?: { lessons: number; absences: number },
): Suggestion {
  const counted = countedMarks(marks, policy);
  const f = fractionOf(counted);
  const count = counted.length;
  const mean = f && truncated(f);
  const share = policy.notAssessedWhen.absentShareAbove;
  if (share !== undefined && context && missedTooMany(context.lessons, context.absences, share)) {
    const explanation = `Н/А: пропущено ${context.absences} из ${ofLessons(context.lessons)} (больше ${percent(share)})`;
    const reason: Explanation = {
      code: 'too_many_absences', params: { absences: context.absences, lessons: context.lessons, percent: Math.round(share * 1000) / 10 },
    };
    return { value: 'notAssessed', mean, count, explanation, reason };
  }
  const minWritten = policy.minWrittenMarks ?? 0;
  const written = counted.filter((c) => c.written).length;
  const counts = { n: count, min: policy.minMarks, written, minWritten };
  const belowMin = count < policy.minMarks;
  const writtenMissing = written < minWritten;
  const missing = writtenMissing ? `, нет ${ofWritten(minWritten - written)}` : '';
  if (!f || ((belowMin || writtenMissing) && policy.notAssessedWhen.fewerMarksThanMin)) {
    if (f && !belowMin && writtenMissing) {
      const explanation = `Н/А: нет ${ofWritten(minWritten - written)} среди ${ofMarks(count)} (требуется ${minWritten})`;
      return { value: 'notAssessed', mean, count, explanation, reason: { code: 'no_written_work', params: counts } };
    }
    const explanation = policy.minMarks > 0 ? `Н/А: ${marksCount(count)} при минимуме ${policy.minMarks}${missing}` : `Н/А: нет оценок${missing}`;
    return { value: 'notAssessed', mean, count, explanation, reason: { code: 'too_few_marks', params: counts } };
  }
  const { value, rule, threshold } = byThresholds(f, policy.thresholds);
  const note = (belowMin ? `; меньше минимума ${policy.minMarks}` : '') + (writtenMissing ? `; нет ${ofWritten(minWritten - written)}` : '');
  const params: Record<string, number> = { mean: mean!, n: count, value: Number(value), threshold };
  if (belowMin) params.min = policy.minMarks;
  if (writtenMissing) Object.assign(params, { written, minWritten });
  return {
    value, mean, count,
    explanation: `${formatDecimal(mean!, true)} → ${value}: средневзвешенное ${ofMarks(count)}, ${rule}${note}`,
    reason: { code: value === '2' ? 'below_threshold' : 'weighted_mean', params },
  };
}

const periodsCount = (n: number) => `${n} ${plural(n, 'период', 'периода', 'периодов')}`;

/**
 * The suggested year mark from the period marks (seed 003, 2.8: «ОСВ», «Н/А»): «ОСВ» when exempt in
 * every period; otherwise the mean of the numeric period marks with the policy's thresholds
 * (exempt periods and, when numeric marks exist, «Н/А» periods are left out and named);
 * for a pass/fail subject «зачёт» only when every graded period is passed.
 */
export function suggestYearMark(periodMarks: readonly (PeriodMarkLike | null | undefined)[], policy: GradingPolicy): YearSuggestion {
  const set = periodMarks.filter((v): v is PeriodMarkLike => !!v);
  if (set.length === 0) {
    return { value: 'notAssessed', mean: null, count: 0, explanation: 'Н/А: нет отметок за периоды', reason: { code: 'year_no_marks', params: {} } };
  }
  const graded = set.filter((v) => v !== 'exempt');
  if (graded.length === 0) {
    return { value: 'exempt', mean: null, count: 0, explanation: 'ОСВ: освобождён во всех периодах', reason: { code: 'year_exempt', params: {} } };
  }
  const numeric = graded.filter((v): v is FivePointValue => v === '2' || v === '3' || v === '4' || v === '5');
  const notAssessed = graded.filter((v) => v === 'notAssessed').length;
  if (numeric.length > 0) {
    const f = fractionOf(numeric.map((v) => ({ value: Number(v), weight: 100, written: false })))!;
    const { value, rule, threshold } = byThresholds(f, policy.thresholds);
    const mean = truncated(f);
    const params = { mean, n: numeric.length, value: Number(value), threshold, notAssessed };
    const left = notAssessed > 0 ? `; Н/А за ${periodsCount(notAssessed)} не учтено` : '';
    const ofPeriods = `${numeric.length} ${numeric.length % 10 === 1 && numeric.length % 100 !== 11 ? 'отметки' : 'отметок'}`;
    return {
      value, mean, count: numeric.length,
      explanation: `${formatDecimal(mean, true)} → ${value}: среднее ${ofPeriods} за периоды, ${rule}${left}`,
      reason: { code: value === '2' ? 'year_below_threshold' : 'year_mean', params },
    };
  }
  if (notAssessed > 0) {
    return {
      value: 'notAssessed', mean: null, count: 0, explanation: `Н/А: не аттестован за ${periodsCount(notAssessed)}`,
      reason: { code: 'year_not_assessed', params: { n: notAssessed } },
    };
  }
  const failed = graded.filter((v) => v === 'fail').length;
  if (failed > 0) {
    return {
      value: 'fail', mean: null, count: graded.length, explanation: `незачёт: незачёт за ${periodsCount(failed)}`,
      reason: { code: 'year_fail', params: { n: failed } },
    };
  }
  return { value: 'pass', mean: null, count: graded.length, explanation: 'зачёт: зачёт во всех периодах', reason: { code: 'year_pass', params: {} } };
}

/** Field errors of a policy's numbers (the contract checks the shape): ascending thresholds within 1–5. */
export function gradingPolicyErrors(policy: Pick<GradingPolicy, 'thresholds'>): Record<string, string> | null {
  const t = policy.thresholds;
  const errors: Record<string, string> = {};
  for (const key of ['3', '4', '5'] as const) {
    if (!(t[key] >= 1 && t[key] <= 5)) errors[`thresholds.${key}`] = 'Порог должен быть от 1 до 5';
  }
  if (!errors['thresholds.4'] && !(t['4'] > t['3'])) errors['thresholds.4'] = 'Порог «4» должен быть выше порога «3»';
  if (!errors['thresholds.5'] && !(t['5'] > t['4'])) errors['thresholds.5'] = 'Порог «5» должен быть выше порога «4»';
  return Object.keys(errors).length > 0 ? errors : null;
}
