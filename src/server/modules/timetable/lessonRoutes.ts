import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZExtraLesson, ZLesson, ZLessonCancel, ZLessonContext, ZLessonMove, ZLessonQuery, ZLessonUpdate, ZMyLessons, ZMyLessonsQuery, ZSubstitution, ZTimesheet,
  ZTimesheetQuery,
} from '../../../shared/contract/timetable.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { assertReachesLesson, lessonReach } from '../../policy/lessons.ts';
import { lessonContext } from './lessonContext.ts';
import * as lessons from './lessonsService.ts';
import { presentLesson } from './presenters.ts';
import { listLessons, type LessonRow } from './queries.ts';
import { getLesson } from './service.ts';
import { myLessons, timesheet } from './teacherViews.ts';
import { studentIdsInGroupOn } from '../../roster/groupStays.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const tags = ['timetable'];

/** After the write has committed: open diaries of the group's students refresh the lesson. */
async function publish(app: FastifyInstance, lesson: LessonRow) {
  const studentIds = await studentIdsInGroupOn(app.database.db, lesson.schoolId, lesson.groupId, lesson.date);
  app.diaryBus.publish({ schoolId: lesson.schoolId, studentIds, kind: 'lesson', lessonId: lesson.id, at: app.now().toISOString() });
}

export const lessonRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  /** The lesson if the actor reads its journal; 404 otherwise (also for another school's lesson). */
  const readable = async (req: FastifyRequest, { schoolId, id }: { schoolId: string; id: string }) =>
    assertReachesLesson(await lessonReach(req, schoolId), await getLesson(db(), schoolId, id));
  const written = async (lesson: LessonRow) => {
    await publish(app, lesson);
    return presentLesson(lesson);
  };

  app.get('/schools/:schoolId/lessons', {
    schema: { tags, summary: 'Уроки', params: ZSchoolParams, querystring: ZLessonQuery, response: { 200: ZPage(ZLesson), ...errors } },
  }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    const reach = await lessonReach(req, req.params.schoolId);
    const page = toPage(await listLessons(db(), req.params.schoolId, filter, reach, cursor, limit), limit, (l) => [l.date, l.lessonNumber, l.id]);
    return { items: page.items.map(presentLesson), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/lessons', {
    schema: { tags, summary: 'Дополнительный урок', params: ZSchoolParams, body: ZExtraLesson, response: { 201: ZLesson, ...errors } },
  }, async (req, reply) => {
    const lesson = await lessons.createExtraLesson(db(), req.actor, req.params.schoolId, req.body, app.now());
    return reply.code(201).send(await written(lesson));
  });

  app.get('/schools/:schoolId/lessons/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZLesson, ...errors } },
  }, async (req) => presentLesson(await readable(req, req.params)));

  app.get('/schools/:schoolId/lessons/:id/context', {
    schema: { tags, summary: 'Урок для редактора: группа, ученики, следующие уроки, КТП, можно ли править', params: ZSchoolItemParams, response: { 200: ZLessonContext, ...errors } },
  }, async (req) => lessonContext(db(), req.actor, await readable(req, req.params), app.now()));

  app.patch('/schools/:schoolId/lessons/:id', {
    schema: { tags, summary: 'Тема, заметки, виды работ урока', params: ZSchoolItemParams, body: ZLessonUpdate, response: { 200: ZLesson, ...errors } },
  }, async (req) => written(await lessons.updateLesson(db(), req.actor, await readable(req, req.params), req.body, app.now())));

  app.post('/schools/:schoolId/lessons/:id/move', {
    schema: { tags, summary: 'Перенести урок', params: ZSchoolItemParams, body: ZLessonMove, response: { 200: ZLesson, ...errors } },
  }, async (req) => written(await lessons.moveLesson(db(), req.actor, await readable(req, req.params), req.body, app.now())));

  app.post('/schools/:schoolId/lessons/:id/cancel', {
    schema: { tags, summary: 'Отменить урок', params: ZSchoolItemParams, body: ZLessonCancel, response: { 200: ZLesson, ...errors } },
  }, async (req) => written(await lessons.cancelLesson(db(), req.actor, await readable(req, req.params), req.body, app.now())));

  app.post('/schools/:schoolId/lessons/:id/substitution', {
    schema: { tags, summary: 'Назначить или снять замену', params: ZSchoolItemParams, body: ZSubstitution, response: { 200: ZLesson, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'timetable.write', req.params);
    return written(await lessons.setSubstitute(db(), await getLesson(db(), req.params.schoolId, req.params.id), req.body));
  });

  app.get('/schools/:schoolId/me/lessons', {
    schema: { tags, summary: 'Мои уроки на день', params: ZSchoolParams, querystring: ZMyLessonsQuery, response: { 200: ZMyLessons, ...errors } },
  }, async (req) => myLessons(db(), req.actor, req.params.schoolId, req.query.date, app.now()));

  app.get('/schools/:schoolId/timesheet', {
    schema: { tags, summary: 'Табель: уроки, замены, отмены', params: ZSchoolParams, querystring: ZTimesheetQuery, response: { 200: ZTimesheet, ...errors } },
  }, async (req) => timesheet(db(), req.actor, req.params.schoolId, req.query, app.now()));
};
