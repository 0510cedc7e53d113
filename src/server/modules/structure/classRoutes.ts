import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { ZClass, ZClassCreate, ZClassQuery, ZClassUpdate } from '../../../shared/contract/structure.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import * as classes from './classService.ts';
import { presentClass } from './presenters.ts';
import { schoolKind } from './rules.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const byGradeAndLetter = (row: { grade: number; letter: string; id: string }) => [row.grade, row.letter, row.id];

export const classRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/classes', {
    schema: { tags: ['structure'], summary: 'Классы и учебные группы', params: ZSchoolParams, querystring: ZClassQuery, response: { 200: ZPage(ZClass), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const { kind, rows } = await classes.listClasses(db(), schoolId, filter, cursor, limit);
    const page = toPage(rows, limit, byGradeAndLetter);
    return { items: page.items.map(presentClass(kind)), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/classes', {
    schema: { tags: ['structure'], summary: 'Создать класс', params: ZSchoolParams, body: ZClassCreate, response: { 201: ZClass, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    const { row, kind } = await classes.createClass(db(), req.params.schoolId, req.body);
    return reply.code(201).send(presentClass(kind)(row));
  });

  app.get('/schools/:schoolId/classes/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZClass, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const row = await classes.getClassWithGroup(db(), schoolId, id);
    return presentClass(await schoolKind(db(), schoolId))(row);
  });

  app.patch('/schools/:schoolId/classes/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZClassUpdate, response: { 200: ZClass, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    const { row, kind } = await classes.updateClass(db(), req.params.schoolId, req.params.id, req.body);
    return presentClass(kind)(row);
  });

  app.delete('/schools/:schoolId/classes/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await classes.deleteClass(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
