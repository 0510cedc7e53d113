import { describe, expect, it } from 'vitest';
import type { Period } from '../../../shared/contract/calendar.ts';
import { currentYear, defaultPeriod } from '../../../shared/domain/periods.ts';
import { periodState, reopenRangeError } from './periods.ts';

const period = (id: string, startsOn: string, endsOn: string, kind: Period['kind'] = 'quarter'): Period =>
  ({ id, academicYearId: 'y', name: id, kind, gradeFrom: 1, gradeTo: 11, startsOn, endsOn });
const q1 = period('q1', '2025-09-01', '2025-10-24');
const q2 = period('q2', '2025-11-05', '2025-12-28');
const h1 = period('h1', '2025-09-01', '2025-12-28', 'half');
const reopening = (expiresAt: string) => ({
  id: 'r', periodId: 'q1', groupId: 'g', subjectId: null, fromDate: '2025-10-01', toDate: '2025-10-06', reason: 'x', openedBy: null, openedAt: '2025-10-27T08:00:00Z', expiresAt,
});

describe('the state of a period', () => {
  it('is open without a closure, closed with one, reopened while a reopening lasts', () => {
    expect(periodState(undefined)).toEqual({ kind: 'open' });
    expect(periodState({ periodId: 'q1', closed: false, closedAt: null, closedBy: null, reopenings: [] })).toEqual({ kind: 'open' });
    const closed = { periodId: 'q1', closed: true, closedAt: '2025-10-26T10:00:00Z', closedBy: 'u', reopenings: [] };
    expect(periodState(closed)).toEqual({ kind: 'closed', closedAt: '2025-10-26T10:00:00Z' });
    expect(periodState({ ...closed, reopenings: [reopening('2025-10-27T11:00:00Z'), reopening('2025-10-28T09:00:00Z')] }))
      .toEqual({ kind: 'reopened', closedAt: '2025-10-26T10:00:00Z', until: '2025-10-28T09:00:00Z', count: 2 });
    // Whatever the browser's clock says: the server lists the reopenings in force.
    expect(periodState({ ...closed, reopenings: [reopening('2000-01-01T00:00:00Z')] }).kind).toBe('reopened');
  });
});

describe('the period shown first', () => {
  it('is the shortest period holding today, else the last one over, else the first', () => {
    expect(defaultPeriod([h1, q2, q1], '2025-10-06')?.id).toBe('q1');
    expect(defaultPeriod([h1, q2, q1], '2025-10-30')?.id).toBe('h1');
    expect(defaultPeriod([q2, q1], '2025-10-30')?.id).toBe('q1');
    expect(defaultPeriod([q2, q1], '2025-08-01')?.id).toBe('q1');
    expect(defaultPeriod([], '2025-08-01')).toBeUndefined();
  });

  it('belongs to the open year holding today', () => {
    const year = (id: string, startsOn: string, endsOn: string, status: 'open' | 'closed' | 'planning') => ({ id, name: id, startsOn, endsOn, status, weekDays: 5 });
    const years = [year('old', '2024-09-01', '2025-05-31', 'closed'), year('now', '2025-09-01', '2026-05-31', 'open'), year('next', '2026-09-01', '2027-05-31', 'planning')];
    expect(currentYear(years, '2025-10-06')?.id).toBe('now');
    expect(currentYear(years, '2026-07-01')?.id).toBe('now');
    // The one rule (shared/domain/periods.ts): without an open year, the latest begun that is not being planned.
    expect(currentYear([years[0]!, years[2]!], '2025-10-06')?.id).toBe('old');
  });
});

describe('a reopening range', () => {
  it('lies inside the period and does not run backwards', () => {
    expect(reopenRangeError(q1, '2025-10-01', '2025-10-06')).toBeNull();
    expect(reopenRangeError(q1, '2025-08-31', '2025-10-06')).toBe('from');
    expect(reopenRangeError(q1, '2025-10-01', '2025-10-25')).toBe('to');
    expect(reopenRangeError(q1, '2025-10-06', '2025-10-01')).toBe('order');
    expect(reopenRangeError(q1, '', '2025-10-01')).toBe('from');
  });
});
