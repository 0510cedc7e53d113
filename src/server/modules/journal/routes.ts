import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { overviewRoutes } from './overviewRoutes.ts';
import { recordRoutes } from './recordRoutes.ts';

/** The journal: its records (marks, attendance, absences, the journal page) and the class overview. */
export const journalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(overviewRoutes);
  await app.register(recordRoutes);
};
