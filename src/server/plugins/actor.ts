import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../shared/contract/enums.ts';
import { AppError } from '../errors.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/accounts/sessions/sessions.ts';
import type { Actor } from '../policy/policy.ts';
import { setRequestActor } from '../db/requestContext.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The session the actor signed in with; null for test actors. */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without signing in; every other route needs an actor. */
    public?: boolean;
  }
}

export const TEST_ACTOR_HEADER = 'x-klassny-test-actor';
/** Writes made with the session cookie must carry this header: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-klassny-csrf';

const ZTestActor = z.object({
  userId: z.string(),
  platformAdmin: z.boolean().default(false),
  roles: z.array(z.object({ schoolId: z.string(), role: z.enum(ROLES), personId: z.string().nullable().default(null) })),
  municipalityIds: z.array(z.string()).default([]),
});

/**
 * Sets `request.actor` from the session cookie. Only tests pass `testActors`: then a header may
 * name the actor instead. Production (main.ts) never does, so the header means nothing there.
 */
export async function registerActor(app: FastifyInstance, options: { testActors: boolean }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    const header = options.testActors ? request.headers[TEST_ACTOR_HEADER] : undefined;
    if (typeof header === 'string') {
      request.actor = ZTestActor.parse(JSON.parse(header));
      setRequestActor(request.actor);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(app.database.db, token, app.now());
    if (!resolved) return;
    request.actor = resolved.actor;
    request.sessionId = resolved.sessionId;
    setRequestActor(resolved.actor);
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Inside the API: refuse every non-public route without an actor, and every cookie-borne write
 * (sign-in included) that lacks the CSRF header or comes from another origin.
 */
export function requireActor(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const cookieBorne = request.sessionId !== null || request.routeOptions.config.public;
    if (cookieBorne && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
    if (request.routeOptions.config.public) return;
    if (!request.actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  });
}

function assertSameOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  const allowed = [`${request.protocol}://${request.headers.host}`, new URL(request.server.publicUrl).origin];
  if (origin !== undefined && !allowed.includes(origin)) {
    throw new AppError('auth.bad_origin', 403, 'Запрос с другого сайта отклонён');
  }
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new AppError('auth.csrf', 403, 'Запрос отклонён: нет заголовка защиты от подделки запросов');
  }
}
