import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZAcademicYear, ZAcademicYearCreate, ZAcademicYearQuery, ZAcademicYearUpdate } from '../../../shared/contract/calendar.ts';
import type { YearTransition } from '../../../shared/domain/calendar.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { presentYear } from './presenters.ts';
import { calendarErrors } from './routeErrors.ts';
import { getYear } from './service.ts';
import * as years from './yearsService.ts';

/** Academic years and their transitions (planning → open → closed → archived). */
export const yearRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const tags = ['calendar'];

  app.get('/schools/:schoolId/academic-years', {
    schema: { tags, summary: 'Учебные годы', params: ZSchoolParams, querystring: ZAcademicYearQuery, response: { 200: ZPage(ZAcademicYear), ...calendarErrors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'calendar.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await years.listYears(db(), schoolId, filter, cursor, limit), limit, (y) => [y.startsOn, y.id]);
    return { items: page.items.map(presentYear), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/academic-years', {
    schema: { tags, summary: 'Создать учебный год', params: ZSchoolParams, body: ZAcademicYearCreate, response: { 201: ZAcademicYear, ...calendarErrors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return reply.code(201).send(presentYear(await years.createYear(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/academic-years/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZAcademicYear, ...calendarErrors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.read', req.params);
    return presentYear(await getYear(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/academic-years/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZAcademicYearUpdate, response: { 200: ZAcademicYear, ...calendarErrors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    return presentYear(await years.updateYear(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/academic-years/:id', {
    schema: { tags, summary: 'Удалить учебный год (только в планировании)', params: ZSchoolItemParams, response: { 200: ZDeleted, ...calendarErrors } },
  }, async (req) => {
    assertCan(req.actor, 'calendar.write', req.params);
    await years.deleteYear(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });

  const transitions: Record<YearTransition, string> = { open: 'Открыть учебный год', close: 'Закрыть учебный год', archive: 'Перевести учебный год в архив' };
  for (const [transition, summary] of Object.entries(transitions) as [YearTransition, string][]) {
    app.post(`/schools/:schoolId/academic-years/:id/${transition}`, {
      schema: { tags, summary, params: ZSchoolItemParams, response: { 200: ZAcademicYear, ...calendarErrors } },
    }, async (req) => {
      assertCan(req.actor, 'calendar.write', req.params);
      return presentYear(await years.transitionYear(db(), req.params.schoolId, req.params.id, transition));
    });
  }
};
