import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZBellSchedule, ZBellScheduleCreate, ZBellScheduleQuery, ZBellScheduleUpdate } from '../../../shared/contract/calendar.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import * as bells from './bellsService.ts';
import { presentBellSchedule } from './presenters.ts';
import { calendarErrors as errors } from './routeErrors.ts';

export const bellRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const tags = ['calendar'];

  app.get('/schools/:schoolId/bell-schedules', {
    schema: { tags, summary: 'Расписания звонков', params: ZSchoolParams, querystring: ZBellScheduleQuery, response: { 200: ZPage(ZBellSchedule), ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    const { cursor, limit, ...filter } = req.query;
    const rows = await bells.listBellSchedules(db(), req.params.schoolId, filter, cursor, limit);
    const page = toPage(rows, limit, (s) => [s.id]);
    return { items: page.items.map(presentBellSchedule), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/bell-schedules', {
    schema: { tags, summary: 'Создать расписание звонков', params: ZSchoolParams, body: ZBellScheduleCreate, response: { 201: ZBellSchedule, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return reply.code(201).send(presentBellSchedule(await bells.createBellSchedule(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/bell-schedules/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZBellSchedule, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    return presentBellSchedule(await bells.getBellSchedule(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/bell-schedules/:id', {
    schema: { tags, summary: 'Изменить расписание звонков (bells заменяет все звонки)', params: ZSchoolItemParams, body: ZBellScheduleUpdate, response: { 200: ZBellSchedule, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return presentBellSchedule(await bells.updateBellSchedule(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/bell-schedules/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    await bells.deleteBellSchedule(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
