import type { TeacherReportExportQuery } from '../../../shared/contract/teacherReport.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policy/policy.ts';
import { attachment } from './download.ts';
import { CONTENT_TYPES, exportMeta } from './service.ts';
import { teacherReport } from './teacherReport.ts';
import { teacherReportPdf, teacherReportXlsx } from './teacherReportExport.ts';

/** The teacher's report as an XLSX or PDF stream; everything that can refuse is read before the first byte. */
export async function teacherReportFile(
  db: Db, actor: Actor, schoolId: string, query: TeacherReportExportQuery & { staffId: string }, options: { now: Date; compress: boolean },
) {
  const { format, ...filter } = query;
  const report = await teacherReport(db, options.now, schoolId, filter);
  const { meta, day } = await exportMeta(db, actor, schoolId, options.now);
  return {
    contentType: CONTENT_TYPES[format],
    disposition: attachment(`Отчёт учителя — ${report.teacher.name} — ${report.period.name} — ${day}.${format}`, `teacher-report-${day}.${format}`),
    stream: format === 'xlsx' ? teacherReportXlsx(report, meta) : teacherReportPdf(report, meta, { compress: options.compress }),
  };
}
