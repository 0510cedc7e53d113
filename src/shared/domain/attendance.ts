/** Attendance codes as the journal writes them, and which of them count as a missed lesson. */
import { ATTENDANCE_CODES, type AttendanceCode } from '../contract/enums.ts';
import { addDays, weekday } from './calendar.ts';

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

/** One lesson a student was due at, with his attendance code there (null: present or not recorded). */
export type DueLesson = { date: string; code: string | null };

/** A student's attendance over a range (seed 001 §7, 002 §7): lessons missed by reason, late, full days missed. */
export type AttendanceTotals = {
  /** Lessons he was due at (not cancelled). */
  lessons: number;
  absent: number;
  ill: number;
  excused: number;
  late: number;
  /** Lessons missed: н + б + у. */
  missedLessons: number;
  /** Days on which he missed every lesson he was due at. */
  fullDays: number;
};

export function attendanceTotals(due: readonly DueLesson[]): AttendanceTotals {
  const totals: AttendanceTotals = { lessons: due.length, absent: 0, ill: 0, excused: 0, late: 0, missedLessons: 0, fullDays: 0 };
  const days = new Map<string, { lessons: number; missed: number }>();
  for (const lesson of due) {
    const day = days.get(lesson.date) ?? { lessons: 0, missed: 0 };
    day.lessons += 1;
    if (lesson.code === 'absent' || lesson.code === 'ill' || lesson.code === 'excused' || lesson.code === 'late') totals[lesson.code] += 1;
    if (isMissed(lesson.code)) {
      totals.missedLessons += 1;
      day.missed += 1;
    }
    days.set(lesson.date, day);
  }
  for (const day of days.values()) if (day.missed === day.lessons) totals.fullDays += 1;
  return totals;
}

/** The sum of several students' totals (a class's line). */
export const sumAttendance = (rows: readonly AttendanceTotals[]): AttendanceTotals => rows.reduce((sum, r) => ({
  lessons: sum.lessons + r.lessons, absent: sum.absent + r.absent, ill: sum.ill + r.ill, excused: sum.excused + r.excused,
  late: sum.late + r.late, missedLessons: sum.missedLessons + r.missedLessons, fullDays: sum.fullDays + r.fullDays,
}), attendanceTotals([]));

/** Lessons missed (н + б + у) as a share of the lessons due, in per cent to tenths; null without lessons. */
export const missedPercent = (t: Pick<AttendanceTotals, 'lessons' | 'missedLessons'>): number | null =>
  (t.lessons === 0 ? null : Math.round((t.missedLessons * 1000) / t.lessons) / 10);

/** The Monday of a date's week (ISO weeks, as the journal's). */
export const mondayOf = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

/** One week's attendance: the lessons missed by reason, the late ones. */
export type AttendanceWeekTotals = { week: string; absent: number; ill: number; excused: number; late: number; missedLessons: number };

/**
 * Every week from the one of `from` to the one of `to` (a week without lessons stays, with zeros),
 * filled from lessons with their codes: the chart of attendance over weeks.
 */
export function attendanceWeeks(from: string, to: string, coded: readonly { date: string; code: string | null; count?: number }[]): AttendanceWeekTotals[] {
  const weeks = new Map<string, AttendanceWeekTotals>();
  for (let week = mondayOf(from); week <= to; week = addDays(week, 7)) weeks.set(week, { week, absent: 0, ill: 0, excused: 0, late: 0, missedLessons: 0 });
  for (const lesson of coded) {
    const week = weeks.get(mondayOf(lesson.date));
    const n = lesson.count ?? 1;
    if (!week) continue;
    if (lesson.code === 'absent' || lesson.code === 'ill' || lesson.code === 'excused' || lesson.code === 'late') week[lesson.code] += n;
    if (isMissed(lesson.code)) week.missedLessons += n;
  }
  return [...weeks.values()];
}
