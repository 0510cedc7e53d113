import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZControlFigures, ZControlFiguresExportQuery, ZControlFiguresQuery, ZMunicipalSummary, ZMunicipalSummaryExportQuery, ZMunicipalSummaryQuery,
  ZTimesheetExportQuery,
} from '../../../shared/contract/oversight.ts';
import { z } from '../../../shared/contract/zod.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { assertCan } from '../../policy/policy.ts';
import { getSchool } from '../organisation/service.ts';
import { timesheet } from '../timetable/teacherViews.ts';
import { controlFiguresReport } from './controlFigures.ts';
import { attachment } from './download.ts';
import { municipalSummary } from './municipalSummary.ts';
import { controlFiguresExport, municipalSummaryExport, timesheetReport } from './oversightExport.ts';
import { displayNameOf } from './queries.ts';
import { CONTENT_TYPES, signedFooter, tableReportStream } from './tableExport.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };
const ZMunicipalityParams = z.object({ municipalityId: z.uuid({ error: 'Неверный идентификатор' }) });
const FILE = z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet или application/pdf');

/** Reports of oversight: the табель as a file, the control figures, the municipal summary (issue 13: 5, 6, 8). */
export const oversightRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.readDb;

  // The табель as a file: the same access as GET /timesheet (the administration anyone's, a teacher his own).
  app.get('/schools/:schoolId/reports/timesheet/export', {
    schema: {
      tags: ['reports'], summary: 'Табель учёта проведённых уроков файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZTimesheetExportQuery, response: { 200: FILE, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const { format, ...filter } = req.query;
    const now = app.now();
    const sheet = await timesheet(db(), req.actor, schoolId, filter, now);
    const school = await getSchool(db(), schoolId);
    const footer = signedFooter(now, school.timeZone, await displayNameOf(db(), req.actor!.userId));
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', attachment(`Табель — ${sheet.from} — ${sheet.to}.${format}`, `timesheet-${sheet.from}.${format}`))
      .header('cache-control', 'no-store')
      .send(tableReportStream(timesheetReport(sheet, school.name, footer), format, { compress: !app.uncompressedPdf }));
  });

  // Seed 002 §4.5.5, 004 §5.1: the control figures of keeping the journal, for the administration.
  app.get('/schools/:schoolId/reports/control-figures', {
    schema: {
      tags: ['reports'], summary: 'Показатели ведения журнала: темы, отметки, посещаемость, д/з, обучающиеся без отметок, дневник, учётные записи',
      params: ZSchoolParams, querystring: ZControlFiguresQuery, response: { 200: ZControlFigures, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'control.read', req.params);
    return controlFiguresReport(db(), req.params.schoolId, req.query, app.now());
  });

  app.get('/schools/:schoolId/reports/control-figures/export', {
    schema: {
      tags: ['reports'], summary: 'Показатели ведения журнала файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZControlFiguresExportQuery, response: { 200: FILE, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'control.read', req.params);
    const { format, ...filter } = req.query;
    const now = app.now();
    const figures = await controlFiguresReport(db(), schoolId, filter, now);
    const school = await getSchool(db(), schoolId);
    const footer = signedFooter(now, school.timeZone, await displayNameOf(db(), req.actor!.userId));
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', attachment(`Контроль ведения журнала — ${figures.from} — ${figures.to}.${format}`, `control-figures-${figures.from}.${format}`))
      .header('cache-control', 'no-store')
      .send(tableReportStream(controlFiguresExport(figures, school.name, footer), format, { compress: !app.uncompressedPdf }));
  });

  // The municipal operator's summary (and the platform operators'): counts and percentages only, per school and in total.
  app.get('/municipalities/:municipalityId/reports/summary', {
    schema: {
      tags: ['reports'], summary: 'Сводный отчёт муниципалитета: итоги, посещаемость, ведение журнала по школам — без персональных данных',
      params: ZMunicipalityParams, querystring: ZMunicipalSummaryQuery, response: { 200: ZMunicipalSummary, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'municipality.read', { municipalityId: req.params.municipalityId });
    return municipalSummary(db(), req.params.municipalityId, req.query, app.now());
  });

  app.get('/municipalities/:municipalityId/reports/summary/export', {
    schema: {
      tags: ['reports'], summary: 'Сводный отчёт муниципалитета файлом: XLSX или PDF',
      params: ZMunicipalityParams, querystring: ZMunicipalSummaryExportQuery, response: { 200: FILE, ...errors },
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'municipality.read', { municipalityId: req.params.municipalityId });
    const { format, ...filter } = req.query;
    const now = app.now();
    const summary = await municipalSummary(db(), req.params.municipalityId, filter, now);
    const footer = signedFooter(now, 'Europe/Moscow', await displayNameOf(db(), req.actor!.userId));
    const day = localDate(now, 'Europe/Moscow');
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', attachment(`Сводный отчёт — ${summary.municipality.name} — ${day}.${format}`, `municipal-summary-${day}.${format}`))
      .header('cache-control', 'no-store')
      .send(tableReportStream(municipalSummaryExport(summary, footer), format, { compress: !app.uncompressedPdf }));
  });
};
