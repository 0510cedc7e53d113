import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZClassSummary, ZClassSummaryQuery, ZForecast, ZForecastQuery, ZJournalPagesQuery, ZPeriodResults, ZPeriodResultsExportQuery, ZPeriodResultsQuery, ZResultsBreakdown, ZResultsBreakdownQuery, ZWeeklySheetsQuery } from '../../../shared/contract/reports.ts';
import { ZAttendanceReport, ZAttendanceReportQuery } from '../../../shared/contract/attendanceReports.ts';
import { ZTeacherReport, ZTeacherReportExportQuery, ZTeacherReportQuery } from '../../../shared/contract/teacherReport.ts';
import { z } from '../../../shared/contract/zod.ts';
import { assertCanReadJournal } from '../../policy/journal.ts';
import { groupNotFound } from '../../policy/notFound.ts';
import { assertCan } from '../../policy/policy.ts';
import { reportClasses, teacherReportStaffId, weeklySheetAccess } from '../../policy/reports.ts';
import { staffIdsOf } from '../../roster/actor.ts';
import { resultsBreakdownReport } from './breakdown.ts';
import { teacherReportFile } from './teacherReportFile.ts';
import { teacherReport } from './teacherReport.ts';
import { attendanceReport } from './attendance.ts';
import { attendanceReportsRoutes } from './attendanceRoutes.ts';
import { classSummaryReport } from './classSummary.ts';
import { forecastReport } from './forecast.ts';
import { journalPagesFile } from './journalPages.ts';
import { oversightRoutes } from './oversightRoutes.ts';
import { periodResultsFile, periodResultsReport } from './service.ts';
import { weeklySheetsFile } from './weeklySheets.ts';
import { summaryRoutes } from './summaryRoutes.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/** Reports: a declared read model over the journal (ARCHITECTURE.md), read from the replica when one is configured. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(attendanceReportsRoutes);
  // The табель as a file, the control figures, the municipal summary.
  await app.register(oversightRoutes);

  // Seed 001 §4.4.3, §7.1; 002 §7.1: итоги успеваемости for a period or the year, per class and for the school.
  app.get('/schools/:schoolId/reports/period-results', {
    schema: {
      tags: ['reports'], summary: 'Итоги успеваемости за период или год: по классам и по школе',
      params: ZSchoolParams, querystring: ZPeriodResultsQuery, response: { 200: ZPeriodResults, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    return periodResultsReport(app.database.readDb, schoolId, req.query, classIds);
  });

  // The same report as a file (XLSX or PDF), streamed: the same access, the same filter.
  app.get('/schools/:schoolId/reports/period-results/export', {
    schema: {
      tags: ['reports'], summary: 'Итоги успеваемости файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZPeriodResultsExportQuery,
      response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet или application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    const file = await periodResultsFile(app.database.readDb, req.actor!, schoolId, req.query, classIds, { now: app.now(), compress: !app.uncompressedPdf });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'no-store')
      .send(file.stream);
  });

  // Seed 001 §7, 002 §4.3, 003: сводная ведомость of one class, for a period or the year.
  app.get('/schools/:schoolId/reports/class-summary', {
    schema: {
      tags: ['reports'], summary: 'Сводная ведомость класса за период (средние и отметки за период) или за год',
      params: ZSchoolParams, querystring: ZClassSummaryQuery, response: { 200: ZClassSummary, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    await reportClasses(req, schoolId, req.query.classId);
    return classSummaryReport(app.database.readDb, app.now(), schoolId, req.query);
  });

  // Seed 001 §7, 002 §7: attendance of one class's students for any range up to a year.
  app.get('/schools/:schoolId/reports/attendance', {
    schema: {
      tags: ['reports'], summary: 'Посещаемость класса за период: пропуски по причинам, опоздания, пропущенные дни',
      params: ZSchoolParams, querystring: ZAttendanceReportQuery, response: { 200: ZAttendanceReport, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    await reportClasses(req, schoolId, req.query.classId);
    return attendanceReport(app.database.readDb, app.now(), schoolId, req.query);
  });

  // Seed 001 §2.7, 002 §2.7: прогноз of one class in one period — the suggested marks so far, what it takes, who is at risk.
  app.get('/schools/:schoolId/reports/forecast', {
    schema: {
      tags: ['reports'], summary: 'Прогноз отметок за период: предлагаемые отметки, что нужно для следующей, ученики в зоне риска',
      params: ZSchoolParams, querystring: ZForecastQuery, response: { 200: ZForecast, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    await reportClasses(req, schoolId, req.query.classId);
    return forecastReport(app.database.readDb, app.now(), schoolId, req.query);
  });

  // Seed 001 §4.3.6: the parents' weekly sheet, half an A4 page per student, the class or chosen students in one PDF.
  // A student or guardian may print only his own or his child's sheet (studentIds), not the class's.
  app.get('/schools/:schoolId/reports/weekly-sheets.pdf', {
    schema: {
      tags: ['reports'], summary: 'Недельный лист для родителей без интернета: PDF, по половине листа A4 на ученика',
      params: ZSchoolParams, querystring: ZWeeklySheetsQuery,
      response: { 200: z.any().describe('application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    await weeklySheetAccess(req, app.database.readDb, schoolId, req.query.classId, req.query.studentIds);
    const file = await weeklySheetsFile(app.database.readDb, schoolId, req.query, { compress: !app.uncompressedPdf });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'no-store')
      .send(file.stream);
  });

  await app.register(summaryRoutes);
  // Seed 001 §6.3: journal pages for certification — a group's journal of one subject over any dates
  // (at most a year), as the paper journal laid it out. Whoever may read that journal on screen may
  // print it (policy/journal.ts: the whole-school roles, the group's teachers, its class's class teacher).
  app.get('/schools/:schoolId/reports/journal-pages.pdf', {
    schema: {
      tags: ['reports'], summary: 'Страницы журнала для заверения: PDF, левая страница — отметки и пропуски, правая — темы и задания',
      params: ZSchoolParams, querystring: ZJournalPagesQuery,
      response: { 200: z.any().describe('application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    // Students, guardians and strangers are refused before anything is read; the rest by the group (below).
    assertCan(req.actor, 'journal.read', { schoolId });
    const actor = req.actor!;
    const file = await journalPagesFile(app.database.readDb, app.now(), schoolId, req.query,
      { userId: actor.userId, staffIds: staffIdsOf(actor, schoolId) },
      (teaching) => assertCanReadJournal(req, { schoolId, groupId: req.query.groupId }, groupNotFound, teaching),
      { compress: !app.uncompressedPdf });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'no-store')
      .send(file.stream);
  });

  // Issue 13 report 2: итоги успеваемости per subject or per teacher (the file: period-results/export with `view`).
  app.get('/schools/:schoolId/reports/period-results/breakdown', {
    schema: {
      tags: ['reports'], summary: 'Итоги успеваемости за период или год по предметам или по учителям',
      params: ZSchoolParams, querystring: ZResultsBreakdownQuery, response: { 200: ZResultsBreakdown, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    return resultsBreakdownReport(app.database.readDb, schoolId, req.query, classIds);
  });

  // Issue 13 report 4: отчёт учителя for a period — his own (no staffId), or any teacher's for the administration.
  app.get('/schools/:schoolId/reports/teacher', {
    schema: {
      tags: ['reports'], summary: 'Отчёт учителя за период: уроки по плану и проведённые, отметки, итоги, уроки без темы и ДЗ',
      params: ZSchoolParams, querystring: ZTeacherReportQuery, response: { 200: ZTeacherReport, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const staffId = teacherReportStaffId(req, schoolId, req.query.staffId);
    return teacherReport(app.database.readDb, app.now(), schoolId, { ...req.query, staffId });
  });

  app.get('/schools/:schoolId/reports/teacher/export', {
    schema: {
      tags: ['reports'], summary: 'Отчёт учителя файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZTeacherReportExportQuery,
      response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet или application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const staffId = teacherReportStaffId(req, schoolId, req.query.staffId);
    const file = await teacherReportFile(app.database.readDb, req.actor!, schoolId, { ...req.query, staffId }, { now: app.now(), compress: !app.uncompressedPdf });
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'no-store')
      .send(file.stream);
  });
};
