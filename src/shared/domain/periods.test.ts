import { describe, expect, it } from 'vitest';
import { currentYear, defaultPeriod, periodsForGrade } from './periods.ts';

const period = (id: string, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11) => ({ id, startsOn, endsOn, gradeFrom, gradeTo });
// Grades 1–9 in quarters, 10–11 in halves.
const q1 = period('q1', '2025-09-01', '2025-10-24', 1, 9);
const q2 = period('q2', '2025-11-05', '2025-12-28', 1, 9);
const q3 = period('q3', '2026-01-12', '2026-03-20', 1, 9);
const q4 = period('q4', '2026-03-30', '2026-05-26', 1, 9);
const h1 = period('h1', '2025-09-01', '2025-12-28', 10, 11);
const h2 = period('h2', '2026-01-12', '2026-05-26', 10, 11);
const all = [h2, q4, h1, q3, q1, q2];
const ids = (ps: readonly { id: string }[]) => ps.map((p) => p.id);

describe('the periods of a grade', () => {
  it('keeps those whose band holds the grade, in calendar order, a quarter before the half starting with it', () => {
    expect(ids(periodsForGrade(all, 5))).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(ids(periodsForGrade(all, 10))).toEqual(['h1', 'h2']);
    expect(ids(periodsForGrade(all, null))).toEqual(['q1', 'h1', 'q2', 'q3', 'h2', 'q4']);
    expect(periodsForGrade(all, 12)).toEqual([]);
  });

  it('lets a period without a band apply to every grade', () => {
    expect(ids(periodsForGrade([{ id: 'x', startsOn: '2025-09-01', endsOn: '2025-12-28' }], 7))).toEqual(['x']);
  });
});

describe('the period a screen opens on', () => {
  it('in term time is the period of the grade holding today', () => {
    expect(defaultPeriod(all, '2025-09-01', 5)?.id).toBe('q1');
    expect(defaultPeriod(all, '2025-11-20', 9)?.id).toBe('q2');
    expect(defaultPeriod(all, '2025-11-20', 10)?.id).toBe('h1');
    expect(defaultPeriod(all, '2026-05-26', 11)?.id).toBe('h2');
  });

  it('takes the quarter rather than the half holding the same day, whatever the order of the list', () => {
    expect(defaultPeriod(all, '2025-10-06')?.id).toBe('q1');
    expect(defaultPeriod([h1, q1, q2], '2025-10-06')?.id).toBe('q1');
    expect(defaultPeriod([q2, q1, h1], '2025-12-01')?.id).toBe('q2');
  });

  it('in the holidays takes the half that still holds today when the grade has one', () => {
    expect(defaultPeriod(all, '2025-10-30')?.id).toBe('h1');
    expect(defaultPeriod(all, '2025-10-30', 10)?.id).toBe('h1');
  });

  it('in the holidays between periods takes the last one that has begun', () => {
    expect(defaultPeriod(all, '2025-10-30', 5)?.id).toBe('q1');
    expect(defaultPeriod(all, '2026-01-05', 5)?.id).toBe('q2');
    expect(defaultPeriod(all, '2026-01-05', 10)?.id).toBe('h1');
    expect(defaultPeriod(all, '2026-03-25', 5)?.id).toBe('q3');
  });

  it('after the year takes the last period; of two begun the same day, the shorter', () => {
    expect(defaultPeriod(all, '2026-07-01', 5)?.id).toBe('q4');
    expect(defaultPeriod(all, '2026-07-01', 10)?.id).toBe('h2');
    expect(defaultPeriod(all, '2026-07-01')?.id).toBe('q4');
    expect(defaultPeriod([h1, q1], '2026-01-05')?.id).toBe('q1');
  });

  it('before the year takes the first period, the quarter before the half', () => {
    expect(defaultPeriod(all, '2025-08-20', 5)?.id).toBe('q1');
    expect(defaultPeriod(all, '2025-08-20', 10)?.id).toBe('h1');
    expect(defaultPeriod(all, '2025-08-20')?.id).toBe('q1');
  });

  it('has none without periods of the grade', () => {
    expect(defaultPeriod([], '2025-10-06')).toBeUndefined();
    expect(defaultPeriod(all, '2025-10-06', 12)).toBeUndefined();
  });
});

describe('the year a screen opens on', () => {
  const year = (id: string, startsOn: string, endsOn: string, status: string) => ({ id, startsOn, endsOn, status });
  const closed = year('2024', '2024-09-01', '2025-05-31', 'closed');
  const open = year('2025', '2025-09-01', '2026-05-31', 'open');
  const planned = year('2026', '2026-09-01', '2027-05-31', 'planning');

  it('in term time is the open year holding today, whatever the order of the list', () => {
    expect(currentYear([planned, open, closed], '2025-10-06')?.id).toBe('2025');
  });

  it('in the summer is the year just ended, not the one still being planned', () => {
    expect(currentYear([closed, open, planned], '2026-07-01')?.id).toBe('2025');
    expect(currentYear([closed, planned], '2026-07-01')?.id).toBe('2024');
  });

  it('skips a planned year that has begun and takes the latest begun one that is not', () => {
    expect(currentYear([closed, planned], '2026-10-01')?.id).toBe('2024');
    expect(currentYear([{ ...open, status: 'closed' }, closed], '2025-10-06')?.id).toBe('2025');
    expect(currentYear([{ ...open, status: 'archived' }, planned], '2026-10-01')?.id).toBe('2025');
  });

  it('before any year has begun, or with planned years only, is the earliest', () => {
    expect(currentYear([planned, open], '2025-08-20')?.id).toBe('2025');
    expect(currentYear([planned, { ...open, status: 'planning' }], '2025-10-06')?.id).toBe('2025');
    expect(currentYear([planned], '2025-10-06')?.id).toBe('2026');
    expect(currentYear([], '2025-10-06')).toBeUndefined();
  });
});
