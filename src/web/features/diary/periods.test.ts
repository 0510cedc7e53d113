import { describe, expect, it } from 'vitest';
import { currentYear } from '../../../shared/domain/periods.ts';
import { formatMean, markTone, markValueKey, pickPeriod } from './periods.ts';

const year = (id: string, startsOn: string, endsOn: string, status = 'open') => ({ id, startsOn, endsOn, status });
const period = (id: string, startsOn: string, endsOn: string) => ({ id, startsOn, endsOn });

describe('currentYear (the year the marks page opens on)', () => {
  const past = year('2025', '2025-09-01', '2026-05-31', 'closed');
  const current = year('2026', '2026-09-01', '2027-05-31');
  const next = year('2027', '2027-09-01', '2028-05-31', 'planning');

  it('takes the year holding today, whatever the order of the list', () => {
    expect(currentYear([next, current, past], '2026-11-27')?.id).toBe('2026');
  });

  it('in the summer takes the year just ended, not the one still being planned', () => {
    expect(currentYear([past, current, next], '2027-07-10')?.id).toBe('2026');
    expect(currentYear([past, next], '2027-09-10')?.id).toBe('2025');
  });

  it('before the first year starts takes the earliest; with only planned years, the earliest of them', () => {
    expect(currentYear([current], '2026-08-20')?.id).toBe('2026');
    expect(currentYear([next], '2026-08-20')?.id).toBe('2027');
    expect(currentYear([], '2026-08-20')).toBeUndefined();
  });
});

describe('pickPeriod', () => {
  const q1 = period('q1', '2026-09-01', '2026-10-23');
  const q2 = period('q2', '2026-11-02', '2026-12-29');
  const q3 = period('q3', '2027-01-11', '2027-03-19');

  it('takes the requested period when it is one of the student\'s', () => {
    expect(pickPeriod([q1, q2, q3], '2026-11-27', 'q1')?.id).toBe('q1');
  });

  it('ignores a requested period that is not the student\'s and takes the one holding today', () => {
    expect(pickPeriod([q3, q2, q1], '2026-11-27', 'half-1')?.id).toBe('q2');
    expect(pickPeriod([q3, q2, q1], '2026-11-27', null)?.id).toBe('q2');
  });

  it('in the holidays takes the period just ended; before the year, the first', () => {
    expect(pickPeriod([q1, q2, q3], '2026-10-28')?.id).toBe('q1');
    expect(pickPeriod([q2, q1], '2026-08-25')?.id).toBe('q1');
    expect(pickPeriod([], '2026-08-25')).toBeUndefined();
  });
});

describe('mark values', () => {
  it('keeps digits and names the words (зачёт, ОСВ, Н/А) by an i18n key', () => {
    expect(markValueKey('5')).toBeNull();
    expect(markValueKey('100')).toBeNull();
    expect(markValueKey('pass')).toBe('diary.values.pass');
    expect(markValueKey('exempt')).toBe('diary.values.exempt');
    expect(markValueKey('notAssessed')).toBe('diary.values.notAssessed');
  });

  it('marks 1 and 2, незачёт and Н/А as low; other scales stay neutral', () => {
    expect(['1', '2', '3', '4', '5'].map((v) => markTone(v))).toEqual(['low', 'low', 'mid', 'high', 'high']);
    expect(markTone('fail', 'passFail')).toBe('low');
    expect(markTone('pass', 'passFail')).toBe('neutral');
    expect(markTone('notAssessed')).toBe('low');
    expect(markTone('2', 'ten')).toBe('neutral');
  });

  it('writes the mean with two decimals and the language\'s decimal sign', () => {
    expect(formatMean(4.5, 'ru')).toBe('4,50');
    expect(formatMean(3.333, 'en')).toBe('3.33');
  });
});
