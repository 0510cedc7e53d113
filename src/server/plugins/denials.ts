import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { recordSecurityEvent } from '../modules/accounts/securityEvents.ts';
import { clientOf } from '../modules/accounts/sessions/cookie.ts';
import { AccessDenied } from '../policy/policy.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place every refusal is logged (ARCHITECTURE: "every security event is logged"): each
 * 403, and each 404 by which the policy hid a school or an object, becomes `access.denied` in the
 * security-event log of the school it concerns. A real "not found" is not a denial.
 */
export function registerDenialLog(app: FastifyInstance): void {
  app.addHook('onError', async (request, _reply, error) => {
    const denied = error instanceof AccessDenied;
    if (!denied && !(error instanceof AppError && error.status === 403)) return;
    const context = denied ? error.context : {};
    const paramSchool = (request.params as { schoolId?: unknown } | undefined)?.schoolId;
    const schoolId = context.schoolId ?? (typeof paramSchool === 'string' ? paramSchool : undefined);
    try {
      await recordSecurityEvent(app.database.db, {
        kind: 'access.denied',
        userId: request.actor?.userId ?? null,
        schoolId: schoolId && UUID.test(schoolId) ? schoolId : null,
        ...clientOf(request),
        details: {
          status: (error as AppError).status,
          code: (error as AppError).code,
          method: request.method,
          route: request.routeOptions.url ?? request.url.split('?')[0],
          ...(context.action ? { action: context.action } : {}),
        },
      });
    } catch (failure) {
      // The refusal itself must still reach the caller; a lost log line is logged instead.
      request.log.error({ err: failure }, 'could not record access.denied');
    }
  });
}
