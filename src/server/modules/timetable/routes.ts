import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lessonRoutes } from './lessonRoutes.ts';
import { slotRoutes } from './slotRoutes.ts';
import { topicRoutes } from './topicRoutes.ts';

/** The timetable, the lessons it gives, substitutions, the timesheet and the thematic plans. */
export const timetableRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(slotRoutes);
  await app.register(lessonRoutes);
  await app.register(topicRoutes);
};
