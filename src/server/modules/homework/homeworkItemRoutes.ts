import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZHomework, ZHomeworkCreate, ZHomeworkDeleteQuery, ZHomeworkQuery, ZHomeworkUpdate, ZLessonHomeworkParams,
} from '../../../shared/contract/homework.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCanRead, listScope, readerOf, visibleStudents } from '../../policy/homework.ts';
import { getStudent } from '../people/service.ts';
import { presentHomework } from './presenters.ts';
import { sortKeyOf } from './queries.ts';
import * as homework from './service.ts';

const tags = ['homework'];
const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** Homework (seed 000 §3, 002): text, pages, tasks, due lesson, individual homework. */
export const homeworkItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const publish = (schoolId: string, studentIds: string[], lessonId: string) =>
    app.diaryBus.publish({ schoolId, studentIds, kind: 'homework', lessonId, at: app.now().toISOString() });

  app.post('/schools/:schoolId/lessons/:lessonId/homework', {
    schema: { tags, summary: 'Задать домашнее задание', params: ZLessonHomeworkParams, body: ZHomeworkCreate, response: { 201: ZHomework, ...errors } },
  }, async (req, reply) => {
    const { schoolId, lessonId } = req.params;
    const done = await homework.createHomework(db(), req.actor, schoolId, lessonId, req.body, app.now());
    publish(schoolId, done.affected, lessonId);
    return reply.code(201).send(presentHomework(done.hw, done.chosen, done.files));
  });

  app.get('/schools/:schoolId/homework', {
    schema: { tags, summary: 'Домашние задания (группы, обучающегося, за даты)', params: ZSchoolParams, querystring: ZHomeworkQuery, response: { 200: ZPage(ZHomework), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    const { cursor, limit, studentId, ...filter } = req.query;
    const reader = await readerOf(req, schoolId);
    // A whole-school reader reaches every student: an unknown one is a plain 404.
    if (studentId !== undefined && reader.all) await getStudent(db(), schoolId, studentId);
    const scope = await listScope(db(), reader, studentId);
    const { rows, view } = await homework.listHomework(db(), schoolId, { ...filter, ...scope }, cursor, limit);
    const page = toPage(rows, limit, sortKeyOf(filter.by));
    const items = page.items.map((row) => {
      const { hw, chosen, files } = view(row);
      return presentHomework(hw, visibleStudents(reader, hw, chosen), files);
    });
    return { items, nextCursor: page.nextCursor };
  });

  app.get('/schools/:schoolId/homework/:id', {
    schema: { tags, summary: 'Домашнее задание', params: ZSchoolItemParams, response: { 200: ZHomework, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    const reader = await readerOf(req, schoolId);
    const { hw, chosen, files } = await homework.getHomework(db(), schoolId, id);
    await assertCanRead(db(), reader, hw, chosen);
    return presentHomework(hw, visibleStudents(reader, hw, chosen), files);
  });

  app.patch('/schools/:schoolId/homework/:id', {
    schema: { tags, summary: 'Изменить домашнее задание', params: ZSchoolItemParams, body: ZHomeworkUpdate, response: { 200: ZHomework, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    const done = await homework.updateHomework(db(), req.actor, schoolId, id, req.body, app.now());
    publish(schoolId, done.affected, done.hw.lessonId);
    return presentHomework(done.hw, done.chosen, done.files);
  });

  app.delete('/schools/:schoolId/homework/:id', {
    schema: { tags, summary: 'Удалить домашнее задание', params: ZSchoolItemParams, querystring: ZHomeworkDeleteQuery, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    const done = await homework.deleteHomework(db(), req.actor, schoolId, id, req.query.version, app.now());
    publish(schoolId, done.affected, done.lessonId);
    return { deleted: true as const };
  });
};
