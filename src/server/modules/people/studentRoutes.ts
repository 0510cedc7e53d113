import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZStudent, ZStudentCreate, ZStudentQuery, ZStudentUpdate } from '../../../shared/contract/people.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { authorise, reachableIds } from '../../policy/scope.ts';
import { presentStudent } from './presenters.ts';
import { byName } from './queries.ts';
import { getStudent } from './service.ts';
import * as students from './studentsService.ts';
import { errors } from './routeErrors.ts';

const tags = ['people'];

export const studentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/students', {
    schema: {
      tags, summary: 'Обучающиеся (весь список, класс или параллель на дату)', params: ZSchoolParams, querystring: ZStudentQuery,
      response: { 200: ZPage(ZStudent), ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    const only = await reachableIds(req, 'student.read', schoolId);
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await students.listStudents(db(), schoolId, { ...filter, only }, cursor, limit), limit, byName);
    return { items: page.items.map(presentStudent), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/students', {
    schema: { tags, summary: 'Добавить обучающегося', params: ZSchoolParams, body: ZStudentCreate, response: { 201: ZStudent, ...errors } },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'student.write', { schoolId });
    return reply.code(201).send(presentStudent(await students.createStudent(db(), schoolId, req.body)));
  });

  app.get('/schools/:schoolId/students/:id', {
    schema: { tags, summary: 'Обучающийся', params: ZSchoolItemParams, response: { 200: ZStudent, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    await authorise(req, 'student.read', { schoolId, studentId: id });
    return presentStudent(await getStudent(db(), schoolId, id));
  });

  app.patch('/schools/:schoolId/students/:id', {
    schema: { tags, summary: 'Изменить данные обучающегося', params: ZSchoolItemParams, body: ZStudentUpdate, response: { 200: ZStudent, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    await authorise(req, 'student.update', { schoolId, studentId: id });
    return presentStudent(await students.updateStudent(db(), schoolId, id, req.body));
  });

  app.delete('/schools/:schoolId/students/:id', {
    schema: { tags, summary: 'Удалить ошибочную запись об обучающемся', params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'student.write', { schoolId });
    await students.deleteStudent(db(), schoolId, id);
    return { deleted: true as const };
  });
};
