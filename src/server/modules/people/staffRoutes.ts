import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZStaff, ZStaffCreate, ZStaffQuery, ZStaffUpdate } from '../../../shared/contract/people.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { presentStaff } from './presenters.ts';
import { byName } from './queries.ts';
import { getStaff } from './service.ts';
import * as staff from './staffService.ts';
import { errors } from './routeErrors.ts';

const tags = ['people'];

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/staff', {
    schema: { tags, summary: 'Сотрудники', params: ZSchoolParams, querystring: ZStaffQuery, response: { 200: ZPage(ZStaff), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'staff.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await staff.listStaff(db(), schoolId, filter, cursor, limit), limit, byName);
    return { items: page.items.map(presentStaff), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/staff', {
    schema: { tags, summary: 'Принять сотрудника', params: ZSchoolParams, body: ZStaffCreate, response: { 201: ZStaff, ...errors } },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'staff.write', { schoolId });
    return reply.code(201).send(presentStaff(await staff.createStaff(db(), schoolId, req.body)));
  });

  app.get('/schools/:schoolId/staff/:id', {
    schema: { tags, summary: 'Сотрудник', params: ZSchoolItemParams, response: { 200: ZStaff, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'staff.read', { schoolId });
    return presentStaff(await getStaff(db(), schoolId, id));
  });

  app.patch('/schools/:schoolId/staff/:id', {
    schema: {
      tags, summary: 'Изменить сотрудника (увольнение — dismissedOn)', params: ZSchoolItemParams, body: ZStaffUpdate,
      response: { 200: ZStaff, ...errors },
    },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'staff.write', { schoolId });
    return presentStaff(await staff.updateStaff(db(), schoolId, id, req.body));
  });

  app.delete('/schools/:schoolId/staff/:id', {
    schema: { tags, summary: 'Удалить ошибочную запись о сотруднике', params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'staff.write', { schoolId });
    await staff.deleteStaff(db(), schoolId, id);
    return { deleted: true as const };
  });
};
