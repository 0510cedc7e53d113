import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZGuardian, ZGuardianCreate, ZGuardianLink, ZGuardianParams, ZGuardianQuery, ZGuardianUpdate, ZLinkedGuardian, ZLinkedGuardians,
  ZLinkedStudents, ZStudentGuardianParams, ZStudentParams,
} from '../../../shared/contract/people.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { authorise, reachableIds } from '../../policy/scope.ts';
import * as guardians from './guardiansService.ts';
import { presentGuardian, presentLinkedGuardian, presentLinkedStudent } from './presenters.ts';
import { byName } from './queries.ts';
import { getGuardian } from './service.ts';
import { errors } from './routeErrors.ts';

const tags = ['people'];

// Guardians' contacts are personal data (152-ФЗ): the school's managers read them all, a class teacher
// those of their class, a guardian their own record (`guardian.read`, scoped in policy/scope.ts).
export const guardianRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/guardians', {
    schema: {
      tags, summary: 'Законные представители', params: ZSchoolParams, querystring: ZGuardianQuery,
      response: { 200: ZPage(ZGuardian), ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const only = await reachableIds(req, 'guardian.read', schoolId);
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await guardians.listGuardians(db(), schoolId, { ...filter, only }, cursor, limit), limit, byName);
    return { items: page.items.map(presentGuardian), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/guardians', {
    schema: { tags, summary: 'Добавить законного представителя', params: ZSchoolParams, body: ZGuardianCreate, response: { 201: ZGuardian, ...errors } },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'guardian.write', { schoolId });
    return reply.code(201).send(presentGuardian(await guardians.createGuardian(db(), schoolId, req.body)));
  });

  app.get('/schools/:schoolId/guardians/:id', {
    schema: { tags, summary: 'Законный представитель', params: ZSchoolItemParams, response: { 200: ZGuardian, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    await authorise(req, 'guardian.read', { schoolId, guardianId: id });
    return presentGuardian(await getGuardian(db(), schoolId, id));
  });

  app.patch('/schools/:schoolId/guardians/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZGuardianUpdate, response: { 200: ZGuardian, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    await authorise(req, 'guardian.update', { schoolId, guardianId: id });
    return presentGuardian(await guardians.updateGuardian(db(), schoolId, id, req.body));
  });

  app.delete('/schools/:schoolId/guardians/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'guardian.write', { schoolId });
    await guardians.deleteGuardian(db(), schoolId, id);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/students/:studentId/guardians', {
    schema: { tags, summary: 'Законные представители обучающегося', params: ZStudentParams, response: { 200: ZLinkedGuardians, ...errors } },
  }, async (req) => {
    const { schoolId, studentId } = req.params;
    await authorise(req, 'student.read', { schoolId, studentId });
    const only = await reachableIds(req, 'guardian.read', schoolId);
    return { items: (await guardians.guardiansOfStudent(db(), schoolId, studentId, only)).map(presentLinkedGuardian) };
  });

  app.put('/schools/:schoolId/students/:studentId/guardians/:guardianId', {
    schema: {
      tags, summary: 'Связать обучающегося с законным представителем или изменить степень родства',
      params: ZStudentGuardianParams, body: ZGuardianLink, response: { 200: ZLinkedGuardian, ...errors },
    },
  }, async (req) => {
    const { schoolId, studentId, guardianId } = req.params;
    assertCan(req.actor, 'guardian.write', { schoolId });
    return presentLinkedGuardian(await guardians.linkGuardian(db(), schoolId, studentId, guardianId, req.body.relation));
  });

  app.delete('/schools/:schoolId/students/:studentId/guardians/:guardianId', {
    schema: { tags, summary: 'Удалить связь', params: ZStudentGuardianParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, studentId, guardianId } = req.params;
    assertCan(req.actor, 'guardian.write', { schoolId });
    await guardians.unlinkGuardian(db(), schoolId, studentId, guardianId);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/guardians/:guardianId/students', {
    schema: { tags, summary: 'Дети законного представителя', params: ZGuardianParams, response: { 200: ZLinkedStudents, ...errors } },
  }, async (req) => {
    const { schoolId, guardianId } = req.params;
    await authorise(req, 'guardian.read', { schoolId, guardianId });
    const only = await reachableIds(req, 'student.read', schoolId);
    return { items: (await guardians.studentsOfGuardian(db(), schoolId, guardianId, only)).map(presentLinkedStudent) };
  });
};
