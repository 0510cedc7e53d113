import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZLogin, ZLoginResult, ZMe, ZPasswordChange, ZSessionList } from '../../../../shared/contract/auth.ts';
import { ZError, ZItemParams } from '../../../../shared/contract/common.ts';
import { z } from '../../../../shared/contract/zod.ts';
import { AppError, notFound } from '../../../errors.ts';
import { changePassword, logIn } from './authService.ts';
import { describeMe } from './me.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSession, listSessionsOfUser } from './sessions.ts';
import { deviceOf } from '../../../../shared/domain/device.ts';
import { clearSessionCookie, clientOf, deviceCookieOf, setDeviceCookie, setSessionCookie } from './cookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 429: ZError };
const ZOk = z.object({ ok: z.literal(true) });

/** Sign-in and sign-out, the current person, their sessions and their password. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.post('/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Вход по логину и паролю (или запрос кода из приложения)', body: ZLogin, response: { 200: ZLoginResult, ...errors } },
  }, async (req, reply) => {
    const opened = await logIn(db(), req.body, clientOf(req), app.now(), {
      secretKey: app.secretKey, deviceCookie: deviceCookieOf(req), demoPublic: app.demoPublic,
    });
    // With a second factor there is no session yet: the code goes to POST /auth/login/totp.
    if ('mfaRequired' in opened) return opened;
    setSessionCookie(reply, opened.token, opened.maxAgeSeconds);
    setDeviceCookie(reply, opened.deviceCookie);
    return describeMe(db(), opened.session.userId);
  });

  app.post('/auth/logout', {
    config: { totpSetupExempt: true },
    schema: { tags: ['auth'], summary: 'Выход', response: { 200: ZOk, ...errors } },
  }, async (req, reply) => {
    if (req.sessionId) {
      await db().transaction(async (tx) => {
        await endSession(tx, req.actor!.userId, req.sessionId!, 'logout', app.now());
        await recordSecurityEvent(tx, { kind: 'logout', userId: req.actor!.userId, ...clientOf(req) });
      });
    }
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Кто я: роли по школам и права', response: { 200: ZMe, ...errors } },
  }, async (req) => describeMe(db(), req.actor!.userId));

  app.get('/me/sessions', {
    schema: { tags: ['auth'], summary: 'Мои сеансы', response: { 200: ZSessionList, ...errors } },
  }, async (req) => {
    const rows = await listSessionsOfUser(db(), req.actor!.userId, app.now());
    return {
      items: rows.map((s) => ({
        id: s.id,
        current: s.id === req.sessionId,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        address: s.address,
        device: deviceOf(s.userAgent) || 'Неизвестное устройство',
      })),
    };
  });

  app.delete('/me/sessions/:id', {
    schema: { tags: ['auth'], summary: 'Завершить свой сеанс', params: ZItemParams, response: { 200: ZOk, ...errors } },
  }, async (req) => {
    const ended = await db().transaction(async (tx) => {
      const done = await endSession(tx, req.actor!.userId, req.params.id, 'ended_by_user', app.now());
      if (done) await recordSecurityEvent(tx, { kind: 'session.ended', userId: req.actor!.userId, ...clientOf(req), details: { sessionId: req.params.id } });
      return done;
    });
    if (!ended) throw notFound('session', 'Сеанс не найден');
    return { ok: true as const };
  });

  app.post('/me/password', {
    schema: { tags: ['auth'], summary: 'Сменить пароль (другие сеансы завершаются)', body: ZPasswordChange, response: { 200: ZOk, ...errors } },
  }, async (req) => {
    if (!req.sessionId) throw new AppError('auth.session_required', 401, 'Войдите в систему');
    await changePassword(db(), req.actor!.userId, req.sessionId, req.body, clientOf(req), app.now());
    return { ok: true as const };
  });
};
