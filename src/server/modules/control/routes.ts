import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZControlFlags, ZControlFlagsQuery } from '../../../shared/contract/control.ts';
import { assertCan } from '../../policy/policy.ts';
import { complianceFlags } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/** The deputy's compliance board: read-only, from the replica when one is configured. */
export const controlRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/schools/:schoolId/control/flags', {
    schema: {
      tags: ['control'], summary: 'Контроль ведения журнала: нарушения сроков и пропуски',
      params: ZSchoolParams, querystring: ZControlFlagsQuery, response: { 200: ZControlFlags, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'control.read', req.params);
    return complianceFlags(app.database.readDb, req.params.schoolId, req.query, app.now());
  });
};
