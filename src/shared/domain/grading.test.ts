import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRADING_POLICY, formatDecimal, type GradingPolicy, gradingPolicyErrors, type MarkInput, type MarkSums, plural, suggestPeriodMark,
  suggestYearMark, weightedMean, weightedMeanOfSums,
} from './grading.ts';

const mark = (value: string, weight = 1, extra: Partial<MarkInput> = {}): MarkInput => ({ value, scale: 'five', weight, ...extra });
const marks = (...values: (string | number)[]) => values.map((v) => mark(String(v)));
const policy = (patch: Partial<GradingPolicy> = {}): GradingPolicy => ({ ...DEFAULT_GRADING_POLICY, ...patch });
const TEST = 'wt-test';
const ORAL = 'wt-oral';
const HOMEWORK = 'wt-homework';

describe('weightedMean', () => {
  it('is null without marks', () => {
    expect(weightedMean([])).toBeNull();
  });

  it('averages equal weights', () => {
    expect(weightedMean(marks(5, 4, 3))).toBe(4);
  });

  it('weighs each mark by its own weight', () => {
    // (5·2 + 3·1) / 3 = 4.333…
    expect(weightedMean([mark('5', 2), mark('3', 1)])).toBe(4.33);
  });

  it('handles fractional weights exactly', () => {
    // (5·1.5 + 4·0.5) / 2 = 4.75
    expect(weightedMean([mark('5', 1.5), mark('4', 0.5)])).toBe(4.75);
    // 0.1 + 0.2 style weights do not drift: (4·0.1 + 5·0.2) / 0.3 = 4.666…
    expect(weightedMean([mark('4', 0.1), mark('5', 0.2)])).toBe(4.66);
  });

  it('ignores deleted marks', () => {
    expect(weightedMean([mark('5'), mark('2', 1, { deleted: true })])).toBe(5);
  });

  it('ignores marks of other scales and values outside 1–5', () => {
    expect(weightedMean([
      mark('4'), { value: 'pass', scale: 'passFail', weight: 1 }, { value: '9', scale: 'ten', weight: 1 },
      { value: '87', scale: 'hundred', weight: 1 }, mark('6'), mark('4+'),
    ])).toBe(4);
  });

  it('counts a 1 on the five-point scale', () => {
    expect(weightedMean(marks(1, 5))).toBe(3);
  });

  it('is null when only deleted or foreign-scale marks exist', () => {
    expect(weightedMean([mark('5', 1, { deleted: true }), { value: 'pass', scale: 'passFail', weight: 1 }])).toBeNull();
  });

  it('applies the policy\'s weight overrides and exclusions', () => {
    const list = [mark('5', 1, { workTypeId: TEST }), mark('3', 1, { workTypeId: ORAL }), mark('2', 1, { workTypeId: HOMEWORK })];
    expect(weightedMean(list, { workTypeWeights: { [TEST]: 3 }, excludedWorkTypeIds: [HOMEWORK] })).toBe(4.5);
  });

  it('truncates to hundredths rather than rounding up', () => {
    // (5 + 5 + 4) / 3 = 4.666… → 4.66
    expect(weightedMean(marks(5, 5, 4))).toBe(4.66);
  });
});

describe('weightedMeanOfSums', () => {
  it('is null without counted marks', () => {
    expect(weightedMeanOfSums([])).toBeNull();
    expect(weightedMeanOfSums([{ workTypeId: ORAL, weight: 1, count: 0, total: 0 }])).toBeNull();
    expect(weightedMeanOfSums([{ workTypeId: HOMEWORK, weight: 1, count: 2, total: 9 }], { excludedWorkTypeIds: [HOMEWORK] })).toBeNull();
  });

  it('answers what weightedMean answers for the marks the sums stand for', () => {
    const sumsOf = (list: MarkInput[]) => {
      const sums = new Map<string, MarkSums>();
      for (const m of list) {
        const s = sums.get(`${m.workTypeId}|${m.weight}`) ?? { workTypeId: m.workTypeId!, weight: m.weight, count: 0, total: 0 };
        s.count += 1;
        s.total += Number(m.value);
        sums.set(`${m.workTypeId}|${m.weight}`, s);
      }
      return [...sums.values()];
    };
    // Marks of three work types and several weights, under policies with and without overrides.
    const types = [TEST, ORAL, HOMEWORK];
    const list = Array.from({ length: 60 }, (_, i) => mark(String(1 + ((i * 7) % 5)), [1, 1.5, 0.1, 2, 0.25][i % 5]!, { workTypeId: types[i % 3]! }));
    const policies: (Pick<GradingPolicy, 'workTypeWeights' | 'excludedWorkTypeIds'> | undefined)[] = [
      undefined, { workTypeWeights: { [TEST]: 3, [ORAL]: 0.3 }, excludedWorkTypeIds: [] }, { workTypeWeights: { [TEST]: 0 }, excludedWorkTypeIds: [HOMEWORK] },
    ];
    for (const p of policies) {
      for (let n = 1; n <= list.length; n += 7) expect(weightedMeanOfSums(sumsOf(list.slice(0, n)), p)).toBe(weightedMean(list.slice(0, n), p));
    }
  });
});

describe('suggestPeriodMark with the default thresholds 2.5 / 3.5 / 4.5', () => {
  const suggest = (...values: number[]) => suggestPeriodMark(marks(...values), DEFAULT_GRADING_POLICY);

  it.each([
    [[5, 5, 4, 4], '5', 4.5],
    [[5, 4, 4, 4, 4, 4, 4, 4, 4, 4], '4', 4.1],
    [[4, 4, 3, 3], '4', 3.5],
    [[4, 3, 3, 3], '3', 3.25],
    [[3, 3, 2, 2], '3', 2.5],
    [[3, 2, 2, 2], '2', 2.25],
    [[1, 1, 1], '2', 1],
    [[5, 5, 5], '5', 5],
  ])('turns %j into «%s» (mean %s)', (values, value, mean) => {
    const s = suggest(...values);
    expect(s).toMatchObject({ value, mean, count: values.length });
  });

  it('gives «5» at exactly 4.5, and «4» just below it', () => {
    expect(suggest(5, 5, 4, 4).value).toBe('5');
    // (5·4.5 + 4·4.52) / 9.02 = 4.4988…
    const below = suggestPeriodMark([mark('5', 4.49), mark('4', 4.51), mark('4', 0.01), mark('5', 0.01)], DEFAULT_GRADING_POLICY);
    expect(below.mean).toBe(4.49);
    expect(below.value).toBe('4');
  });

  it('is not fooled by floating point at a boundary reached with fractional weights', () => {
    // (5·0.1 + 4·0.1 + 5·0.2 + 4·0.2) / 0.6 = 4.5 exactly; in floats the sum drifts
    const list = [mark('5', 0.1), mark('4', 0.1), mark('5', 0.2), mark('4', 0.2)];
    expect(suggestPeriodMark(list, DEFAULT_GRADING_POLICY)).toMatchObject({ value: '5', mean: 4.5 });
  });

  it('gives «4» at exactly 3.5 and «3» at exactly 2.5', () => {
    expect(suggest(4, 4, 3, 3).value).toBe('4');
    expect(suggest(3, 3, 2, 2).value).toBe('3');
  });

  it('explains a suggestion with a comma decimal, two decimals and the threshold reached', () => {
    const list = [...marks(5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4), mark('5', 2)];
    const s = suggestPeriodMark(list, DEFAULT_GRADING_POLICY);
    expect(s.count).toBe(12);
    expect(s.mean).toBe(4.69);
    expect(s.explanation).toBe('4,69 → 5: средневзвешенное 12 оценок, порог «5» — 4,5');
  });

  it('names the «3» threshold when the mark is «2»', () => {
    expect(suggest(2, 2, 3).explanation).toBe('2,33 → 2: средневзвешенное 3 оценок, ниже порога «3» — 2,5');
  });

  it('writes whole means with two decimals', () => {
    expect(suggest(4, 4, 4).explanation).toBe('4,00 → 4: средневзвешенное 3 оценок, порог «4» — 3,5');
  });

  it('uses the genitive singular after 21 marks', () => {
    expect(suggest(...Array.from({ length: 21 }, () => 5)).explanation).toBe('5,00 → 5: средневзвешенное 21 оценки, порог «5» — 4,5');
  });
});

describe('suggestPeriodMark with a stricter «5» at 4.6', () => {
  const strict = policy({ thresholds: { '3': 2.5, '4': 3.5, '5': 4.6 }, minMarks: 1 });

  it('gives «4» at 4.5 and 4.59', () => {
    expect(suggestPeriodMark(marks(5, 4), strict).value).toBe('4');
    const s = suggestPeriodMark([mark('5', 0.59), mark('4', 0.41)], strict);
    expect(s).toMatchObject({ value: '4', mean: 4.59 });
  });

  it('gives «5» at exactly 4.6', () => {
    const s = suggestPeriodMark(marks(5, 5, 5, 4, 4), strict);
    expect(s).toMatchObject({ value: '5', mean: 4.6 });
    expect(s.explanation).toBe('4,60 → 5: средневзвешенное 5 оценок, порог «5» — 4,6');
  });

  it('accepts thresholds with two decimals', () => {
    const p = policy({ thresholds: { '3': 2.75, '4': 3.6, '5': 4.65 } });
    expect(suggestPeriodMark(marks(3, 3, 3, 2), p)).toMatchObject({ value: '3', mean: 2.75 });
    expect(suggestPeriodMark(marks(3, 3, 2, 2), p).explanation).toBe('2,50 → 2: средневзвешенное 4 оценок, ниже порога «3» — 2,75');
  });
});

describe('suggestPeriodMark with weights and work types', () => {
  it('lets a test with weight 2 pull the mean', () => {
    const s = suggestPeriodMark([mark('5', 2, { workTypeId: TEST }), mark('3', 1, { workTypeId: ORAL }), mark('3', 1, { workTypeId: ORAL })], DEFAULT_GRADING_POLICY);
    expect(s).toMatchObject({ value: '4', mean: 4, count: 3 });
  });

  it('overrides a work type\'s weight from the policy and keeps the mark\'s own weight for others', () => {
    const list = [mark('5', 2, { workTypeId: TEST }), mark('3', 1, { workTypeId: ORAL }), mark('2', 1, { workTypeId: ORAL })];
    expect(suggestPeriodMark(list, DEFAULT_GRADING_POLICY)).toMatchObject({ value: '4', mean: 3.75 });
    expect(suggestPeriodMark(list, policy({ workTypeWeights: { [TEST]: 1 } }))).toMatchObject({ value: '3', mean: 3.33 });
  });

  it('leaves excluded work types out of the mean and the count', () => {
    const list = [...marks(5, 5, 5).map((m) => ({ ...m, workTypeId: ORAL })), mark('2', 1, { workTypeId: HOMEWORK })];
    const s = suggestPeriodMark(list, policy({ excludedWorkTypeIds: [HOMEWORK] }));
    expect(s).toMatchObject({ value: '5', mean: 5, count: 3 });
  });

  it('can exclude so much that too few marks remain', () => {
    const list = [mark('5', 1, { workTypeId: ORAL }), mark('4', 1, { workTypeId: HOMEWORK }), mark('4', 1, { workTypeId: HOMEWORK })];
    const s = suggestPeriodMark(list, policy({ excludedWorkTypeIds: [HOMEWORK] }));
    expect(s).toMatchObject({ value: 'notAssessed', count: 1, explanation: 'Н/А: 1 оценка при минимуме 3' });
  });

  it('does not count deleted marks towards the minimum', () => {
    const s = suggestPeriodMark([...marks(5, 5), mark('5', 1, { deleted: true })], DEFAULT_GRADING_POLICY);
    expect(s).toMatchObject({ value: 'notAssessed', count: 2 });
  });
});

describe('suggestPeriodMark: not assessed (Н/А)', () => {
  it('suggests Н/А with fewer marks than the minimum of 3 (seed 001, 5.2)', () => {
    const s = suggestPeriodMark(marks(5, 5), DEFAULT_GRADING_POLICY);
    expect(s).toEqual({
      value: 'notAssessed', mean: 5, count: 2, explanation: 'Н/А: 2 оценки при минимуме 3',
      reason: { code: 'too_few_marks', params: { n: 2, min: 3, written: 0, minWritten: 0 } },
    });
  });

  it('says there are no marks', () => {
    expect(suggestPeriodMark([], DEFAULT_GRADING_POLICY)).toEqual({
      value: 'notAssessed', mean: null, count: 0, explanation: 'Н/А: нет оценок при минимуме 3',
      reason: { code: 'too_few_marks', params: { n: 0, min: 3, written: 0, minWritten: 0 } },
    });
  });

  it('assesses with exactly the minimum', () => {
    expect(suggestPeriodMark(marks(4, 4, 5), DEFAULT_GRADING_POLICY).value).toBe('4');
  });

  it('follows a school\'s own minimum', () => {
    expect(suggestPeriodMark(marks(4, 4, 5), policy({ minMarks: 5 })).explanation).toBe('Н/А: 3 оценки при минимуме 5');
    expect(suggestPeriodMark(marks(4), policy({ minMarks: 1 })).value).toBe('4');
  });

  it('suggests a mark below the minimum when the policy does not make that Н/А, and says so', () => {
    const s = suggestPeriodMark(marks(5, 4), policy({ notAssessedWhen: { fewerMarksThanMin: false } }));
    expect(s).toMatchObject({ value: '5', explanation: '4,50 → 5: средневзвешенное 2 оценок, порог «5» — 4,5; меньше минимума 3' });
  });

  it('still suggests Н/А without any marks when the minimum is 0', () => {
    const s = suggestPeriodMark([], policy({ minMarks: 0, notAssessedWhen: { fewerMarksThanMin: false } }));
    expect(s).toMatchObject({ value: 'notAssessed', mean: null, count: 0, explanation: 'Н/А: нет оценок', reason: { code: 'too_few_marks' } });
  });

  it('suggests Н/А when more than the share of lessons was missed', () => {
    const p = policy({ notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 } });
    const s = suggestPeriodMark(marks(5, 5, 5), p, { lessons: 20, absences: 11 });
    expect(s).toEqual({
      value: 'notAssessed', mean: 5, count: 3, explanation: 'Н/А: пропущено 11 из 20 уроков (больше 50 %)',
      reason: { code: 'too_many_absences', params: { absences: 11, lessons: 20, percent: 50 } },
    });
  });

  it('assesses when exactly the share was missed', () => {
    const p = policy({ notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 } });
    expect(suggestPeriodMark(marks(5, 5, 5), p, { lessons: 20, absences: 10 }).value).toBe('5');
    // 0.29 · 100 is 28.999… in floats: 29 of 100 is not more than 29 %
    const q = policy({ notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.29 } });
    expect(suggestPeriodMark(marks(5, 5, 5), q, { lessons: 100, absences: 29 }).value).toBe('5');
    expect(suggestPeriodMark(marks(5, 5, 5), q, { lessons: 100, absences: 30 }).explanation).toBe('Н/А: пропущено 30 из 100 уроков (больше 29 %)');
  });

  it('ignores the absence rule without lessons, without context or without a share', () => {
    const p = policy({ notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 } });
    expect(suggestPeriodMark(marks(4, 4, 4), p, { lessons: 0, absences: 0 }).value).toBe('4');
    expect(suggestPeriodMark(marks(4, 4, 4), p).value).toBe('4');
    expect(suggestPeriodMark(marks(4, 4, 4), DEFAULT_GRADING_POLICY, { lessons: 10, absences: 10 }).value).toBe('4');
  });

  it('writes a fractional share and the genitive singular of lessons', () => {
    const p = policy({ notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.333 } });
    expect(suggestPeriodMark([], p, { lessons: 21, absences: 8 }).explanation).toBe('Н/А: пропущено 8 из 21 урока (больше 33,3 %)');
  });
});

describe('suggestPeriodMark: the reason as a code with numbers', () => {
  it('gives the mean, the count, the mark and the threshold reached', () => {
    expect(suggestPeriodMark(marks(5, 5, 4), DEFAULT_GRADING_POLICY).reason).toEqual({
      code: 'weighted_mean', params: { mean: 4.66, n: 3, value: 5, threshold: 4.5 },
    });
  });

  it('names the «3» threshold for a «2», and the minimum when graded below it', () => {
    expect(suggestPeriodMark(marks(2, 2, 3), DEFAULT_GRADING_POLICY).reason).toEqual({
      code: 'below_threshold', params: { mean: 2.33, n: 3, value: 2, threshold: 2.5 },
    });
    expect(suggestPeriodMark(marks(5, 4), policy({ notAssessedWhen: { fewerMarksThanMin: false } })).reason).toEqual({
      code: 'weighted_mean', params: { mean: 4.5, n: 2, value: 5, threshold: 4.5, min: 3 },
    });
  });
});

describe('suggestPeriodMark: a written or control work among the minimum (seed 001, 5.2)', () => {
  const strict = policy({ minWrittenMarks: 1 });
  const oral = (v: string) => mark(v, 1, { workTypeId: ORAL });
  const test = (v: string) => mark(v, 2, { workTypeId: TEST, written: true });

  it('is Н/А with enough marks but no written work, and says the written work is what is missing', () => {
    const s = suggestPeriodMark([oral('5'), oral('5'), oral('4')], strict);
    expect(s).toMatchObject({ value: 'notAssessed', count: 3, mean: 4.66 });
    expect(s.reason).toEqual({ code: 'no_written_work', params: { n: 3, min: 3, written: 0, minWritten: 1 } });
    expect(s.explanation).toBe('Н/А: нет письменной или контрольной работы среди 3 оценок (требуется 1)');
  });

  it('assesses once a written or control work is among the marks', () => {
    expect(suggestPeriodMark([oral('5'), oral('4'), test('5')], strict)).toMatchObject({ value: '5', reason: { code: 'weighted_mean' } });
  });

  it('asks for the number the policy names', () => {
    const s = suggestPeriodMark([oral('5'), test('4'), oral('4')], policy({ minWrittenMarks: 2 }));
    expect(s.reason).toEqual({ code: 'no_written_work', params: { n: 3, min: 3, written: 1, minWritten: 2 } });
    expect(s.explanation).toBe('Н/А: нет письменной или контрольной работы среди 3 оценок (требуется 2)');
    expect(suggestPeriodMark([oral('5'), oral('4'), oral('4')], policy({ minWrittenMarks: 2 })).explanation)
      .toBe('Н/А: нет 2 письменных или контрольных работ среди 3 оценок (требуется 2)');
  });

  it('with too few marks, names both the minimum and the missing written work', () => {
    const s = suggestPeriodMark([oral('5')], strict);
    expect(s.reason).toEqual({ code: 'too_few_marks', params: { n: 1, min: 3, written: 0, minWritten: 1 } });
    expect(s.explanation).toBe('Н/А: 1 оценка при минимуме 3, нет письменной или контрольной работы');
  });

  it('does not count a written work of an excluded work type or a deleted one', () => {
    const list = [oral('5'), oral('5'), oral('4'), { ...test('5'), deleted: true }, mark('5', 1, { workTypeId: HOMEWORK, written: true })];
    expect(suggestPeriodMark(list, policy({ minWrittenMarks: 1, excludedWorkTypeIds: [HOMEWORK] })).reason.code).toBe('no_written_work');
  });

  it('grades anyway when the policy does not make too few marks Н/А, and says what is missing', () => {
    const s = suggestPeriodMark([oral('5'), oral('5'), oral('4')], policy({ minWrittenMarks: 1, notAssessedWhen: { fewerMarksThanMin: false } }));
    expect(s).toMatchObject({ value: '5', explanation: '4,66 → 5: средневзвешенное 3 оценок, порог «5» — 4,5; нет письменной или контрольной работы' });
    expect(s.reason.params).toMatchObject({ written: 0, minWritten: 1 });
  });

  it('has no such requirement without the option (0 or absent)', () => {
    expect(suggestPeriodMark([oral('5'), oral('5'), oral('4')], policy({ minWrittenMarks: 0 })).value).toBe('5');
  });
});

describe('suggestYearMark', () => {
  const year = (...values: (Parameters<typeof suggestYearMark>[0][number])[]) => suggestYearMark(values, DEFAULT_GRADING_POLICY);

  it('averages the period marks with the same thresholds', () => {
    expect(year('5', '4', '5', '4')).toEqual({
      value: '5', mean: 4.5, count: 4, explanation: '4,50 → 5: среднее 4 отметок за периоды, порог «5» — 4,5',
      reason: { code: 'year_mean', params: { mean: 4.5, n: 4, value: 5, threshold: 4.5, notAssessed: 0 } },
    });
    expect(year('4', '3', '3', '4')).toMatchObject({ value: '4', mean: 3.5 });
    expect(year('3', '3', '4')).toMatchObject({ value: '3', mean: 3.33 });
    expect(year('2', '3')).toMatchObject({ value: '3', mean: 2.5 });
    expect(year('2', '2', '3')).toMatchObject({ value: '2', mean: 2.33 });
  });

  it('uses the school\'s thresholds', () => {
    expect(suggestYearMark(['5', '4'], policy({ thresholds: { '3': 2.5, '4': 3.5, '5': 4.6 } })).value).toBe('4');
  });

  it('suggests ОСВ when exempt in every period', () => {
    expect(year('exempt', 'exempt', 'exempt', 'exempt')).toEqual({
      value: 'exempt', mean: null, count: 0, explanation: 'ОСВ: освобождён во всех периодах', reason: { code: 'year_exempt', params: {} },
    });
  });

  it('leaves exempt periods out of the mean', () => {
    expect(year('exempt', 'exempt', '5', '4')).toMatchObject({ value: '5', mean: 4.5, count: 2 });
  });

  it('leaves Н/А periods out when numeric marks exist, and says so', () => {
    expect(year('notAssessed', '4', '4', '5').explanation).toBe('4,33 → 4: среднее 3 отметок за периоды, порог «4» — 3,5; Н/А за 1 период не учтено');
  });

  it('suggests Н/А when no graded period has a mark', () => {
    expect(year('notAssessed', 'notAssessed', 'exempt')).toEqual({
      value: 'notAssessed', mean: null, count: 0, explanation: 'Н/А: не аттестован за 2 периода',
      reason: { code: 'year_not_assessed', params: { n: 2 } },
    });
  });

  it('suggests Н/А when no period mark is set yet', () => {
    expect(year()).toMatchObject({ value: 'notAssessed', explanation: 'Н/А: нет отметок за периоды' });
    expect(year(null, undefined)).toMatchObject({ value: 'notAssessed' });
  });

  it('ignores periods without a mark', () => {
    expect(year('5', null, '5')).toMatchObject({ value: '5', count: 2 });
  });

  it('gives зачёт when every graded period is passed', () => {
    expect(year('pass', 'exempt', 'pass')).toEqual({
      value: 'pass', mean: null, count: 2, explanation: 'зачёт: зачёт во всех периодах', reason: { code: 'year_pass', params: {} },
    });
  });

  it('gives незачёт when any period is failed', () => {
    expect(year('pass', 'fail', 'pass', 'fail')).toMatchObject({ value: 'fail', explanation: 'незачёт: незачёт за 2 периода' });
  });

  it('lets numeric marks decide when a subject mixes them with зачёт', () => {
    expect(year('pass', '4', '4')).toMatchObject({ value: '4', count: 2 });
  });

  it('writes the genitive singular after 1 mark', () => {
    expect(year('3').explanation).toBe('3,00 → 3: среднее 1 отметки за периоды, порог «3» — 2,5');
  });
});

describe('policy checks and formatting', () => {
  it('accepts the default thresholds and the 4.6 variant', () => {
    expect(gradingPolicyErrors(DEFAULT_GRADING_POLICY)).toBeNull();
    expect(gradingPolicyErrors({ thresholds: { '3': 2.5, '4': 3.5, '5': 4.6 } })).toBeNull();
  });

  it('refuses thresholds out of 1–5 or not ascending', () => {
    expect(gradingPolicyErrors({ thresholds: { '3': 0.5, '4': 3.5, '5': 5.5 } })).toEqual({
      'thresholds.3': 'Порог должен быть от 1 до 5', 'thresholds.5': 'Порог должен быть от 1 до 5',
    });
    expect(gradingPolicyErrors({ thresholds: { '3': 3.5, '4': 3.5, '5': 3 } })).toEqual({
      'thresholds.4': 'Порог «4» должен быть выше порога «3»', 'thresholds.5': 'Порог «5» должен быть выше порога «4»',
    });
  });

  it('formats decimals with a comma', () => {
    expect(formatDecimal(4.5)).toBe('4,5');
    expect(formatDecimal(4.5, true)).toBe('4,50');
    expect(formatDecimal(3)).toBe('3');
  });

  it('picks Russian plural forms', () => {
    const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111, 112].map((n) => plural(n, 'оценка', 'оценки', 'оценок'));
    expect(forms).toEqual(['оценка', 'оценки', 'оценки', 'оценок', 'оценок', 'оценок', 'оценок', 'оценка', 'оценки', 'оценок', 'оценок', 'оценок']);
  });
});
