import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { mustEnrolTotp } from '../modules/accounts/totp/totpService.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to an administrator who still has to enrol a second factor (enrolment, logout). */
    totpSetupExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place that holds back an administrator whose school requires TOTP and who has none yet:
 * they may sign in and read, but every write except enrolling the factor and logging out is
 * refused. Only actors holding an admin role pay for the check (one indexed query, two at most).
 */
export function requireTotpSetup(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const actor = request.actor;
    if (!actor || SAFE_METHODS.has(request.method)) return;
    const config = request.routeOptions.config;
    if (config.public || config.totpSetupExempt) return;
    if (!actor.roles.some((r) => r.role === 'admin')) return;
    if (await mustEnrolTotp(app.database.db, actor)) {
      throw new AppError('auth.totp_setup_required', 403, 'Школа требует от администраторов вход с кодом из приложения. Подключите его в профиле, чтобы продолжить работу.');
    }
  });
}
