import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError } from '../../../shared/contract/common.ts';
import { ZRolloverParams, ZRolloverRequest, ZRolloverSummary } from '../../../shared/contract/rollover.ts';
import { assertCan } from '../../policy/policy.ts';
import { rollOver } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const rolloverRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/schools/:schoolId/academic-years/:yearId/rollover/preview', {
    schema: {
      tags: ['calendar'],
      summary: 'Предпросмотр открытия нового учебного года (ничего не меняет)',
      params: ZRolloverParams, body: ZRolloverRequest, response: { 200: ZRolloverSummary, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'year.rollover', { schoolId: req.params.schoolId });
    return rollOver(app.database.db, req.params.schoolId, req.params.yearId, req.body, { preview: true });
  });

  app.post('/schools/:schoolId/academic-years/:yearId/rollover', {
    schema: {
      tags: ['calendar'],
      summary: 'Открыть новый учебный год: перенести периоды, звонки, классы, группы, нагрузку и перевести учеников',
      params: ZRolloverParams, body: ZRolloverRequest, response: { 201: ZRolloverSummary, ...errors },
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'year.rollover', { schoolId: req.params.schoolId });
    return reply.code(201).send(await rollOver(app.database.db, req.params.schoolId, req.params.yearId, req.body, { preview: false }));
  });
};
