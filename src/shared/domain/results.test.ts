import { describe, expect, it } from 'vitest';
import type { PeriodMarkValue } from '../contract/enums.ts';
import { periodResults } from './results.ts';

const v = (...values: PeriodMarkValue[]) => values;

describe('periodResults', () => {
  it('sorts students into отличники, хорошисты, one «4», one «3», неуспевающие and не аттестованы', () => {
    const r = periodResults([
      v('5', '5', '5'), // отличник
      v('5', '4', '5'), // хорошист with one «4»
      v('4', '4', '5'), // хорошист
      v('5', '3', '4'), // one «3»
      v('3', '3', '5'), // two «3»: none of them
      v('5', '2', '4'), // неуспевающий
      v('5', 'notAssessed', '2'), // не аттестован (counted once)
    ]);
    expect(r).toMatchObject({ assessed: 7, excellent: 1, good: 2, oneFour: 1, oneThree: 1, failing: 1, notAssessed: 1 });
    expect(r.progressPercent).toBeCloseTo((5 / 7) * 100, 10);
    expect(r.qualityPercent).toBeCloseTo((3 / 7) * 100, 10);
    expect(r.marks).toEqual({ 5: 10, 4: 5, 3: 3, 2: 2 });
    expect(r.sou).toBeCloseTo(((10 + 0.64 * 5 + 0.36 * 3 + 0.16 * 2) / 20) * 100, 10);
    expect(r.meanMark).toBeCloseTo((10 * 5 + 5 * 4 + 3 * 3 + 2 * 2) / 20, 10);
  });

  it('gives 100 % for a class of отличники and СОУ 100', () => {
    const r = periodResults([v('5', '5'), v('5')]);
    expect(r).toMatchObject({ assessed: 2, excellent: 2, good: 0, progressPercent: 100, qualityPercent: 100, sou: 100, meanMark: 5 });
  });

  it('treats зачёт as positive, незачёт as a «2» for неуспевающие, ОСВ as absent — none in СОУ or the mean', () => {
    const r = periodResults([
      v('5', 'pass', 'exempt'), // отличник still
      v('4', 'pass'), // хорошист with one «4»
      v('5', 'fail'), // неуспевающий
      v('exempt', 'exempt'), // not assessed at all
      v('pass'), // assessed, успевающий, but neither отличник nor хорошист
    ]);
    expect(r).toMatchObject({ assessed: 4, excellent: 1, good: 1, oneFour: 1, failing: 1, notAssessed: 0 });
    expect(r.progressPercent).toBe(75);
    expect(r.qualityPercent).toBe(50);
    expect(r.marks).toEqual({ 5: 2, 4: 1, 3: 0, 2: 0 });
    expect(r.meanMark).toBeCloseTo(14 / 3, 10);
  });

  it('answers null, never NaN, when nobody is assessed or there are no marks 2–5', () => {
    expect(periodResults([])).toMatchObject({ assessed: 0, progressPercent: null, qualityPercent: null, sou: null, meanMark: null });
    expect(periodResults([v(), v('exempt')])).toMatchObject({ assessed: 0, progressPercent: null, sou: null });
    expect(periodResults([v('pass')])).toMatchObject({ assessed: 1, progressPercent: 100, qualityPercent: 0, sou: null, meanMark: null });
  });

  it('weighs every mark in СОУ: a class of «2» is 16, of «3» is 36', () => {
    expect(periodResults([v('2', '2')]).sou).toBeCloseTo(16, 10);
    expect(periodResults([v('3')]).sou).toBeCloseTo(36, 10);
    expect(periodResults([v('3')])).toMatchObject({ oneThree: 1, progressPercent: 100, qualityPercent: 0 });
  });
});
