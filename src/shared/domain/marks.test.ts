import { describe, expect, it } from 'vitest';
import { isMarkValue, markScaleHint, scaleAllowedFor } from './marks.ts';

describe('mark scales', () => {
  it('accepts 1–5 on the five-point scale and nothing else', () => {
    expect(['1', '2', '3', '4', '5'].every((v) => isMarkValue('five', v))).toBe(true);
    for (const v of ['0', '6', '05', '4.5', ' 4', '', 'pass', '-1']) expect(isMarkValue('five', v)).toBe(false);
  });

  it('accepts pass and fail only on the pass/fail scale', () => {
    expect(isMarkValue('passFail', 'pass')).toBe(true);
    expect(isMarkValue('passFail', 'fail')).toBe(true);
    expect(isMarkValue('passFail', '5')).toBe(false);
  });

  it('accepts 1–10 and 0–100 on the additional scales', () => {
    expect(isMarkValue('ten', '10')).toBe(true);
    expect(isMarkValue('ten', '0')).toBe(false);
    expect(isMarkValue('ten', '11')).toBe(false);
    expect(isMarkValue('hundred', '0')).toBe(true);
    expect(isMarkValue('hundred', '100')).toBe(true);
    expect(isMarkValue('hundred', '101')).toBe(false);
  });

  it('keeps the ten- and hundred-point scales to additional and extracurricular groups', () => {
    expect(scaleAllowedFor('ten', 'class')).toBe(false);
    expect(scaleAllowedFor('hundred', 'subgroup')).toBe(false);
    expect(scaleAllowedFor('ten', 'additional')).toBe(true);
    expect(scaleAllowedFor('hundred', 'extracurricular')).toBe(true);
    expect(scaleAllowedFor('passFail', 'class')).toBe(true);
    expect(markScaleHint('hundred')).toBe('Отметка от 0 до 100');
  });
});
