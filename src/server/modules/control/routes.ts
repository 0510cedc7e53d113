import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZControlFlags, ZControlFlagsQuery, ZControlRangeQuery, ZControlRemarkCreate, ZControlRemarkCreated,
} from '../../../shared/contract/control.ts';
import { ZClassParams } from '../../../shared/contract/journal.ts';
import { classNotFound } from '../../policy/notFound.ts';
import { AccessDenied, assertCan } from '../../policy/policy.ts';
import { assertKeepsClass } from '../../policy/scope.ts';
import { staffIdsOf } from '../../roster/actor.ts';
import { getClass } from '../structure/service.ts';
import { dataCheckRoutes } from './dataChecks/routes.ts';
import { complianceFlags, remarkOnFlag } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/**
 * The deputy's compliance board, read-only from the replica when one is configured; a teacher's own
 * flags, a class teacher's class; the deputy's remarks; the class teachers' personal-data checks.
 */
export const controlRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(dataCheckRoutes);

  app.get('/schools/:schoolId/control/flags', {
    schema: {
      tags: ['control'], summary: 'Контроль ведения журнала: нарушения сроков и пропуски',
      params: ZSchoolParams, querystring: ZControlFlagsQuery, response: { 200: ZControlFlags, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'control.read', req.params);
    return complianceFlags(app.database.readDb, req.params.schoolId, req.query, app.now());
  });

  // Seed 001, 6.2: the teacher's own flags with the deputy's remarks; the caller's staff record only.
  app.get('/schools/:schoolId/control/my-flags', {
    schema: {
      tags: ['control'], summary: 'Мои замечания: нарушения сроков в моих уроках и замечания заместителя директора',
      params: ZSchoolParams, querystring: ZControlRangeQuery, response: { 200: ZControlFlags, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'control.readOwn', req.params);
    const [staffId] = staffIdsOf(req.actor, schoolId);
    if (!staffId) throw new AccessDenied('policy.forbidden', 403, 'Нет записи сотрудника в этой школе', { action: 'control.readOwn', schoolId });
    return complianceFlags(app.database.readDb, schoolId, { ...req.query, staffId }, app.now());
  });

  // Seed 001, 4.3.2: the class teacher / curator watches the marks of his own class.
  app.get('/schools/:schoolId/control/classes/:classId/flags', {
    schema: {
      tags: ['control'], summary: 'Контроль ведения журнала по классу (для классного руководителя, куратора)',
      params: ZClassParams, querystring: ZControlRangeQuery, response: { 200: ZControlFlags, ...errors },
    },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'control.readClass', schoolId, classId, classNotFound);
    await getClass(app.database.readDb, schoolId, classId);
    return complianceFlags(app.database.readDb, schoolId, { ...req.query, classId }, app.now());
  });

  app.post('/schools/:schoolId/control/remarks', {
    schema: {
      tags: ['control'], summary: 'Замечание заместителя директора к нарушению',
      params: ZSchoolParams, body: ZControlRemarkCreate, response: { 201: ZControlRemarkCreated, ...errors },
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'control.remark', req.params);
    const remark = await remarkOnFlag(app.database.db, req.actor!, req.params.schoolId, req.body, app.now());
    return reply.code(201).send(remark);
  });
};
