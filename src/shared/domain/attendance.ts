/** Attendance codes as the journal writes them, and which of them count as a missed lesson. */
import { ATTENDANCE_CODES, type AttendanceCode } from '../contract/enums.ts';

/** The paper journal's letters: н — absent, б — ill, у — excused, оп — late. */
export const ATTENDANCE_LETTERS: Readonly<Record<AttendanceCode, string>> = { absent: 'н', ill: 'б', excused: 'у', late: 'оп' };

/** The code a letter stands for (the journal grid's keyboard); no prototype, so «constructor» is no letter. */
export const ATTENDANCE_OF_LETTER: Readonly<Record<string, AttendanceCode | undefined>> =
  Object.assign(Object.create(null) as Record<string, AttendanceCode>, Object.fromEntries(ATTENDANCE_CODES.map((code) => [ATTENDANCE_LETTERS[code], code])));

/** The letter of a code; a code the web does not know stays as it is. */
export const attendanceLetter = (code: string): string => ATTENDANCE_LETTERS[code as AttendanceCode] ?? code;

/** Away from the lesson: absent, ill or excused. A late student («оп») was there. */
export const MISSED_CODES = ['absent', 'ill', 'excused'] as const satisfies readonly AttendanceCode[];

const missed: ReadonlySet<string> = new Set(MISSED_CODES);

/** Whether an attendance code counts as a missed lesson (null: present). */
export const isMissed = (code: string | null): boolean => code !== null && missed.has(code);
