import { AsyncLocalStorage } from 'node:async_hooks';
import { type SQL, sql } from 'drizzle-orm';
import type {} from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { WAL_COOKIE, WAL_COOKIE_MAX_AGE_S, walCookieOf } from './walPosition.ts';

/**
 * Who is behind the current request, for the audit log: the capture triggers read it from
 * transaction-local settings that `db.transaction` sets first (see client.ts). A write made
 * outside a request (command line, demo generator) has no context and is logged as «система».
 */
export type RequestContext = {
  actorUserId: string | null;
  /** Roles per school, comma-separated; "*" holds the platform operator's role. */
  actorRoles: Record<string, string>;
  address: string | null;
  reason: string | null;
  /** A GET or HEAD: its queries take the primary's read pool, never the one reserved for writes (pools.ts). */
  reading: boolean;
  /** Read-your-writes (walPosition.ts): the position of this browser's last write, from its cookie... */
  walSeen: string | null;
  /** ...and of a write this request committed. */
  walWritten: string | null;
};

export const requestContext = new AsyncLocalStorage<RequestContext>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens the context before every other hook, so the actor hook and the handler run inside it. */
export function registerRequestContext(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const reading = request.method === 'GET' || request.method === 'HEAD';
    const walSeen = walCookieOf(request.headers.cookie);
    requestContext.run({ actorUserId: null, actorRoles: {}, address: request.ip, reason: null, reading, walSeen, walWritten: null }, done);
  });
  // Before the cookie plugin's own onSend hook, which writes the cookies set here.
  app.addHook('onSend', async (request, reply) => {
    const written = requestContext.getStore()?.walWritten;
    if (written) {
      reply.setCookie(WAL_COOKIE, written, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: WAL_COOKIE_MAX_AGE_S });
    }
  });
}

/** Called by the actor hook once it knows who is asking. */
export function setRequestActor(actor: { userId: string; platformAdmin: boolean; roles: { schoolId: string; role: string }[] }): void {
  const store = requestContext.getStore();
  if (!store) return;
  const roles: Record<string, string[]> = {};
  for (const r of actor.roles) (roles[r.schoolId] ??= []).push(r.role);
  // The log's column is a uuid; a malformed id (only test actors could carry one) must not break the write.
  store.actorUserId = UUID.test(actor.userId) ? actor.userId : null;
  store.actorRoles = Object.fromEntries(Object.entries(roles).map(([school, list]) => [school, list.join(',')]));
  if (actor.platformAdmin) store.actorRoles['*'] = 'platform_admin';
}

/** The `set_config` select that hands the context to the triggers; undefined outside a request. */
export function auditContextQuery(): SQL | undefined {
  const store = requestContext.getStore();
  if (!store) return undefined;
  return sql`select set_config('klassny.actor_user_id', ${store.actorUserId ?? ''}, true),
    set_config('klassny.actor_roles', ${JSON.stringify(store.actorRoles)}, true),
    set_config('klassny.address', ${store.address ?? ''}, true),
    set_config('klassny.reason', ${store.reason ?? ''}, true)`;
}
