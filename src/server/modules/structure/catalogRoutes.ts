import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZPage, ZPageQuery, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZRoom, ZRoomCreate, ZRoomUpdate, ZSubject, ZSubjectCreate, ZSubjectQuery, ZSubjectUpdate,
} from '../../../shared/contract/structure.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import * as catalog from './catalogService.ts';
import { presentRoom, presentSubject } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const byName = (row: { name: string; id: string }) => [row.name, row.id];

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/subjects', {
    schema: { tags: ['structure'], summary: 'Предметы', params: ZSchoolParams, querystring: ZSubjectQuery, response: { 200: ZPage(ZSubject), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await catalog.listSubjects(db(), schoolId, filter, cursor, limit), limit, byName);
    return { items: page.items.map(presentSubject), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/subjects', {
    schema: { tags: ['structure'], summary: 'Создать предмет', params: ZSchoolParams, body: ZSubjectCreate, response: { 201: ZSubject, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentSubject(await catalog.createSubject(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/subjects/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZSubject, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return presentSubject(await catalog.getSubject(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/subjects/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZSubjectUpdate, response: { 200: ZSubject, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return presentSubject(await catalog.updateSubject(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/subjects/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await catalog.deleteSubject(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/rooms', {
    schema: { tags: ['structure'], summary: 'Кабинеты', params: ZSchoolParams, querystring: ZPageQuery, response: { 200: ZPage(ZRoom), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit } = req.query;
    const page = toPage(await catalog.listRooms(db(), schoolId, cursor, limit), limit, byName);
    return { items: page.items.map(presentRoom), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/rooms', {
    schema: { tags: ['structure'], summary: 'Создать кабинет', params: ZSchoolParams, body: ZRoomCreate, response: { 201: ZRoom, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentRoom(await catalog.createRoom(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/rooms/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZRoom, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return presentRoom(await catalog.getRoom(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/rooms/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZRoomUpdate, response: { 200: ZRoom, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return presentRoom(await catalog.updateRoom(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/rooms/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await catalog.deleteRoom(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
