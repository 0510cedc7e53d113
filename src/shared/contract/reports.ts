import { ZId } from './common.ts';
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

/** The period results as a file: the same filter and `format`. */
export const ZPeriodResultsExportQuery = periodOrYear(ZPeriodResultsFilter.extend({ format: ZReportFormat }));
export type PeriodResultsExportQuery = z.infer<typeof ZPeriodResultsExportQuery>;
