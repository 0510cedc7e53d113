import { describe, expect, it } from 'vitest';
import { defaultPeriod } from '../../../shared/domain/periods.ts';
import { deadlineState, formatMean } from './periodMarks.ts';

describe('period marks', () => {
  it('warns as the deadline (two days before the period ends) nears and after it passes', () => {
    expect(deadlineState('2025-10-22', '2025-10-01', false)).toBe('ok');
    expect(deadlineState('2025-10-22', '2025-10-19', false)).toBe('soon');
    expect(deadlineState('2025-10-22', '2025-10-22', false)).toBe('soon');
    expect(deadlineState('2025-10-22', '2025-10-23', false)).toBe('past');
    expect(deadlineState('2025-10-22', '2025-10-23', true)).toBe('none');
    expect(deadlineState(null, '2025-10-23', false)).toBe('none');
  });

  it('shows the mean with two decimals and a comma', () => {
    expect(formatMean(4.6, 'ru')).toBe('4,60');
    expect(formatMean(null, 'ru')).toBe('—');
    expect(formatMean(3.33, 'en')).toBe('3.33');
  });

  it('opens on the period holding today, else the last begun, else the first', () => {
    const periods = [
      { id: 'q2', startsOn: '2025-11-05', endsOn: '2025-12-28' },
      { id: 'q1', startsOn: '2025-09-01', endsOn: '2025-10-24' },
    ];
    expect(defaultPeriod(periods, '2025-09-10')?.id).toBe('q1');
    expect(defaultPeriod(periods, '2025-11-01')?.id).toBe('q1');
    expect(defaultPeriod(periods, '2025-08-01')?.id).toBe('q1');
    expect(defaultPeriod(periods, '2026-01-10')?.id).toBe('q2');
    expect(defaultPeriod([], '2026-01-10')).toBeUndefined();
  });
});
