import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bellRoutes } from './bellRoutes.ts';
import { periodRoutes } from './periodRoutes.ts';
import { yearRoutes } from './yearRoutes.ts';

/** Academic years, periods, holidays and bell schedules of a school. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(yearRoutes);
  await app.register(periodRoutes);
  await app.register(bellRoutes);
};
