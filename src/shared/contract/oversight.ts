import { addDays, addYears, isDate } from '../domain/calendar.ts';
import { ZDate, ZId } from './common.ts';
import { ZReportFormat, ZResultsFigures } from './reports.ts';
import { z } from './zod.ts';

/** Both ends are dates (a malformed one is already reported on its own field). */
const dates = (q: { from: string; to: string }) => isDate(q.from) && isDate(q.to);

// Reports of oversight (issue 13, reports 5, 6, 8): the табель as a file, the control figures of
// keeping the journal (seed 002 §4.5.5, 004 §5.1), the municipal summary (counts and percentages only).

/** The табель (the month's lessons per teacher) as a file: the same filter as `GET /timesheet`, and `format`. */
export const ZTimesheetExportQuery = z.object({
  staffId: ZId.optional(),
  from: ZDate,
  to: ZDate,
  format: ZReportFormat,
}).refine((q) => !dates(q) || q.from <= q.to, { message: 'Конец периода раньше его начала', path: ['to'] })
  .refine((q) => !dates(q) || q.to < addYears(q.from, 1), { message: 'Не больше года', path: ['to'] });
export type TimesheetExportQuery = z.infer<typeof ZTimesheetExportQuery>;

/** Weeks without marks that make a student «без отметок» in a subject. */
export const ZWeeksWithoutMarks = z.coerce.number({ error: 'Число недель: от 1 до 12' })
  .int('Число недель: от 1 до 12').min(1, 'Число недель: от 1 до 12').max(12, 'Число недель: от 1 до 12');

const range = <S extends z.ZodObject<{ from: typeof ZDate; to: typeof ZDate }>>(schema: S, maxDays: number, message: string) => schema
  .refine((q) => !dates(q) || q.from <= q.to, { message: 'Конец периода раньше его начала', path: ['to'] })
  .refine((q) => !dates(q) || q.to <= addDays(q.from, maxDays - 1), { message, path: ['to'] });

/** Control figures of one school from–to (a week or a month; at most 92 days). */
const ZControlFiguresFilter = z.object({ from: ZDate, to: ZDate, weeks: ZWeeksWithoutMarks.default(3) });
export const ZControlFiguresQuery = range(ZControlFiguresFilter, 92, 'Не больше 92 дней');
export type ControlFiguresQuery = z.infer<typeof ZControlFiguresQuery>;
export const ZControlFiguresExportQuery = range(ZControlFiguresFilter.extend({ format: ZReportFormat }), 92, 'Не больше 92 дней');
export type ControlFiguresExportQuery = z.infer<typeof ZControlFiguresExportQuery>;

const count = z.number().int();
const percent = z.number().nullable();

/** How the journal was kept in the lessons given (not cancelled) from–to, up to today. */
export const ZLessonFigures = z.object({
  /** Lessons given (by whoever gave them: the teacher or his substitute). */
  given: count,
  withTopic: count,
  /** With at least one mark (not deleted). */
  withMarks: count,
  /** Attendance taken (the teacher confirmed the roll, with or without absences). */
  withAttendance: count,
  /** With homework recorded (not deleted). */
  withHomework: count,
  topicPercent: percent,
  marksPercent: percent,
  attendancePercent: percent,
  homeworkPercent: percent,
});
export type LessonFigures = z.infer<typeof ZLessonFigures>;

/** A school's figures: the lessons, the students without marks, the diary's readers, the accounts. */
export const ZSchoolControlFigures = z.object({
  lessons: ZLessonFigures,
  /** Teachers who gave lessons; of them, those who entered a topic / attendance in every one. */
  teachers: z.object({ active: count, allTopics: count, allAttendance: count, allTopicsPercent: percent, allAttendancePercent: percent }),
  /** Students who had lessons in the last `weeks` weeks up to `to`; those without a mark in at least one subject of them. */
  withoutMarks: z.object({ students: count, withoutMarks: count, percent, subjectPairs: count }),
  /** Students (enrolled on `to`) and their guardians: how many have an activated account, how many opened the diary in 7 and 30 days. */
  diary: z.object({
    students: count, studentAccounts: count, students7: count, students30: count, students7Percent: percent, students30Percent: percent,
    guardians: count, guardianAccounts: count, guardians7: count, guardians30: count, guardians7Percent: percent, guardians30Percent: percent,
  }),
  /** Usage (seed 004 §5.1): accounts with a role in the school, activated (a password set), signed in ever and in 30 days. */
  usage: z.object({ accounts: count, activated: count, signedIn: count, signedIn30: count, activatedPercent: percent, signedIn30Percent: percent }),
});
export type SchoolControlFigures = z.infer<typeof ZSchoolControlFigures>;

export const ZControlFigures = z.object({
  from: ZDate,
  /** The end counted: `to`, or today when `to` is later. */
  to: ZDate,
  weeks: count,
  /** The window of «without marks»: the `weeks` weeks ending on `to`. */
  withoutMarksFrom: ZDate,
  school: ZSchoolControlFigures,
  /** Per teacher who gave lessons: the same lesson figures. */
  teachers: z.array(z.object({ staffId: ZId, name: z.string(), lessons: ZLessonFigures })),
});
export type ControlFigures = z.infer<typeof ZControlFigures>;

/**
 * The municipal summary: one date range (at most a year). Attendance and control figures over the
 * range; period results for each school's periods that ended in the range — per grade band the
 * latest one (a school's quarters or semesters are its own).
 */
const ZMunicipalFilter = z.object({ from: ZDate, to: ZDate, weeks: ZWeeksWithoutMarks.default(3) });
const yearAtMost = <S extends z.ZodObject<{ from: typeof ZDate; to: typeof ZDate }>>(schema: S) => schema
  .refine((q) => !dates(q) || q.from <= q.to, { message: 'Конец периода раньше его начала', path: ['to'] })
  .refine((q) => !dates(q) || q.to < addYears(q.from, 1), { message: 'Не больше года', path: ['to'] });
export const ZMunicipalSummaryQuery = yearAtMost(ZMunicipalFilter);
export type MunicipalSummaryQuery = z.infer<typeof ZMunicipalSummaryQuery>;
export const ZMunicipalSummaryExportQuery = yearAtMost(ZMunicipalFilter.extend({ format: ZReportFormat }));
export type MunicipalSummaryExportQuery = z.infer<typeof ZMunicipalSummaryExportQuery>;

/** Attendance over the range: student-lessons due, missed by reason, late, the share missed. */
export const ZAttendanceFigures = z.object({
  due: count, absent: count, ill: count, excused: count, late: count, missed: count, missedPercent: percent,
});
export type AttendanceFigures = z.infer<typeof ZAttendanceFigures>;

const ZSummaryFigures = z.object({
  /** The periods counted (their names), e.g. «1 четверть (1–9)». */
  periods: z.array(z.string()),
  students: count,
  results: ZResultsFigures,
  attendance: ZAttendanceFigures,
  control: ZSchoolControlFigures,
});

export const ZMunicipalSummary = z.object({
  municipality: z.object({ id: ZId, name: z.string() }),
  from: ZDate,
  to: ZDate,
  weeks: count,
  /** Per school of the municipality (its name, never a person's). */
  schools: z.array(ZSummaryFigures.extend({ schoolId: ZId, name: z.string() })),
  total: ZSummaryFigures.omit({ periods: true }).extend({ schools: count }),
});
export type MunicipalSummary = z.infer<typeof ZMunicipalSummary>;
