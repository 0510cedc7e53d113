import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZId } from '../../../shared/contract/common.ts';
import { ZFirstRun, ZFirstSchoolResult, ZSchoolAdmin, ZSchoolAdminCreate, ZSetupToken, ZSetupTokenState } from '../../../shared/contract/setup.ts';
import { z } from '../../../shared/contract/zod.ts';
import { assertCan } from '../../policy/policy.ts';
import { createAdmin } from '../accounts/service.ts';
import { getSchool } from '../organisation/service.ts';
import { clientOf, setSessionCookie } from '../accounts/sessions/cookie.ts';
import { firstRun, setupTokenValid } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** «Первый запуск»: public, and worth nothing without the one-time token printed by the server's start. */
export const setupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.post('/setup/check', {
    config: { public: true },
    schema: { tags: ['setup'], summary: 'Действует ли ссылка первого запуска', body: ZSetupToken, response: { 200: ZSetupTokenState, ...errors } },
  }, async (req) => ({ valid: await setupTokenValid(db(), req.body.token) }));

  app.post('/setup', {
    config: { public: true },
    schema: { tags: ['setup'], summary: 'Первый запуск: организация и её первый администратор', body: ZFirstRun, response: { 201: ZFirstSchoolResult, ...errors } },
  }, async (req, reply) => {
    const { token, ...input } = req.body;
    const { result, session } = await firstRun(db(), token, input, clientOf(req), app.now());
    setSessionCookie(reply, session.token, session.maxAgeSeconds);
    return reply.code(201).send(result);
  });

  // Several schools on one server: the platform operator adds a school (POST /schools) and appoints its first administrator here.
  app.post('/schools/:schoolId/administrators', {
    schema: {
      tags: ['setup'], summary: 'Назначить администратора школы (оператор платформы)',
      params: z.object({ schoolId: ZId }), body: ZSchoolAdminCreate, response: { 201: ZSchoolAdmin, ...errors },
    },
  }, async (req, reply) => {
    assertCan(req.actor, 'organisation.write');
    const school = await getSchool(db(), req.params.schoolId);
    const user = await createAdmin(db(), { ...req.body, schoolId: school.id });
    return reply.code(201).send({ id: user.id, login: user.login, displayName: user.displayName });
  });
};
