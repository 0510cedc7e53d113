import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZPeriodResults, ZPeriodResultsQuery } from '../../../shared/contract/reports.ts';
import { reportClasses } from '../../policy/reports.ts';
import { periodResultsReport } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/** Reports: a declared read model over the journal (ARCHITECTURE.md), read from the replica when one is configured. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
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
};
