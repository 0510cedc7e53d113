import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES } from '../contract/enums.ts';
import { ATTENDANCE_LETTERS, ATTENDANCE_OF_LETTER, attendanceLetter, attendanceTotals, isMissed, MISSED_CODES, sumAttendance } from './attendance.ts';

describe('attendance codes', () => {
  it('write н, б, у, оп and read them back', () => {
    expect(ATTENDANCE_CODES.map((c) => ATTENDANCE_LETTERS[c])).toEqual(['н', 'б', 'у', 'оп']);
    expect(ATTENDANCE_OF_LETTER).toEqual({ н: 'absent', б: 'ill', у: 'excused', оп: 'late' });
    expect(attendanceLetter('ill')).toBe('б');
    expect(attendanceLetter('unknown')).toBe('unknown');
  });

  it('reads no code from a word that is not a letter, even one every object has', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'n', '']) expect(ATTENDANCE_OF_LETTER[word], word).toBeUndefined();
  });

  it('count absent, ill and excused as a missed lesson, not late and not present', () => {
    expect(MISSED_CODES).toEqual(['absent', 'ill', 'excused']);
    expect(ATTENDANCE_CODES.filter(isMissed)).toEqual(['absent', 'ill', 'excused']);
    expect(isMissed('late')).toBe(false);
    expect(isMissed(null)).toBe(false);
  });
});

describe('attendance totals', () => {
  it('counts lessons missed by reason, late apart (he was there), and the days every lesson was missed', () => {
    const totals = attendanceTotals([
      // Monday: ill all day — a full day.
      { date: '2025-09-08', code: 'ill' }, { date: '2025-09-08', code: 'ill' },
      // Tuesday: absent from one lesson of three, late for another.
      { date: '2025-09-09', code: 'absent' }, { date: '2025-09-09', code: 'late' }, { date: '2025-09-09', code: null },
      // Wednesday: excused, then absent — every lesson missed, by two reasons: a full day too.
      { date: '2025-09-10', code: 'excused' }, { date: '2025-09-10', code: 'absent' },
      // Thursday: late for the only lesson: not missed.
      { date: '2025-09-11', code: 'late' },
    ]);
    expect(totals).toEqual({ lessons: 8, absent: 2, ill: 2, excused: 1, late: 2, missedLessons: 5, fullDays: 2 });
  });

  it('is all zeros without lessons, and sums students', () => {
    expect(attendanceTotals([])).toEqual({ lessons: 0, absent: 0, ill: 0, excused: 0, late: 0, missedLessons: 0, fullDays: 0 });
    const a = attendanceTotals([{ date: '2025-09-08', code: 'ill' }]);
    const b = attendanceTotals([{ date: '2025-09-08', code: 'late' }, { date: '2025-09-09', code: null }]);
    expect(sumAttendance([a, b])).toEqual({ lessons: 3, absent: 0, ill: 1, excused: 0, late: 1, missedLessons: 1, fullDays: 1 });
  });
});
