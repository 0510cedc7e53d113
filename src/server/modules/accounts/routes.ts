import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activationRoutes } from './activation/routes.ts';
import { passwordResetRoutes } from './passwordReset/routes.ts';
import { schoolAccountsRoutes } from './schoolAccounts/routes.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { totpRoutes } from './totp/routes.ts';

/** Accounts: sign-in and sessions, the second factor, activation codes, password reset, a school's accounts. */
export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(sessionRoutes);
  await app.register(totpRoutes);
  await app.register(activationRoutes);
  await app.register(passwordResetRoutes);
  await app.register(schoolAccountsRoutes);
};
