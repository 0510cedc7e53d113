import { describe, expect, it } from 'vitest';
import { addMonths, isDataCheckDue, nextDataCheckOn } from './dataCheck.ts';

describe('the monthly check of a class\'s personal data (seed 001, 3.3)', () => {
  it('adds months keeping the day, clamped to the month\'s end, across years', () => {
    expect(addMonths('2025-10-15', 1)).toBe('2025-11-15');
    expect(addMonths('2025-12-20', 1)).toBe('2026-01-20');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('reminds when the class was never checked', () => {
    expect(isDataCheckDue(null, '2025-09-01')).toBe(true);
  });

  it('reminds from the day a month has passed since the last check, not before', () => {
    expect(nextDataCheckOn('2025-10-15')).toBe('2025-11-15');
    expect(isDataCheckDue('2025-10-15', '2025-10-15')).toBe(false);
    expect(isDataCheckDue('2025-10-15', '2025-11-14')).toBe(false);
    expect(isDataCheckDue('2025-10-15', '2025-11-15')).toBe(true);
    expect(isDataCheckDue('2025-10-15', '2026-01-01')).toBe(true);
  });
});
