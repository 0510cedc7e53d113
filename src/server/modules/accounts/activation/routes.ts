import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZActivate, ZActivationIssue } from '../../../../shared/contract/activation.ts';
import { ZMe } from '../../../../shared/contract/auth.ts';
import { ZError, ZSchoolParams } from '../../../../shared/contract/common.ts';
import { z } from '../../../../shared/contract/zod.ts';
import { activate } from './activateService.ts';
import { issueActivationCodes } from './issueService.ts';
import { describeMe } from '../sessions/me.ts';
import { clientOf, deviceCookieOf, setDeviceCookie, setSessionCookie } from '../sessions/cookie.ts';
import { deviceCookieAfterSignIn } from '../sessions/deviceCookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 429: ZError };

export const activationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.post('/schools/:schoolId/activation-codes', {
    schema: {
      tags: ['auth'],
      summary: 'Выдать коды активации: PDF с листками для печати (прежние неиспользованные коды этих людей перестают действовать)',
      params: ZSchoolParams, body: ZActivationIssue,
      response: { 201: z.any().describe('application/pdf: листки с кодами, по шесть на странице A4'), ...errors },
    },
  }, async (req, reply) => {
    const issued = await issueActivationCodes(db(), req.actor!, req.params.schoolId, req.body, {
      publicUrl: app.publicUrl, compress: !app.uncompressedPdf, client: clientOf(req), now: app.now(),
    });
    return reply.code(201)
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${issued.fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-klassny-slips', String(issued.count))
      .send(issued.pdf);
  });

  app.post('/auth/activate', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Активировать доступ по коду: выбрать логин и пароль (и сразу войти)',
      body: ZActivate, response: { 200: ZMe, ...errors },
    },
  }, async (req, reply) => {
    const opened = await activate(db(), req.body, clientOf(req), app.now());
    setSessionCookie(reply, opened.token, opened.maxAgeSeconds);
    // A code handed over by the school is a sign-in out of band: this browser becomes a known device.
    setDeviceCookie(reply, deviceCookieAfterSignIn(app.secretKey, deviceCookieOf(req), req.body.login, app.now()));
    return describeMe(db(), opened.session.userId);
  });
};
