import type { ClassSummaryExportQuery, ReportFormat, SchoolSummary, SchoolSummaryExportQuery, SchoolSummaryQuery, YearEndSummaryQuery } from '../../../shared/contract/reports.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policy/policy.ts';
import { asClassSummary, classSummaryOf } from './classSummary.ts';
import { attachment } from './download.ts';
import type { ExportMeta } from './periodResultsExport.ts';
import { displayNameOf } from './queries.ts';
import { directorOf, type Summaries, summaries } from './summaries.ts';
import { summaryPdf, summaryXlsx } from './summaryExport.ts';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

type FileOptions = { now: Date; compress: boolean };

/** Сводная ведомость of the school by class (or a class teacher's classes): every class in the same few statements. */
export async function schoolSummaryReport(db: Db, now: Date, schoolId: string, query: SchoolSummaryQuery, classIds: readonly string[] | undefined): Promise<SchoolSummary> {
  const data = await summaries(db, now, schoolId, query, classIds);
  return {
    academicYearId: data.academicYearId, periodId: data.periodId, name: data.name,
    reach: classIds === undefined && query.classId === undefined ? 'school' : 'classes',
    classes: data.classes.map(asClassSummary),
  };
}

async function metaOf(db: Db, actor: Actor, data: Summaries, now: Date): Promise<ExportMeta> {
  return {
    schoolName: data.schoolName,
    generatedAt: new Intl.DateTimeFormat('ru-RU', {
      timeZone: data.schoolTimeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    }).format(now),
    generatedBy: (await displayNameOf(db, actor.userId)) ?? null,
  };
}

function fileOf(data: Summaries, meta: ExportMeta, format: ReportFormat, names: { ru: string; ascii: string }, options: FileOptions) {
  const day = localDate(options.now, data.schoolTimeZone);
  return {
    contentType: CONTENT_TYPES[format],
    disposition: attachment(`${names.ru} — ${day}.${format}`, `${names.ascii}-${day}.${format}`),
    stream: format === 'xlsx' ? summaryXlsx(data, meta) : summaryPdf(data, meta, { compress: options.compress }),
  };
}

/** One class's ведомость (a period's or the year's) as XLSX or PDF; everything that can refuse is read before the first byte. */
export async function classSummaryFile(db: Db, actor: Actor, schoolId: string, query: ClassSummaryExportQuery, options: FileOptions) {
  const { format, ...filter } = query;
  const { summary, ...data } = await classSummaryOf(db, options.now, schoolId, filter);
  const all: Summaries = { ...data, classes: [summary] };
  const meta = await metaOf(db, actor, all, options.now);
  return fileOf(all, meta, format, { ru: `Сводная ведомость — ${summary.class.name} — ${summary.period?.name ?? data.name}`, ascii: 'class-summary' }, options);
}

/** The school's ведомость by class as XLSX (a sheet per class) or PDF (a class per page group). */
export async function schoolSummaryFile(
  db: Db, actor: Actor, schoolId: string, query: SchoolSummaryExportQuery, classIds: readonly string[] | undefined, options: FileOptions,
) {
  const { format, ...filter } = query;
  const data = await summaries(db, options.now, schoolId, filter, classIds);
  const meta = await metaOf(db, actor, data, options.now);
  return fileOf(data, meta, format, { ru: `Сводная ведомость по классам — ${data.name}`, ascii: 'school-summary' }, options);
}

/**
 * The year-end summary (seed 000) as one PDF: the year's ведомость of one class or every class the
 * caller may see, each with the lines for the director's and the class teacher's signatures, the
 * stamp and the date.
 */
export async function yearEndSummaryFile(
  db: Db, actor: Actor, schoolId: string, query: YearEndSummaryQuery, classIds: readonly string[] | undefined, options: FileOptions,
) {
  const [data, director] = await Promise.all([summaries(db, options.now, schoolId, query, classIds), directorOf(db, schoolId)]);
  const meta = await metaOf(db, actor, data, options.now);
  const day = localDate(options.now, data.schoolTimeZone);
  const date = `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
  const one = query.classId !== undefined ? data.classes[0]?.class.name : undefined;
  return {
    contentType: CONTENT_TYPES.pdf,
    disposition: attachment(`Итоговая ведомость — ${one ?? 'все классы'} — ${data.name}.pdf`, `year-end-summary-${day}.pdf`),
    stream: summaryPdf(data, meta, { compress: options.compress, yearEnd: { director, date } }),
  };
}
