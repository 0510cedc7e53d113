import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZPlan, ZPlannedTopic, ZPlannedTopicCreate, ZPlannedTopicQuery, ZPlannedTopicUpdate, ZPlanReplace,
} from '../../../shared/contract/timetable.ts';
import { assertReachesGroup, lessonReach } from '../../policy/lessons.ts';
import { presentTopic } from './presenters.ts';
import * as topics from './topicsService.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const tags = ['timetable'];

export const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  // КТП is read by whoever reads the group's journal.
  app.get('/schools/:schoolId/planned-topics', {
    schema: { tags, summary: 'КТП группы по предмету', params: ZSchoolParams, querystring: ZPlannedTopicQuery, response: { 200: ZPlan, ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    assertReachesGroup(await lessonReach(req, schoolId), schoolId, req.query.groupId);
    return { items: (await topics.planOf(db(), schoolId, req.query.groupId, req.query.subjectId)).map(presentTopic) };
  });

  app.put('/schools/:schoolId/planned-topics', {
    schema: { tags, summary: 'Заменить КТП целиком', params: ZSchoolParams, body: ZPlanReplace, response: { 200: ZPlan, ...errors } },
  }, async (req) => ({ items: (await topics.replacePlan(db(), req.actor, req.params.schoolId, req.body)).map(presentTopic) }));

  app.post('/schools/:schoolId/planned-topics', {
    schema: { tags, summary: 'Добавить тему КТП', params: ZSchoolParams, body: ZPlannedTopicCreate, response: { 201: ZPlannedTopic, ...errors } },
  }, async (req, reply) => reply.code(201).send(presentTopic(await topics.createTopic(db(), req.actor, req.params.schoolId, req.body))));

  app.patch('/schools/:schoolId/planned-topics/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZPlannedTopicUpdate, response: { 200: ZPlannedTopic, ...errors } },
  }, async (req) => presentTopic(await topics.updateTopic(db(), req.actor, req.params.schoolId, req.params.id, req.body)));

  app.delete('/schools/:schoolId/planned-topics/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    await topics.deleteTopic(db(), req.actor, req.params.schoolId, req.params.id);
    return { deleted: true as const };
  });
};
