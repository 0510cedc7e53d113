import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogRoutes } from './catalogRoutes.ts';
import { classRoutes } from './classRoutes.ts';
import { groupRoutes } from './groupRoutes.ts';
import { loadRoutes } from './loadRoutes.ts';

/** Subjects and rooms, classes, teaching groups with their members, teaching load and curriculum. */
export const structureRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(catalogRoutes);
  await app.register(classRoutes);
  await app.register(groupRoutes);
  await app.register(loadRoutes);
};
