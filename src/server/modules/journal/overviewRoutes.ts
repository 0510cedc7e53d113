import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZClassOverview, ZClassOverviewQuery } from '../../../shared/contract/classroom.ts';
import { ZError } from '../../../shared/contract/common.ts';
import { ZClassParams } from '../../../shared/contract/journal.ts';
import { assertKeepsClass } from '../../policy/scope.ts';
import { classOverview } from './overviewService.ts';
import { classNotFound } from '../../policy/notFound.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/** The class teacher's overview of his class (seed 002, 4.3): read by him and by the whole-school roles. */
export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/schools/:schoolId/classes/:classId/overview', {
    schema: {
      tags: ['journal'], summary: 'Сводка класса за период: отметки по всем предметам и пропуски',
      params: ZClassParams, querystring: ZClassOverviewQuery, response: { 200: ZClassOverview, ...errors },
    },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'journal.read', schoolId, classId, classNotFound);
    return classOverview(app.database.readDb, app.now(), schoolId, classId, req.query.periodId);
  });
};
