import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAccountParams, ZAccountRoleParams, ZRoleGrant, ZSchoolAccount, ZSchoolAccountQuery, ZSchoolSecurityEvent, ZSecurityEventQuery,
  ZSessionsEnded,
} from '../../../../shared/contract/accounts.ts';
import { ZDeleted, ZError, ZPage, ZSchoolParams } from '../../../../shared/contract/common.ts';
import { toPage } from '../../../db/pagination.ts';
import { badRequest } from '../../../errors.ts';
import { assertCan } from '../../../policy/policy.ts';
import * as accounts from './service.ts';
import { listSchoolSecurityEvents } from '../securityEvents.ts';
import { clientOf } from '../sessions/cookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const tags = ['accounts'];

/** The security log pages newest first by event id (UUIDv7, so time order); the cursor holds the last id sent. */
function beforeIdOf(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return id;
  } catch { /* falls through to the 400 */ }
  throw badRequest('pagination.bad_cursor', 'Неверный курсор страницы', { cursor: 'Неверный курсор' });
}

/** A school's accounts and its security-event log, for its administrator (and the director, for the log). */
export const schoolAccountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/accounts', {
    schema: {
      tags, summary: 'Учётные записи школы: роли, от чьего имени, блокировка, последний вход',
      params: ZSchoolParams, querystring: ZSchoolAccountQuery, response: { 200: ZPage(ZSchoolAccount), ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'account.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await accounts.listAccounts(db(), schoolId, filter, cursor, limit), limit, (a) => [a.displayName, a.userId]);
    return { items: page.items, nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/accounts/:userId/roles', {
    schema: {
      tags, summary: 'Назначить роль (от имени сотрудника, обучающегося или законного представителя школы)',
      params: ZAccountParams, body: ZRoleGrant, response: { 201: ZSchoolAccount, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId, userId } = req.params;
    assertCan(req.actor, 'account.write', { schoolId });
    return reply.code(201).send(await accounts.grantRole(db(), req.actor!, schoolId, userId, req.body, clientOf(req)));
  });

  app.delete('/schools/:schoolId/accounts/:userId/roles/:role', {
    schema: { tags, summary: 'Снять роль', params: ZAccountRoleParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, userId, role } = req.params;
    assertCan(req.actor, 'account.write', { schoolId });
    await accounts.revokeRole(db(), req.actor!, schoolId, userId, role, clientOf(req));
    return { deleted: true as const };
  });

  app.post('/schools/:schoolId/accounts/:userId/sessions/end', {
    schema: { tags, summary: 'Завершить все сеансы человека', params: ZAccountParams, response: { 200: ZSessionsEnded, ...errors } },
  }, async (req) => {
    const { schoolId, userId } = req.params;
    assertCan(req.actor, 'account.write', { schoolId });
    return accounts.endSessionsByAdmin(db(), req.actor!, schoolId, userId, clientOf(req), app.now());
  });

  app.get('/schools/:schoolId/security-events', {
    schema: {
      tags, summary: 'Журнал событий безопасности школы (новые сверху)',
      params: ZSchoolParams, querystring: ZSecurityEventQuery, response: { 200: ZPage(ZSchoolSecurityEvent), ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'security.read', { schoolId });
    const { cursor, limit, kind, login, from, to } = req.query;
    const filter = { kind, login, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, before: beforeIdOf(cursor) };
    const rows = await listSchoolSecurityEvents(db(), schoolId, filter, limit);
    const page = toPage(rows, limit, (e) => [e.id]);
    return {
      items: page.items.map((e) => ({
        id: e.id, kind: e.kind, userId: e.userId, schoolId: e.schoolId, login: e.login, address: e.address,
        userAgent: e.userAgent, details: e.details, createdAt: e.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  });
};
