import { describe, expect, it } from 'vitest';
import { forecastOf, FORECAST_MAX_FIVES } from './forecast.ts';
import { DEFAULT_GRADING_POLICY, type GradingPolicy, type MarkInput } from './grading.ts';

const m = (value: number, weight = 1, extra: Partial<MarkInput> = {}): MarkInput => ({ value: String(value), scale: 'five', weight, ...extra });
const P = DEFAULT_GRADING_POLICY;

describe('forecastOf', () => {
  it('4, 4, 3 with weight 1: «4» (3.66); (11 + 5k) / (3 + k) ≥ 4.5 first at k = 5', () => {
    const f = forecastOf([m(4), m(4), m(3)], P);
    expect(f.suggestion).toMatchObject({ value: '4', mean: 3.66, count: 3 });
    expect(f.next).toEqual({ code: 'fives', fives: 5, weight: 1, value: '5' });
    expect(f.risks).toEqual([]);
  });

  it('counts the fives exactly: 4, 4, 4 needs three ((12 + 15) / 6 = 4.5 on the threshold), 4, 4, 5 one', () => {
    expect(forecastOf([m(4), m(4), m(4)], P).next).toEqual({ code: 'fives', fives: 3, weight: 1, value: '5' });
    expect(forecastOf([m(4), m(4), m(5)], P).next).toEqual({ code: 'fives', fives: 1, weight: 1, value: '5' });
  });

  it('«5» is the top', () => {
    expect(forecastOf([m(5), m(5), m(5)], P).next).toEqual({ code: 'top' });
  });

  it('weights count: 2, 2, 2 with weight 5 and a 3 (2.06) need three «5» for «3»; with weight 20, twelve: beyond the cap', () => {
    const f = forecastOf([m(2, 5), m(2, 5), m(2, 5), m(3)], { ...P, thresholds: { '3': 2.5, '4': 3.5, '5': 4.5 } });
    expect(f.suggestion.value).toBe('2');
    expect(f.risks.map((r) => r.code)).toContain('failing');
    expect(f.next).toEqual({ code: 'fives', fives: 3, weight: 1, value: '3' });
    expect(forecastOf([m(2, 20), m(2, 20), m(2, 20)], P).next).toEqual({ code: 'unreachable', max: FORECAST_MAX_FIVES });
  });

  it('too few marks: forecast from the marks there are (not «Н/А» before the period ends), at risk, and the fives that bring the minimum', () => {
    const f = forecastOf([m(4)], P);
    expect(f.suggestion.value).toBe('4');
    expect(f.risks).toEqual([{ code: 'too_few_marks', n: 1, min: 3 }]);
    expect(f.next).toEqual({ code: 'fives', fives: 2, weight: 1, value: '5' });
    // Without any mark there is nothing to forecast from: «Н/А», and three «5» would give a «5».
    const none = forecastOf([], P);
    expect(none.suggestion.value).toBe('notAssessed');
    expect(none.risks).toEqual([{ code: 'too_few_marks', n: 0, min: 3 }]);
    expect(none.next).toEqual({ code: 'fives', fives: 3, weight: 1, value: '5' });
  });

  it('a mean within 0.1 of a threshold, above or below, is a risk', () => {
    // 3.5 exactly is on the threshold «4».
    const on = forecastOf([m(4), m(3), m(4), m(3)], P);
    expect(on.suggestion).toMatchObject({ value: '4', mean: 3.5 });
    expect(on.risks).toEqual([{ code: 'near_threshold', mean: 3.5, mark: 4, threshold: 3.5, below: false }]);
    // (5·9 + 4·10 + 4·1) / 20 = 4.45: just under «5».
    const under = forecastOf([m(5, 9), m(4, 10), m(4)], P);
    expect(under.suggestion).toMatchObject({ value: '4', mean: 4.45 });
    expect(under.risks).toEqual([{ code: 'near_threshold', mean: 4.45, mark: 5, threshold: 4.5, below: true }]);
    // 4.0: nowhere near.
    expect(forecastOf([m(4), m(4), m(4)], P).risks).toEqual([]);
  });

  it('not assessed for absences: at risk, no number of fives helps', () => {
    const policy: GradingPolicy = { ...P, notAssessedWhen: { fewerMarksThanMin: true, absentShareAbove: 0.5 } };
    const f = forecastOf([m(5), m(5), m(5)], policy, { lessons: 10, absences: 6 });
    expect(f.suggestion.value).toBe('notAssessed');
    expect(f.risks).toEqual([{ code: 'not_assessed' }]);
    expect(f.next).toEqual({ code: 'unreachable', max: FORECAST_MAX_FIVES });
  });

  it('follows the policy: weights per work type and excluded work types', () => {
    const policy: GradingPolicy = { ...P, workTypeWeights: { test: 3 }, excludedWorkTypeIds: ['hw'] };
    const f = forecastOf([m(3, 1, { workTypeId: 'test' }), m(5, 1, { workTypeId: 'hw' }), m(5), m(5)], policy);
    // (9 + 10) / 5 = 3.8 → «4»; the «5» of homework is not counted.
    expect(f.suggestion).toMatchObject({ value: '4', mean: 3.8, count: 3 });
    // (19 + 5k) / (5 + k) ≥ 4.5 → k ≥ 7.
    expect(f.next).toEqual({ code: 'fives', fives: 7, weight: 1, value: '5' });
  });
});
