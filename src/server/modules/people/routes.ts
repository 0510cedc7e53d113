import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { classRosterRoutes } from './classRosterRoutes.ts';
import { guardianRoutes } from './guardianRoutes.ts';
import { staffRoutes } from './staffRoutes.ts';
import { studentRoutes } from './studentRoutes.ts';

/** Staff, students, guardians and the links between students and guardians. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(staffRoutes);
  await app.register(studentRoutes);
  await app.register(guardianRoutes);
  await app.register(classRosterRoutes);
};
