import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZAdmission, ZEnrolment, ZEnrolmentQuery, ZExpulsion, ZGraduation, ZTransfer, ZTransferred,
} from '../../../shared/contract/enrolment.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { authorise, reachableIds } from '../../policy/scope.ts';
import { presentEnrolment } from './presenters.ts';
import * as enrolment from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** Stays of students in classes: history is kept, so there is no delete and no change of dates. */
export const enrolmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/enrolments', {
    schema: { tags: ['enrolment'], summary: 'Движение обучающихся', params: ZSchoolParams, querystring: ZEnrolmentQuery, response: { 200: ZPage(ZEnrolment), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    const onlyStudentIds = await reachableIds(req, 'enrolment.read', schoolId);
    const { cursor, limit, ...filter } = req.query;
    const rows = onlyStudentIds?.length === 0 ? [] : await enrolment.listEnrolments(db(), schoolId, { ...filter, onlyStudentIds }, cursor, limit);
    const page = toPage(rows, limit, (r) => [r.startsOn, r.id]);
    return { items: page.items.map(presentEnrolment), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/enrolments', {
    schema: { tags: ['enrolment'], summary: 'Зачислить', params: ZSchoolParams, body: ZAdmission, response: { 201: ZEnrolment, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'enrolment.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentEnrolment(await enrolment.admit(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/enrolments/:id', {
    schema: { tags: ['enrolment'], params: ZSchoolItemParams, response: { 200: ZEnrolment, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'enrolment.read', { schoolId });
    const stay = await enrolment.getEnrolment(db(), schoolId, id);
    await authorise(req, 'enrolment.read', { schoolId, studentId: stay.studentId }, enrolment.enrolmentNotFound);
    return presentEnrolment(stay);
  });

  app.post('/schools/:schoolId/enrolments/:id/transfer', {
    schema: { tags: ['enrolment'], summary: 'Перевести в другой класс', params: ZSchoolItemParams, body: ZTransfer, response: { 200: ZTransferred, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'enrolment.write', { schoolId: req.params.schoolId });
    const { closed, opened } = await enrolment.transfer(db(), req.params.schoolId, req.params.id, req.body);
    return { closed: presentEnrolment(closed), opened: presentEnrolment(opened) };
  });

  app.post('/schools/:schoolId/enrolments/:id/expel', {
    schema: { tags: ['enrolment'], summary: 'Отчислить', params: ZSchoolItemParams, body: ZExpulsion, response: { 200: ZEnrolment, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'enrolment.write', { schoolId: req.params.schoolId });
    return presentEnrolment(await enrolment.expel(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.post('/schools/:schoolId/enrolments/:id/graduate', {
    schema: { tags: ['enrolment'], summary: 'Выпуск', params: ZSchoolItemParams, body: ZGraduation, response: { 200: ZEnrolment, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'enrolment.write', { schoolId: req.params.schoolId });
    return presentEnrolment(await enrolment.graduate(db(), req.params.schoolId, req.params.id, req.body));
  });
};
