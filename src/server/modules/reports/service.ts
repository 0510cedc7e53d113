import type { PeriodResults, PeriodResultsExportQuery, PeriodResultsQuery, ReportFormat } from '../../../shared/contract/reports.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import { periodResults } from '../../../shared/domain/results.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { getSchool } from '../organisation/service.ts';
import { attachment } from './download.ts';
import { type ExportMeta, periodResultsPdf, periodResultsXlsx } from './periodResultsExport.ts';
import { displayNameOf, periodOf, periodResultsRows, yearOf } from './queries.ts';
import { resultsBreakdownReport } from './breakdown.ts';
import { resultsBreakdownPdf, resultsBreakdownXlsx } from './resultsBreakdownExport.ts';

/**
 * Итоги успеваемости of a period (or the year) per class, per grade and for the school: two statements (the
 * period or year, then every class's students and marks); the figures are shared/domain/results.ts.
 * `classIds`: only these classes (a class teacher's own), their total in place of the school's.
 */
export async function periodResultsReport(
  db: Db, schoolId: string, query: PeriodResultsQuery, classIds?: readonly string[],
): Promise<PeriodResults> {
  const ref = query.periodId !== undefined ? await periodOf(db, schoolId, query.periodId) : await yearOf(db, schoolId, query.academicYearId!);
  if (!ref) {
    throw query.periodId !== undefined
      ? badRequest('period.not_found', 'Период не найден', { periodId: 'Период не найден' })
      : badRequest('academic_year.not_found', 'Учебный год не найден', { academicYearId: 'Учебный год не найден' });
  }
  const only = query.classId !== undefined ? [query.classId].filter((id) => classIds === undefined || classIds.includes(id)) : classIds;
  const rows = await periodResultsRows(db, {
    schoolId, academicYearId: ref.academic_year_id, periodId: query.periodId ?? null,
    from: ref.starts_on, to: ref.ends_on, gradeFrom: ref.grade_from, gradeTo: ref.grade_to,
  }, only);
  if (query.classId !== undefined && rows.length === 0) {
    throw badRequest('class.not_found', 'Класс не найден в этом периоде', { classId: 'Класс не найден в этом периоде' });
  }
  const byClass = new Map<string, { grade: number; letter: string; students: PeriodMarkValue[][] }>();
  for (const row of rows) {
    const entry = byClass.get(row.class_id) ?? { grade: row.grade, letter: row.letter, students: [] };
    if (row.student_id !== null) entry.students.push(row.vals as PeriodMarkValue[]);
    byClass.set(row.class_id, entry);
  }
  const all = [...byClass.values()].flatMap((c) => c.students);
  const byGrade = new Map<number, { classes: number; students: PeriodMarkValue[][] }>();
  for (const c of byClass.values()) {
    const entry = byGrade.get(c.grade) ?? { classes: 0, students: [] };
    entry.classes += 1;
    entry.students.push(...c.students);
    byGrade.set(c.grade, entry);
  }
  return {
    academicYearId: ref.academic_year_id,
    periodId: query.periodId ?? null,
    name: ref.name,
    reach: classIds === undefined && query.classId === undefined ? 'school' : 'classes',
    classes: [...byClass].map(([classId, c]) => ({
      classId, name: `${c.grade}${c.letter}`, grade: c.grade, students: c.students.length, figures: periodResults(c.students),
    })),
    grades: [...byGrade].map(([grade, g]) => ({ grade, classes: g.classes, students: g.students.length, figures: periodResults(g.students) })),
    total: { students: all.length, figures: periodResults(all) },
  };
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * The period results as an XLSX or PDF stream, signed with the school, the time (in the school's
 * zone) and the caller's name. Everything that can refuse (period, class) is read before the
 * first byte, so a refusal is still a clean 4xx.
 */
export async function periodResultsFile(
  db: Db, actor: Actor, schoolId: string, query: PeriodResultsExportQuery, classIds: readonly string[] | undefined,
  options: { now: Date; compress: boolean },
) {
  const { format, view = 'class', ...filter } = query;
  const results = view === 'class' ? await periodResultsReport(db, schoolId, filter, classIds) : await resultsBreakdownReport(db, schoolId, { ...filter, view }, classIds);
  const { meta, day } = await exportMeta(db, actor, schoolId, options.now);
  const by = { class: '', subject: ' по предметам', teacher: ' по учителям' }[view];
  const stream = 'view' in results
    ? (format === 'xlsx' ? resultsBreakdownXlsx(results, meta) : resultsBreakdownPdf(results, meta, { compress: options.compress }))
    : (format === 'xlsx' ? periodResultsXlsx(results, meta) : periodResultsPdf(results, meta, { compress: options.compress }));
  return {
    contentType: CONTENT_TYPES[format],
    disposition: attachment(`Итоги успеваемости${by} — ${results.name} — ${day}.${format}`, `period-results${view === 'class' ? '' : `-${view}`}-${day}.${format}`),
    stream,
  };
}

/** Who, where and when a file is signed with (the school's zone), and the school's day for its name. */
export async function exportMeta(db: Db, actor: Actor, schoolId: string, now: Date): Promise<{ meta: ExportMeta; day: string }> {
  const school = await getSchool(db, schoolId);
  return {
    meta: {
      schoolName: school.name,
      generatedAt: new Intl.DateTimeFormat('ru-RU', {
        timeZone: school.timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
      }).format(now),
      generatedBy: (await displayNameOf(db, actor.userId)) ?? null,
    },
    day: localDate(now, school.timeZone),
  };
}
