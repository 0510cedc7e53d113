import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES } from '../contract/enums.ts';
import { ATTENDANCE_LETTERS, ATTENDANCE_OF_LETTER, attendanceLetter, isMissed, MISSED_CODES } from './attendance.ts';

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
