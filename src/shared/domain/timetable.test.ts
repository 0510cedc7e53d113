import { describe, expect, it } from 'vitest';
import { localDate } from './calendar.ts';
import { isoWeek, isoWeekday, paritiesMeet, slotDates, slotsClash, weekParityOf } from './timetable.ts';

describe('ISO weeks', () => {
  it('numbers weeks from the one holding the first Thursday', () => {
    expect(isoWeek('2025-09-01')).toBe(36);
    expect(isoWeek('2025-12-29')).toBe(1);
    expect(isoWeek('2026-01-01')).toBe(1);
    expect(isoWeek('2021-01-03')).toBe(53);
    expect(isoWeek('2021-01-04')).toBe(1);
  });

  it('gives Monday 1 and Sunday 7', () => {
    expect(isoWeekday('2025-09-01')).toBe(1);
    expect(isoWeekday('2025-09-06')).toBe(6);
    expect(isoWeekday('2025-09-07')).toBe(7);
  });

  it('calls a week odd or even by its number', () => {
    expect(weekParityOf('2025-09-01')).toBe('even');
    expect(weekParityOf('2025-09-08')).toBe('odd');
  });
});

describe('slots', () => {
  const every = () => true;

  it('falls on its weekday inside its validity', () => {
    expect(slotDates({ weekday: 3, validFrom: '2025-09-01', validTo: '2025-09-30', weekParity: null }, '2025-09-05', '2025-09-24', every))
      .toEqual(['2025-09-10', '2025-09-17', '2025-09-24']);
    expect(slotDates({ weekday: 1, validFrom: '2025-10-01', validTo: '2025-10-31', weekParity: null }, '2025-09-01', '2025-09-30', every)).toEqual([]);
  });

  it('keeps to its parity and to school days', () => {
    const slot = { weekday: 1, validFrom: '2025-09-01', validTo: '2025-09-30', weekParity: 'odd' as const };
    expect(slotDates(slot, '2025-09-01', '2025-09-30', every)).toEqual(['2025-09-08', '2025-09-22']);
    expect(slotDates(slot, '2025-09-01', '2025-09-30', (d) => d !== '2025-09-22')).toEqual(['2025-09-08']);
  });

  it('clashes only at the same time, on overlapping dates, in weeks that meet', () => {
    const a = { weekday: 2, lessonNumber: 3, validFrom: '2025-09-01', validTo: '2025-12-31', weekParity: null };
    expect(slotsClash(a, { ...a, validFrom: '2025-12-31', validTo: '2026-01-31' })).toBe(true);
    expect(slotsClash(a, { ...a, validFrom: '2026-01-01', validTo: '2026-01-31' })).toBe(false);
    expect(slotsClash(a, { ...a, lessonNumber: 4 })).toBe(false);
    expect(slotsClash({ ...a, weekParity: 'odd' }, { ...a, weekParity: 'even' })).toBe(false);
    expect(paritiesMeet('odd', null)).toBe(true);
  });

  it('reads the date in the school\'s time zone', () => {
    expect(localDate(new Date('2025-09-01T20:00:00Z'), 'Asia/Barnaul')).toBe('2025-09-02');
    expect(localDate(new Date('2025-09-01T20:00:00Z'), 'Europe/Moscow')).toBe('2025-09-01');
  });
});
