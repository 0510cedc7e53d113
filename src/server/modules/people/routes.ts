import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { classRosterRoutes } from './routes/classRoster.ts';
import { guardianRoutes } from './routes/guardians.ts';
import { staffRoutes } from './routes/staff.ts';
import { studentRoutes } from './routes/students.ts';

/** Staff, students, guardians and the links between students and guardians. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(staffRoutes);
  await app.register(studentRoutes);
  await app.register(guardianRoutes);
  await app.register(classRosterRoutes);
};
