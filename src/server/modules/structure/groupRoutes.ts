import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZGroupMember, ZGroupMemberCreate, ZGroupMemberEnd, ZGroupMemberMove, ZGroupMemberMoved, ZGroupMemberParams, ZGroupMembers,
  ZGroupMembersQuery, ZTeachingGroup, ZTeachingGroupCreate, ZTeachingGroupQuery, ZTeachingGroupUpdate,
} from '../../../shared/contract/structure.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { authorise } from '../../policy/scope.ts';
import * as groups from './groupService.ts';
import { presentGroup } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const byName = (row: { name: string; id: string }) => [row.name, row.id];

export const groupRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/teaching-groups', {
    schema: { tags: ['structure'], summary: 'Группы для занятий', params: ZSchoolParams, querystring: ZTeachingGroupQuery, response: { 200: ZPage(ZTeachingGroup), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'structure.read', { schoolId });
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await groups.listGroups(db(), schoolId, filter, cursor, limit), limit, byName);
    return { items: page.items.map(presentGroup), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/teaching-groups', {
    schema: { tags: ['structure'], summary: 'Создать группу', params: ZSchoolParams, body: ZTeachingGroupCreate, response: { 201: ZTeachingGroup, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(presentGroup(await groups.createGroup(db(), req.params.schoolId, req.body)));
  });

  app.get('/schools/:schoolId/teaching-groups/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZTeachingGroup, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', { schoolId: req.params.schoolId });
    return presentGroup(await groups.getGroup(db(), req.params.schoolId, req.params.id));
  });

  app.patch('/schools/:schoolId/teaching-groups/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, body: ZTeachingGroupUpdate, response: { 200: ZTeachingGroup, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return presentGroup(await groups.updateGroup(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.delete('/schools/:schoolId/teaching-groups/:id', {
    schema: { tags: ['structure'], params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    await groups.deleteGroup(db(), req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });

  app.get('/schools/:schoolId/teaching-groups/:id/members', {
    schema: { tags: ['structure'], summary: 'Состав группы на дату', params: ZSchoolItemParams, querystring: ZGroupMembersQuery, response: { 200: ZGroupMembers, ...errors } },
  }, async (req) => {
    // Who sits in a group is personal data: a teacher sees his groups and his class's, not others (404).
    await authorise(req, 'groupMember.read', { schoolId: req.params.schoolId, groupId: req.params.id });
    return { items: await groups.listMembers(db(), req.params.schoolId, req.params.id, req.query.on) };
  });

  app.post('/schools/:schoolId/teaching-groups/:id/members', {
    schema: { tags: ['structure'], summary: 'Включить в группу', params: ZSchoolItemParams, body: ZGroupMemberCreate, response: { 201: ZGroupMember, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'structure.write', { schoolId: req.params.schoolId });
    return reply.code(201).send(await groups.addMember(db(), req.params.schoolId, req.params.id, req.body));
  });

  app.post('/schools/:schoolId/teaching-groups/:id/members/:memberId/end', {
    schema: { tags: ['structure'], summary: 'Исключить из группы', params: ZGroupMemberParams, body: ZGroupMemberEnd, response: { 200: ZGroupMember, ...errors } },
  }, async (req) => {
    const { schoolId, id, memberId } = req.params;
    assertCan(req.actor, 'structure.write', { schoolId });
    return groups.endMember(db(), schoolId, id, memberId, req.body);
  });

  app.post('/schools/:schoolId/teaching-groups/:id/members/:memberId/move', {
    schema: { tags: ['structure'], summary: 'Перевести в другую подгруппу', params: ZGroupMemberParams, body: ZGroupMemberMove, response: { 200: ZGroupMemberMoved, ...errors } },
  }, async (req) => {
    const { schoolId, id, memberId } = req.params;
    assertCan(req.actor, 'structure.write', { schoolId });
    return groups.moveMember(db(), schoolId, id, memberId, req.body);
  });
};
