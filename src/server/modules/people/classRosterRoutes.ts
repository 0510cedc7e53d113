import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZClassRoster } from '../../../shared/contract/classroom.ts';
import { ZClassParams } from '../../../shared/contract/journal.ts';
import { classNotFound } from '../../policy/notFound.ts';
import { assertKeepsClass } from '../../policy/scope.ts';
import { classRoster } from './classRoster.ts';
import { errors } from './routeErrors.ts';

/**
 * The class's students and their guardians' contacts (personal data, 152-ФЗ): the whole-school
 * roles for any class, a class teacher / curator for his own; anyone else learns nothing (404).
 */
export const classRosterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/schools/:schoolId/classes/:classId/roster', {
    schema: {
      tags: ['people'], summary: 'Список класса: обучающиеся, их данные и законные представители',
      params: ZClassParams, response: { 200: ZClassRoster, ...errors },
    },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'guardian.read', schoolId, classId, classNotFound);
    return classRoster(app.database.db, app.now(), schoolId, classId);
  });
};
