import { ZDate, ZId } from './common.ts';
import { withinAYear } from './dateRange.ts';
import { ZReportFormat } from './reports.ts';
import { z } from './zod.ts';

// Attendance reports (issue 13): one class's students, the school by class, and their files.

/** Attendance of one class's students from–to (both included), at most a year. */
export const ZAttendanceReportQuery = withinAYear(z.object({
  classId: ZId,
  from: ZDate,
  to: ZDate,
  /** One student of the class: his lessons missed or late, one by one (the drill-down). */
  studentId: ZId.optional(),
}));
export type AttendanceReportQuery = z.infer<typeof ZAttendanceReportQuery>;

/** shared/domain/attendance.ts `AttendanceTotals`. */
const ZAttendanceTotals = z.object({
  lessons: z.number().int(),
  absent: z.number().int(),
  ill: z.number().int(),
  excused: z.number().int(),
  late: z.number().int(),
  missedLessons: z.number().int(),
  fullDays: z.number().int(),
});

/** Attendance week by week: from each Monday, the lessons missed by reason and the late ones (the chart's series). */
export const ZAttendanceWeek = z.object({
  /** The week's Monday. */
  week: ZDate,
  absent: z.number().int(),
  ill: z.number().int(),
  excused: z.number().int(),
  late: z.number().int(),
  missedLessons: z.number().int(),
});
export type AttendanceWeek = z.infer<typeof ZAttendanceWeek>;

export const ZAttendanceReport = z.object({
  class: z.object({ id: ZId, name: z.string() }),
  from: ZDate,
  to: ZDate,
  /** Everyone in the class at any time from–to, by ФИО, counted over the lessons due while in it. */
  students: z.array(ZAttendanceTotals.extend({ id: ZId, name: z.string(), left: z.boolean() })),
  total: ZAttendanceTotals,
  /** With `studentId`: his lessons with a code (н, б, у, оп), by date and lesson number; else empty. */
  lessons: z.array(z.object({ date: ZDate, lessonNumber: z.number().int(), subject: z.string(), code: z.string() })),
  /** Every week from the one of `from` to the one of `to`, over the class's students. */
  weeks: z.array(ZAttendanceWeek),
});
export type AttendanceReport = z.infer<typeof ZAttendanceReport>;

/** Attendance of the school by class from–to (both included), at most a year. */
export const ZSchoolAttendanceQuery = withinAYear(z.object({
  from: ZDate,
  to: ZDate,
}));
export type SchoolAttendanceQuery = z.infer<typeof ZSchoolAttendanceQuery>;

const ZAttendanceClassRow = ZAttendanceTotals.extend({
  /** Students in the class at any time from–to. */
  students: z.number().int(),
  /** Lessons missed (н + б + у) ÷ lessons due × 100, to tenths; null without lessons. */
  missedPercent: z.number().nullable(),
});

export const ZSchoolAttendance = z.object({
  from: ZDate,
  to: ZDate,
  /** `school`: every class and the school's total; `classes`: only the caller's own classes (a class teacher). */
  reach: z.enum(['school', 'classes']),
  /** Every class of the years the dates fall in, by grade and letter. */
  classes: z.array(ZAttendanceClassRow.extend({ classId: ZId, name: z.string(), grade: z.number().int() })),
  total: ZAttendanceClassRow,
  /** Every week from the one of `from` to the one of `to`, over all the classes above. */
  weeks: z.array(ZAttendanceWeek),
});
export type SchoolAttendance = z.infer<typeof ZSchoolAttendance>;

/**
 * Attendance as a file: with `classId` the class with its students (ZAttendanceReportQuery), without
 * it the school by class (ZSchoolAttendance); `format` xlsx or pdf.
 */
export const ZAttendanceExportQuery = withinAYear(z.object({
  classId: ZId.optional(),
  from: ZDate,
  to: ZDate,
  format: ZReportFormat,
}));
export type AttendanceExportQuery = z.infer<typeof ZAttendanceExportQuery>;
