import { describe, expect, it } from 'vitest';
import { choiceValue, figureText, formatMean, formatPercent, parseChoice, resultsPeriod } from './format.ts';

const figures = {
  assessed: 7, excellent: 1, good: 2, oneFour: 1, oneThree: 1, failing: 2, notAssessed: 1,
  progressPercent: 400 / 7, qualityPercent: 300 / 7, sou: null, meanMark: 4.125, marks: { 5: 1, 4: 1, 3: 0, 2: 0 },
};

describe('results formatting', () => {
  it('writes a percentage with one decimal, a comma and a narrow space in Russian', () => {
    expect(formatPercent(400 / 7, 'ru')).toBe('57,1\u00a0%');
    expect(formatPercent(100, 'ru')).toBe('100,0\u00a0%');
    expect(formatPercent(400 / 7, 'en')).toBe('57.1%');
  });

  it('writes a dash, never NaN, where there is no figure', () => {
    expect(formatPercent(null, 'ru')).toBe('—');
    expect(formatPercent(Number.NaN, 'ru')).toBe('—');
    expect(formatMean(null, 'en')).toBe('—');
  });

  it('writes the mean mark with two decimals', () => {
    expect(formatMean(4.125, 'ru')).toMatch(/^4,1[23]$/);
    expect(formatMean(4, 'en')).toBe('4.00');
  });

  it('gives each column its text', () => {
    expect(figureText(figures, 'assessed', 'ru')).toBe('7');
    expect(figureText(figures, 'qualityPercent', 'ru')).toBe('42,9\u00a0%');
    expect(figureText(figures, 'sou', 'ru')).toBe('—');
  });

  it('round-trips the period selector value', () => {
    expect(parseChoice(choiceValue({ periodId: 'abc' }))).toEqual({ periodId: 'abc' });
    expect(parseChoice(choiceValue({ academicYearId: 'y1' }))).toEqual({ academicYearId: 'y1' });
    expect(parseChoice('')).toBeNull();
    expect(parseChoice('x:1')).toBeNull();
  });

  it('opens on the period that ended last, a quarter before a half, else the one running', () => {
    const q1 = { id: 'q1', startsOn: '2025-09-01', endsOn: '2025-10-24', gradeFrom: 1 };
    const q2 = { id: 'q2', startsOn: '2025-11-05', endsOn: '2025-12-28', gradeFrom: 1 };
    const h1 = { id: 'h1', startsOn: '2025-09-01', endsOn: '2025-12-28', gradeFrom: 10 };
    const all = [h1, q2, q1];
    expect(resultsPeriod(all, '2025-10-27')?.id).toBe('q1');
    expect(resultsPeriod(all, '2026-01-12')?.id).toBe('q2');
    expect(resultsPeriod(all, '2025-09-10')?.id).toBe('q1');
    expect(resultsPeriod(all, '2025-08-01')?.id).toBe('q1');
    expect(resultsPeriod([], '2025-10-27')).toBeUndefined();
  });
});
