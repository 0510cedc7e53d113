import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZWorkType, ZWorkTypeCreate, ZWorkTypeList, ZWorkTypeQuery, ZWorkTypeUpdate } from '../../../shared/contract/journal.ts';
import { assertCan } from '../../policy/policy.ts';
import { presentWorkType } from './presenters.ts';
import * as workTypes from './workTypeService.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** Виды работ: the admin keeps the list and weights; staff read it. */
export const workTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/work-types', {
    schema: { tags: ['journal'], summary: 'Виды работ', params: ZSchoolParams, querystring: ZWorkTypeQuery, response: { 200: ZWorkTypeList, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'workType.read', { schoolId: req.params.schoolId });
    return { items: (await workTypes.listWorkTypes(db(), req.params.schoolId, req.query.archived)).map(presentWorkType) };
  });

  app.post('/schools/:schoolId/work-types', {
    schema: { tags: ['journal'], summary: 'Создать вид работы', params: ZSchoolParams, body: ZWorkTypeCreate, response: { 201: ZWorkType, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'workType.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentWorkType(await workTypes.createWorkType(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/work-types/:id', {
    schema: { tags: ['journal'], params: ZSchoolItemParams, response: { 200: ZWorkType, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'workType.read', { schoolId: req.params.schoolId });
    return presentWorkType(await workTypes.getWorkType(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/work-types/:id', {
    schema: { tags: ['journal'], params: ZSchoolItemParams, body: ZWorkTypeUpdate, response: { 200: ZWorkType, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'workType.write', { schoolId: req.params.schoolId });
    return presentWorkType(await workTypes.updateWorkType(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/work-types/:id', {
    schema: { tags: ['journal'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'workType.write', { schoolId: req.params.schoolId });
    await workTypes.deleteWorkType(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
