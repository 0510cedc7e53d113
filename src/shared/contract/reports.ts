import { weekday } from '../domain/calendar.ts';
import { withinAYear } from './dateRange.ts';
import { ZDate, ZId } from './common.ts';
import { z } from './zod.ts';

// Reports (issue 13): read models over the journal. The figures are src/shared/domain/results.ts.

/** A period's results (`periodId`), or the year's from the year marks (`academicYearId`); optionally one class. */
const ZPeriodResultsFilter = z.object({
  periodId: ZId.optional(),
  academicYearId: ZId.optional(),
  classId: ZId.optional(),
});
const periodOrYear = <S extends typeof ZPeriodResultsFilter>(schema: S) => schema.refine((q) => q.periodId !== undefined || q.academicYearId !== undefined, {
  message: 'Укажите период или учебный год', path: ['periodId'],
}).refine((q) => q.periodId === undefined || q.academicYearId === undefined, {
  message: 'Либо период, либо учебный год', path: ['academicYearId'],
});
export const ZPeriodResultsQuery = periodOrYear(ZPeriodResultsFilter);
export type PeriodResultsQuery = z.infer<typeof ZPeriodResultsQuery>;

const percent = z.number().nullable();

export const ZResultsFigures = z.object({
  assessed: z.number().int(),
  excellent: z.number().int(),
  good: z.number().int(),
  oneFour: z.number().int(),
  oneThree: z.number().int(),
  failing: z.number().int(),
  notAssessed: z.number().int(),
  progressPercent: percent,
  qualityPercent: percent,
  sou: percent,
  meanMark: z.number().nullable(),
  marks: z.object({ 5: z.number().int(), 4: z.number().int(), 3: z.number().int(), 2: z.number().int() }),
});
export type ResultsFiguresDto = z.infer<typeof ZResultsFigures>;

export const ZPeriodResultsRow = z.object({
  /** Students in the class during the period (on its last day of theirs in the class). */
  students: z.number().int(),
  figures: ZResultsFigures,
});

export const ZPeriodResults = z.object({
  academicYearId: ZId,
  /** Null for the year's results. */
  periodId: ZId.nullable(),
  /** The period's name, or the year's. */
  name: z.string(),
  /** `school`: every class and the school's total; `classes`: only the caller's own classes (a class teacher). */
  reach: z.enum(['school', 'classes']),
  classes: z.array(ZPeriodResultsRow.extend({ classId: ZId, name: z.string(), grade: z.number().int() })),
  /** Per grade (параллель), over the classes above. */
  grades: z.array(ZPeriodResultsRow.extend({ grade: z.number().int(), classes: z.number().int() })),
  total: ZPeriodResultsRow,
});
export type PeriodResults = z.infer<typeof ZPeriodResults>;

/** The file formats a report is exported in. */
export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;
export const ZReportFormat = z.enum(REPORT_FORMATS, { error: 'Формат: xlsx или pdf' });
export type ReportFormat = z.infer<typeof ZReportFormat>;

/** The period results as a file: the same filter and `format`; `view` per class (the default), subject or teacher. */
export const ZPeriodResultsExportQuery = periodOrYear(ZPeriodResultsFilter.extend({
  format: ZReportFormat,
  view: z.enum(['class', 'subject', 'teacher'], { error: 'Разрез: class, subject или teacher' }).optional(),
}));
export type PeriodResultsExportQuery = z.infer<typeof ZPeriodResultsExportQuery>;

/** Сводная ведомость of one class: a period's marks (`periodId`), or the year's period and year marks (no `periodId`). */
export const ZClassSummaryQuery = z.object({
  classId: ZId,
  periodId: ZId.optional(),
});
export type ClassSummaryQuery = z.infer<typeof ZClassSummaryQuery>;

export const ZSummaryPeriod = z.object({ id: ZId, name: z.string(), startsOn: z.string(), endsOn: z.string() });

export const ZClassSummary = z.object({
  class: z.object({ id: ZId, name: z.string(), grade: z.number().int(), academicYearId: ZId }),
  /** The periods of the class's year for its grade, in date order (the columns of the year variant). */
  periods: z.array(ZSummaryPeriod),
  /** The period shown; null for the year variant. */
  period: ZSummaryPeriod.nullable(),
  /** Everyone in the class at any time in the period (the year), by ФИО; `left` when no longer in it at its end. */
  students: z.array(z.object({ id: ZId, name: z.string(), left: z.boolean() })),
  /** Subjects with lessons or marks for the class's students, by name. */
  subjects: z.array(z.object({ id: ZId, name: z.string() })),
  /** A period: one per student × subject with anything to show. */
  cells: z.array(z.object({
    studentId: ZId,
    subjectId: ZId,
    /** Current five-point marks counted in the mean. */
    count: z.number().int(),
    /** Weighted mean (src/shared/domain/grading.ts), truncated to hundredths; null without marks. */
    mean: z.number().nullable(),
    /** The period mark, when set. */
    periodMark: z.string().nullable(),
  })),
  /** The year: per student × subject the period mark of each period (by period id) and the year mark. */
  yearCells: z.array(z.object({
    studentId: ZId,
    subjectId: ZId,
    periodMarks: z.record(z.string(), z.string()),
    yearMark: z.string().nullable(),
    /** The exam mark, where one is set. */
    exam: z.string().optional(),
    /** The final (итоговая) mark, where one is set. */
    final: z.string().optional(),
  })),
});
export type ClassSummary = z.infer<typeof ZClassSummary>;

/** Прогноз (seeds 001 §2.7, 002 §2.7): one class in one period. */
export const ZForecastQuery = z.object({ classId: ZId, periodId: ZId });
export type ForecastQuery = z.infer<typeof ZForecastQuery>;

const FORECAST_VALUES = ['2', '3', '4', '5', 'notAssessed'] as const;
/** shared/domain/forecast.ts ForecastNext. */
const ZForecastNext = z.discriminatedUnion('code', [
  z.object({ code: z.literal('top') }),
  z.object({ code: z.literal('fives'), fives: z.number().int(), weight: z.literal(1), value: z.enum(['2', '3', '4', '5']) }),
  z.object({ code: z.literal('unreachable'), max: z.number().int() }),
]);
/** shared/domain/forecast.ts ForecastRisk. */
const ZForecastRisk = z.discriminatedUnion('code', [
  z.object({ code: z.literal('too_few_marks'), n: z.number().int(), min: z.number().int() }),
  z.object({ code: z.literal('not_assessed') }),
  z.object({ code: z.literal('failing') }),
  z.object({ code: z.literal('near_threshold'), mean: z.number(), mark: z.number().int(), threshold: z.number(), below: z.boolean() }),
]);
export type ForecastRiskDto = z.infer<typeof ZForecastRisk>;
export type ForecastNextDto = z.infer<typeof ZForecastNext>;

export const ZForecast = z.object({
  class: z.object({ id: ZId, name: z.string() }),
  period: ZSummaryPeriod,
  /** The periods of the class's year for its grade (the period selector). */
  periods: z.array(ZSummaryPeriod),
  /** Students in the class during the period, by ФИО; `atRisk` when any of their subjects is. */
  students: z.array(z.object({ id: ZId, name: z.string(), left: z.boolean(), atRisk: z.boolean() })),
  subjects: z.array(z.object({ id: ZId, name: z.string() })),
  /** Per student × subject he studies (lessons of his groups) or has marks in. */
  cells: z.array(z.object({
    studentId: ZId,
    subjectId: ZId,
    /** Weighted mean (the one grading function), truncated; null without counted marks. */
    mean: z.number().nullable(),
    /** Counted marks. */
    count: z.number().int(),
    /** The suggested period mark, were the period to end today. */
    forecast: z.enum(FORECAST_VALUES),
    next: ZForecastNext,
    risks: z.array(ZForecastRisk),
  })),
  /** The forecast period marks: how many of each, and the figures of итоги успеваемости over them. */
  distribution: z.object({ 5: z.number().int(), 4: z.number().int(), 3: z.number().int(), 2: z.number().int(), notAssessed: z.number().int() }),
  figures: ZResultsFigures,
});
export type ForecastReport = z.infer<typeof ZForecast>;

/**
 * The parents' weekly sheet (seed 001 §4.3.6): one class, the week from its Monday, the whole class
 * or the chosen students (`studentIds`: ids separated by commas).
 */
export const ZWeeklySheetsQuery = z.object({
  classId: ZId,
  week: ZDate.refine((d) => weekday(d) === 1, { message: 'Неделя задаётся датой понедельника' }),
  studentIds: z.string().max(4000, 'Не больше 100 обучающихся').optional()
    .refine((s) => s === undefined || s.split(',').every((id) => id.trim() === '' || ZId.safeParse(id.trim()).success), 'Неверный идентификатор')
    .transform((s) => (s === undefined || s.trim() === '' ? undefined : [...new Set(s.split(',').map((id) => id.trim()).filter((id) => id !== ''))])),
});
export type WeeklySheetsQuery = z.infer<typeof ZWeeklySheetsQuery>;

/** Сводная ведомость of one class as a file: the screen's filter and `format`. */
export const ZClassSummaryExportQuery = ZClassSummaryQuery.extend({ format: ZReportFormat });
export type ClassSummaryExportQuery = z.infer<typeof ZClassSummaryExportQuery>;

/** Сводная ведомость of the school by class: a period's (`periodId`) or the year's (`academicYearId`); optionally one class. */
export const ZSchoolSummaryQuery = ZPeriodResultsQuery;
export type SchoolSummaryQuery = z.infer<typeof ZSchoolSummaryQuery>;
export const ZSchoolSummaryExportQuery = ZPeriodResultsExportQuery;
export type SchoolSummaryExportQuery = z.infer<typeof ZSchoolSummaryExportQuery>;

export const ZSchoolSummary = z.object({
  academicYearId: ZId,
  /** Null for the year's ведомость. */
  periodId: ZId.nullable(),
  /** The period's name, or the year's. */
  name: z.string(),
  /** `school`: every class; `classes`: only the caller's own classes (a class teacher). */
  reach: z.enum(['school', 'classes']),
  /** Each class's ведомость, by grade and letter. */
  classes: z.array(ZClassSummary),
});
export type SchoolSummary = z.infer<typeof ZSchoolSummary>;

/** The year-end summary to sign and stamp (seed 000): the year's ведомость of one class or of every class the caller may see. */
export const ZYearEndSummaryQuery = z.object({
  academicYearId: ZId,
  classId: ZId.optional(),
});
export type YearEndSummaryQuery = z.infer<typeof ZYearEndSummaryQuery>;
/**
 * Journal pages for certification (seed 001 §6.3): one group's journal of one subject from–to (both
 * included, at most a year), printed as the paper journal laid it out.
 */
export const ZJournalPagesQuery = withinAYear(z.object({
  groupId: ZId,
  subjectId: ZId,
  from: ZDate,
  to: ZDate,
}));
export type JournalPagesQuery = z.infer<typeof ZJournalPagesQuery>;

/** The forecast as a file: one class, one period, `format` xlsx or pdf. */
export const ZForecastExportQuery = z.object({ classId: ZId, periodId: ZId, format: ZReportFormat });
export type ForecastExportQuery = z.infer<typeof ZForecastExportQuery>;
/** The views of итоги успеваемости: per class (with grades and the school), per subject, per teacher. */
export type ResultsView = NonNullable<PeriodResultsExportQuery['view']>;

/** Итоги by subject or by teacher: the period results' filter and the view. */
export const ZResultsBreakdownQuery = periodOrYear(ZPeriodResultsFilter.extend({ view: z.enum(['subject', 'teacher'], { error: 'Разрез: subject или teacher' }) }));
export type ResultsBreakdownQuery = z.infer<typeof ZResultsBreakdownQuery>;

/**
 * Итоги by subject or by teacher (shared/domain/resultsBreakdown.ts): a row per subject (over the
 * students of the classes shown) or per teacher (over the groups × subjects of his assignments),
 * each counting a student's period mark in one subject; the total over every such mark once.
 */
export const ZResultsBreakdown = z.object({
  academicYearId: ZId,
  periodId: ZId.nullable(),
  name: z.string(),
  view: z.enum(['subject', 'teacher']),
  reach: z.enum(['school', 'classes']),
  rows: z.array(z.object({
    /** The subject's or the teacher's (staff) id. */
    id: ZId,
    name: z.string(),
    /** Subject: the classes with its marks («5А»); teacher: his subjects with marks, each with its groups («Физика: 7А, 7Б»). */
    detail: z.array(z.string()),
    /** Student × subject marks counted (ОСВ included). */
    students: z.number().int(),
    figures: ZResultsFigures,
  })),
  total: ZPeriodResultsRow,
});
export type ResultsBreakdown = z.infer<typeof ZResultsBreakdown>;
