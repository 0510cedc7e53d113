import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZForecastExportQuery } from '../../../shared/contract/reports.ts';
import { ZAttendanceExportQuery, ZSchoolAttendance, ZSchoolAttendanceQuery } from '../../../shared/contract/attendanceReports.ts';
import { z } from '../../../shared/contract/zod.ts';
import { reportClasses } from '../../policy/reports.ts';
import { attendanceReport } from './attendance.ts';
import { attendancePdf, attendanceXlsx, classSheet, schoolSheet } from './attendanceExport.ts';
import { attachment } from './download.ts';
import { exportMeta, REPORT_CONTENT_TYPES } from './exportMeta.ts';
import { forecastReport } from './forecast.ts';
import { forecastPdf, forecastXlsx } from './forecastExport.ts';
import { schoolAttendanceReport } from './schoolAttendance.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };
const file = z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet или application/pdf');

const send = (reply: FastifyReply, f: { contentType: string; disposition: string; stream: Readable }) => reply
  .header('content-type', f.contentType)
  .header('content-disposition', f.disposition)
  .header('cache-control', 'no-store')
  .send(f.stream);

/** Attendance of the school by class, and the attendance and forecast reports as files (issue 13, reports 3 and 7). */
export const attendanceReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Seed 001 §7, 002 §7: attendance of every class the caller may see, a line per class, the total and the weeks.
  app.get('/schools/:schoolId/reports/attendance/school', {
    schema: {
      tags: ['reports'], summary: 'Посещаемость школы по классам за период: пропуски по причинам, опоздания, пропущенные дни, по неделям',
      params: ZSchoolParams, querystring: ZSchoolAttendanceQuery, response: { 200: ZSchoolAttendance, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId);
    return schoolAttendanceReport(app.database.readDb, schoolId, req.query, classIds);
  });

  // The attendance as a file: a class with its students (`classId`), or the school by class; the screens' access and filters.
  app.get('/schools/:schoolId/reports/attendance/export', {
    schema: {
      tags: ['reports'], summary: 'Посещаемость файлом (XLSX или PDF): класс по ученикам или школа по классам',
      params: ZSchoolParams, querystring: ZAttendanceExportQuery, response: { 200: file, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const { classId, from, to, format } = req.query;
    const db = app.database.readDb;
    const classIds = await reportClasses(req, schoolId, classId);
    const sheet = classId !== undefined
      ? classSheet(await attendanceReport(db, app.now(), schoolId, { classId, from, to }))
      : schoolSheet(await schoolAttendanceReport(db, schoolId, { from, to }, classIds));
    const meta = await exportMeta(db, req.actor!, schoolId, app.now());
    return send(reply, {
      contentType: REPORT_CONTENT_TYPES[format],
      disposition: attachment(`${sheet.fileTitle} — ${from} – ${to}.${format}`, `attendance-${from}-${to}.${format}`),
      stream: format === 'xlsx' ? attendanceXlsx(sheet, meta) : attendancePdf(sheet, meta, { compress: !app.uncompressedPdf }),
    });
  });

  // Seed 001 §2.7, 002 §2.7: the forecast of one class in one period as a file.
  app.get('/schools/:schoolId/reports/forecast/export', {
    schema: {
      tags: ['reports'], summary: 'Прогноз отметок за период файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZForecastExportQuery, response: { 200: file, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const { format, ...query } = req.query;
    const db = app.database.readDb;
    await reportClasses(req, schoolId, query.classId);
    const report = await forecastReport(db, app.now(), schoolId, query);
    const meta = await exportMeta(db, req.actor!, schoolId, app.now());
    return send(reply, {
      contentType: REPORT_CONTENT_TYPES[format],
      disposition: attachment(`Прогноз — ${report.class.name} — ${report.period.name}.${format}`, `forecast-${meta.day}.${format}`),
      stream: format === 'xlsx' ? forecastXlsx(report, meta) : forecastPdf(report, meta, { compress: !app.uncompressedPdf }),
    });
  });
};
