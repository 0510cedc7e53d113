import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZMe } from '../../../../shared/contract/auth.ts';
import { ZError } from '../../../../shared/contract/common.ts';
import {
  ZLoginTotp, ZRecoveryCodes, ZTotpConfirm, ZTotpDisable, ZTotpEnrolment, ZTotpStatus,
} from '../../../../shared/contract/totp.ts';
import { z } from '../../../../shared/contract/zod.ts';
import { describeMe } from '../sessions/me.ts';
import { logInWithCode } from './totpLogin.ts';
import { confirmEnrolment, disableTotp, startEnrolment, totpStatus } from './totpService.ts';
import { clientOf, deviceCookieOf, setDeviceCookie, setSessionCookie } from '../sessions/cookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 429: ZError };
const ZOk = z.object({ ok: z.literal(true) });

/** The TOTP second factor: enrolment and removal by the person, and the second step of sign-in. */
export const totpRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.post('/auth/login/totp', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Вход: код из приложения или код восстановления', body: ZLoginTotp, response: { 200: ZMe, ...errors } },
  }, async (req, reply) => {
    const opened = await logInWithCode(db(), req.body, clientOf(req), app.now(), { secretKey: app.secretKey, deviceCookie: deviceCookieOf(req) });
    setSessionCookie(reply, opened.token, opened.maxAgeSeconds);
    setDeviceCookie(reply, opened.deviceCookie);
    return describeMe(db(), opened.session.userId);
  });

  app.get('/me/totp', {
    schema: { tags: ['auth'], summary: 'Вход с кодом из приложения: состояние', response: { 200: ZTotpStatus, ...errors } },
  }, async (req) => totpStatus(db(), req.actor!));

  app.post('/me/totp', {
    config: { totpSetupExempt: true },
    schema: { tags: ['auth'], summary: 'Начать подключение приложения-аутентификатора (только сотрудники)', response: { 201: ZTotpEnrolment, ...errors } },
  }, async (req, reply) => reply.code(201).send(await startEnrolment(db(), app.secretKey, req.actor!, app.now())));

  app.post('/me/totp/confirm', {
    config: { totpSetupExempt: true },
    schema: { tags: ['auth'], summary: 'Подтвердить приложение кодом; коды восстановления выдаются один раз', body: ZTotpConfirm, response: { 200: ZRecoveryCodes, ...errors } },
  }, async (req) => confirmEnrolment(db(), app.secretKey, req.actor!, req.body.code, clientOf(req), app.now()));

  app.delete('/me/totp', {
    config: { totpSetupExempt: true },
    schema: { tags: ['auth'], summary: 'Отключить вход с кодом из приложения (пароль и код)', body: ZTotpDisable, response: { 200: ZOk, ...errors } },
  }, async (req) => {
    await disableTotp(db(), app.secretKey, req.actor!, req.body, clientOf(req), app.now());
    return { ok: true as const };
  });
};
