import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDataChecks } from '../../../../shared/contract/classroom.ts';
import { ZError } from '../../../../shared/contract/common.ts';
import { ZClassParams } from '../../../../shared/contract/journal.ts';
import { classNotFound } from '../../../policy/notFound.ts';
import { assertKeepsClass } from '../../../policy/scope.ts';
import { dataChecks, markDataChecked } from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };

/**
 * Seed 001, 3.3: the class teacher (curator) checks the class's personal data monthly. The
 * whole-school roles read any class's checks; the class teacher his own; the check itself is his
 * (and the administrator's) to mark.
 */
export const dataCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/schools/:schoolId/classes/:classId/data-checks', {
    schema: {
      tags: ['control'], summary: 'Проверка персональных данных класса: последняя и когда следующая',
      params: ZClassParams, response: { 200: ZDataChecks, ...errors },
    },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'structure.read', schoolId, classId, classNotFound);
    return dataChecks(app.database.db, schoolId, classId, app.now());
  });

  app.post('/schools/:schoolId/classes/:classId/data-checks', {
    schema: {
      tags: ['control'], summary: 'Отметить: персональные данные класса проверены',
      params: ZClassParams, response: { 201: ZDataChecks, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'class.dataCheck', schoolId, classId, classNotFound);
    return reply.code(201).send(await markDataChecked(app.database.db, req.actor!, schoolId, classId, app.now()));
  });
};
