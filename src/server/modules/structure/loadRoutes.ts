import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZAssignment, ZAssignmentCreate, ZAssignmentQuery, ZAssignmentUpdate, ZCurriculumCheck, ZCurriculumCheckQuery,
  ZCurriculumCreate, ZCurriculumHours, ZCurriculumQuery, ZCurriculumUpdate,
} from '../../../shared/contract/structure.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import * as load from './loadService.ts';
import { presentAssignment, presentCurriculum } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const loadRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/assignments', {
    schema: { tags: ['structure'], summary: 'Педагогическая нагрузка', params: ZSchoolParams, querystring: ZAssignmentQuery, response: { 200: ZPage(ZAssignment), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await load.listAssignments(db(), schoolId, filter, cursor, limit), limit, (r) => [r.id]);
    return { items: page.items.map(presentAssignment), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/assignments', {
    schema: { tags: ['structure'], summary: 'Назначить нагрузку', params: ZSchoolParams, body: ZAssignmentCreate, response: { 201: ZAssignment, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentAssignment(await load.createAssignment(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/assignments/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZAssignment, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return presentAssignment(await load.getAssignment(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/assignments/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZAssignmentUpdate, response: { 200: ZAssignment, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return presentAssignment(await load.updateAssignment(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/assignments/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await load.deleteAssignment(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/curriculum', {
    schema: { tags: ['structure'], summary: 'Учебный план', params: ZSchoolParams, querystring: ZCurriculumQuery, response: { 200: ZPage(ZCurriculumHours), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await load.listCurriculum(db(), schoolId, filter, cursor, limit), limit, (r) => [r.grade, r.id]);
    return { items: page.items.map(presentCurriculum), nextCursor: page.nextCursor };
  });

  app.get('/schools/:schoolId/curriculum/check', {
    schema: {
      tags: ['structure'], summary: 'Сверка нагрузки с учебным планом', params: ZSchoolParams, querystring: ZCurriculumCheckQuery,
      response: { 200: ZCurriculumCheck, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return { items: await load.checkCurriculum(db(), req.params.schoolId, req.query.academicYearId) };
  });

  app.post('/schools/:schoolId/curriculum', {
    schema: { tags: ['structure'], summary: 'Добавить строку учебного плана', params: ZSchoolParams, body: ZCurriculumCreate, response: { 201: ZCurriculumHours, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentCurriculum(await load.createCurriculum(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/curriculum/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZCurriculumHours, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return presentCurriculum(await load.getCurriculum(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/curriculum/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZCurriculumUpdate, response: { 200: ZCurriculumHours, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return presentCurriculum(await load.updateCurriculum(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/curriculum/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await load.deleteCurriculum(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
