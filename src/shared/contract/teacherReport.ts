import { ZDate, ZId } from './common.ts';
import { ZReportFormat, ZResultsFigures, ZSummaryPeriod } from './reports.ts';
import { z } from './zod.ts';

/** Отчёт учителя (report 4): one teacher (none = the caller) in one period. */
export const ZTeacherReportQuery = z.object({ periodId: ZId, staffId: ZId.optional() });
export type TeacherReportQuery = z.infer<typeof ZTeacherReportQuery>;
export const ZTeacherReportExportQuery = ZTeacherReportQuery.extend({ format: ZReportFormat });
export type TeacherReportExportQuery = z.infer<typeof ZTeacherReportExportQuery>;

export const ZTeacherReport = z.object({
  teacher: z.object({ id: ZId, name: z.string() }),
  period: ZSummaryPeriod,
  /** The day the lessons are counted up to: the period's end, or today when it has not ended. */
  countedTo: ZDate,
  /** Per group × subject of his assignments or his lessons in the period, by group then subject. */
  rows: z.array(z.object({
    groupId: ZId,
    group: z.string(),
    subjectId: ZId,
    subject: z.string(),
    /** Lessons of the pair in the period, not cancelled (the timetable's plan). */
    scheduled: z.number().int(),
    /** Of them, given by him up to `countedTo` (not taken by a substitute). */
    given: z.number().int(),
    /** Hours per week of his assignment × the period's weeks; null without an assignment. */
    loadHours: z.number().nullable(),
    /** КТП: the hours of the pair's thematic plan (the year's), and how many lessons given were tied to a planned topic. */
    planHours: z.number().int(),
    planned: z.number().int(),
    /** Current marks given in the pair's lessons of the period, and per work type. */
    marks: z.number().int(),
    marksByType: z.array(z.object({ workType: z.string(), count: z.number().int() })),
    /** The period marks of the pair (shared/domain/resultsBreakdown.ts: each student's mark in the subject). */
    students: z.number().int(),
    figures: ZResultsFigures,
    /** Lessons given without a topic, without homework: their dates. */
    noTopic: z.array(ZDate),
    noHomework: z.array(ZDate),
  })),
});
export type TeacherReport = z.infer<typeof ZTeacherReport>;
