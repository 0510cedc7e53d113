import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventRoutes } from './eventRoutes.ts';
import { pageRoutes } from './pageRoutes.ts';

/** The diary: its pages (week, marks, final marks) and the stream of changes of an open diary. */
export const diaryRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(pageRoutes);
  await app.register(eventRoutes);
};
