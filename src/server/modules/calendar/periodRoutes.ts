import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZHoliday, ZHolidayCreate, ZHolidayQuery, ZHolidayUpdate, ZPeriod, ZPeriodCreate, ZPeriodQuery, ZPeriodUpdate,
} from '../../../shared/contract/calendar.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import * as periods from './periodsService.ts';
import { presentHoliday, presentPeriod } from './presenters.ts';
import { calendarErrors as errors } from './routeErrors.ts';
import { getPeriod } from './service.ts';

const byStart = (row: { startsOn: string; id: string }) => [row.startsOn, row.id];

export const periodRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const tags = ['calendar'];

  app.get('/schools/:schoolId/periods', {
    schema: { tags, summary: 'Учебные периоды', params: ZSchoolParams, querystring: ZPeriodQuery, response: { 200: ZPage(ZPeriod), ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await periods.listPeriods(db(), req.params.schoolId, filter, cursor, limit), limit, byStart);
    return { items: page.items.map(presentPeriod), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/periods', {
    schema: { tags, summary: 'Создать учебный период', params: ZSchoolParams, body: ZPeriodCreate, response: { 201: ZPeriod, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return reply.code(201).send(presentPeriod(await periods.createPeriod(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/periods/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZPeriod, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    return presentPeriod(await getPeriod(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/periods/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZPeriodUpdate, response: { 200: ZPeriod, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return presentPeriod(await periods.updatePeriod(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/periods/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    await periods.deletePeriod(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/holidays', {
    schema: { tags, summary: 'Каникулы и праздники', params: ZSchoolParams, querystring: ZHolidayQuery, response: { 200: ZPage(ZHoliday), ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await periods.listHolidays(db(), req.params.schoolId, filter, cursor, limit), limit, byStart);
    return { items: page.items.map(presentHoliday), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/holidays', {
    schema: { tags, summary: 'Добавить каникулы или праздник', params: ZSchoolParams, body: ZHolidayCreate, response: { 201: ZHoliday, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return reply.code(201).send(presentHoliday(await periods.createHoliday(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/holidays/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZHoliday, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    return presentHoliday(await periods.getHoliday(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/holidays/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZHolidayUpdate, response: { 200: ZHoliday, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return presentHoliday(await periods.updateHoliday(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/holidays/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    await periods.deleteHoliday(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
