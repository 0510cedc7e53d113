import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZClassSummaryExportQuery, ZSchoolSummary, ZSchoolSummaryExportQuery, ZSchoolSummaryQuery, ZYearEndSummaryQuery } from '../../../shared/contract/reports.ts';
import { z } from '../../../shared/contract/zod.ts';
import { plainJson } from '../../plugins/plainJson.ts';
import { reportClasses } from '../../policy/reports.ts';
import { classSummaryFile, schoolSummaryFile, schoolSummaryReport, yearEndSummaryFile } from './summaryFiles.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };
const FILE = z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet или application/pdf');

const send = (reply: FastifyReply, file: { contentType: string; disposition: string; stream: Readable }) => reply
  .header('content-type', file.contentType)
  .header('content-disposition', file.disposition)
  .header('cache-control', 'no-store')
  .send(file.stream);

/** Сводная ведомость as files, for the whole school by class, and the year-end summary to sign (issue 13, report 1; seed 000). */
export const summaryRoutes: FastifyPluginAsyncZod = async (app) => {
  // One class's ведомость (a period's or the year's) as XLSX or PDF: the screen's access and filter.
  app.get('/schools/:schoolId/reports/class-summary/export', {
    schema: {
      tags: ['reports'], summary: 'Сводная ведомость класса файлом: XLSX или PDF',
      params: ZSchoolParams, querystring: ZClassSummaryExportQuery, response: { 200: FILE, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    await reportClasses(req, schoolId, req.query.classId);
    return send(reply, await classSummaryFile(app.database.readDb, req.actor!, schoolId, req.query, { now: app.now(), compress: !app.uncompressedPdf }));
  });

  // Seed 001 §7, 002 §7: the ведомость of every class of the school (a class teacher: of his classes), in one read.
  app.get('/schools/:schoolId/reports/school-summary', {
    schema: {
      tags: ['reports'], summary: 'Сводная ведомость школы по классам за период или за год',
      params: ZSchoolParams, querystring: ZSchoolSummaryQuery, response: { 200: ZSchoolSummary, ...errors },
    },
    // A school's cells are thousands of objects: passing them through the schema doubled the
    // request's CPU and garbage (bench/README.md); every field is built in summaries.ts.
    serializerCompiler: plainJson,
  }, async (req) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    return schoolSummaryReport(app.database.readDb, app.now(), schoolId, req.query, classIds);
  });

  // The same as a file: XLSX with a sheet per class, PDF with each class from a new page.
  app.get('/schools/:schoolId/reports/school-summary/export', {
    schema: {
      tags: ['reports'], summary: 'Сводная ведомость школы по классам файлом: XLSX (лист на класс) или PDF',
      params: ZSchoolParams, querystring: ZSchoolSummaryExportQuery, response: { 200: FILE, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    return send(reply, await schoolSummaryFile(app.database.readDb, req.actor!, schoolId, req.query, classIds, { now: app.now(), compress: !app.uncompressedPdf }));
  });

  // Seed 000: the year's ведомость of a class or of every class, with the lines to sign and stamp by 30 June.
  app.get('/schools/:schoolId/reports/year-end-summary.pdf', {
    schema: {
      tags: ['reports'], summary: 'Итоговая сводная ведомость за год для подписи и печати: PDF, класс или все классы',
      params: ZSchoolParams, querystring: ZYearEndSummaryQuery, response: { 200: z.any().describe('application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    const classIds = await reportClasses(req, schoolId, req.query.classId);
    return send(reply, await yearEndSummaryFile(app.database.readDb, req.actor!, schoolId, req.query, classIds, { now: app.now(), compress: !app.uncompressedPdf }));
  });
};
