import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../shared/contract/enums.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policy/policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without signing in; every other route needs an actor. */
    public?: boolean;
  }
}

export const TEST_ACTOR_HEADER = 'x-klassny-test-actor';

const ZTestActor = z.object({
  userId: z.string(),
  platformAdmin: z.boolean().default(false),
  roles: z.array(z.object({ schoolId: z.string(), role: z.enum(ROLES), personId: z.string().nullable().default(null) })),
});

/**
 * Sets `request.actor`. Only tests pass `testActors`: then the actor comes from a header.
 * Production (main.ts) never does, so the header means nothing there.
 */
export function registerActor(app: FastifyInstance, options: { testActors: boolean }): void {
  app.decorateRequest('actor', null);
  if (!options.testActors) return;
  app.addHook('onRequest', async (request) => {
    const header = request.headers[TEST_ACTOR_HEADER];
    if (typeof header !== 'string') return;
    request.actor = ZTestActor.parse(JSON.parse(header));
  });
}

/** Inside the API: refuse every non-public route without an actor. */
export function requireActor(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public) return;
    if (!request.actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  });
}
