import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentRoutes } from './attachmentRoutes.ts';
import { homeworkItemRoutes } from './homeworkItemRoutes.ts';
import { lessonSaveRoutes } from './lessonSaveRoutes.ts';

/** Homework (seed 000 §3, 002): text, pages, tasks, due lesson, individual homework, files. */
export const homeworkRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(homeworkItemRoutes);
  await app.register(attachmentRoutes);
  await app.register(lessonSaveRoutes);
};
