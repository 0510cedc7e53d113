import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAccepted, ZEmailChange, ZEmailConfirm, ZEmailState, ZPasswordResetConfirm, ZPasswordResetRequest,
} from '../../../../shared/contract/activation.ts';
import { ZError } from '../../../../shared/contract/common.ts';
import { z } from '../../../../shared/contract/zod.ts';
import { changeEmail, confirmEmail, emailState, confirmPasswordReset, type MailContext, RESET_ACCEPTED, requestPasswordReset } from './service.ts';
import { clientOf } from '../sessions/cookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 429: ZError, 503: ZError };
const ZOk = z.object({ ok: z.literal(true) });

export const passwordResetRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const mail = (): MailContext => ({ mailer: app.mailer, publicUrl: app.publicUrl, log: app.log });

  app.post('/auth/password-reset', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Забыли пароль: ссылка на подтверждённую почту (ответ всегда одинаков)',
      body: ZPasswordResetRequest, response: { 202: ZAccepted, ...errors },
    },
  }, async (req, reply) => {
    await requestPasswordReset(db(), mail(), req.body.login, clientOf(req), app.now());
    return reply.code(202).send({ message: RESET_ACCEPTED });
  });

  app.post('/auth/password-reset/confirm', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Задать новый пароль по ссылке из письма (все сеансы завершаются)',
      body: ZPasswordResetConfirm, response: { 200: ZOk, ...errors },
    },
  }, async (req) => {
    await confirmPasswordReset(db(), req.body, clientOf(req), app.now());
    return { ok: true as const };
  });

  app.get('/me/email', {
    schema: { tags: ['auth'], summary: 'Мой адрес электронной почты и подтверждён ли он', response: { 200: ZEmailState, ...errors } },
  }, async (req) => emailState(db(), req.actor!.userId));

  app.patch('/me/email', {
    schema: {
      tags: ['auth'], summary: 'Указать адрес электронной почты (для смены пароля по ссылке); приходит письмо для подтверждения',
      body: ZEmailChange, response: { 200: ZEmailState, ...errors },
    },
  }, async (req) => changeEmail(db(), mail(), req.actor!.userId, req.body, clientOf(req), app.now()));

  app.get('/auth/email/confirm', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Подтвердить адрес по ссылке из письма', querystring: ZEmailConfirm, response: { 200: ZEmailState, ...errors } },
  }, async (req) => confirmEmail(db(), req.query.token, clientOf(req), app.now()));

  app.post('/auth/email/confirm', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Подтвердить адрес кодом из письма', body: ZEmailConfirm, response: { 200: ZEmailState, ...errors } },
  }, async (req) => confirmEmail(db(), req.body.token, clientOf(req), app.now()));
};
