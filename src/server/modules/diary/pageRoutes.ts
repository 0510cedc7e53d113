import { gunzipSync } from 'node:zlib';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError } from '../../../shared/contract/common.ts';
import {
  ZDiaryFinalMarks, ZDiaryFinalMarksQuery, ZDiaryMarks, ZDiaryMarksQuery, ZDiaryParams, ZDiaryStudents, ZDiaryWeek, ZDiaryWeekQuery,
} from '../../../shared/contract/diary.ts';
import { todayUtc } from '../../../shared/domain/person.ts';
import { AppError } from '../../errors.ts';
import { authorise } from '../../policy/scope.ts';
import * as diary from './service.ts';
import { diaryStudents } from './students.ts';
import { acceptsGzip, WeekCache } from './weekCache.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError };
const path = '/schools/:schoolId/students/:studentId/diary';
/** ~5,000 weeks of ~6 KB gzipped. */
const WEEK_CACHE_BYTES = 32 * 1024 * 1024;

/** The diary's pages: read-only, from the replica when one is configured (`readDb`). */
export const pageRoutes: FastifyPluginAsyncZod = async (app) => {
  const readDb = () => app.database.readDb;
  // Parents open the same week again and again in the evening, when nothing changes.
  const weeks = new WeekCache(WEEK_CACHE_BYTES);

  app.get(`${path}/week`, {
    schema: {
      tags: ['diary'], summary: 'Дневник: неделя (понедельник — суббота)', params: ZDiaryParams, querystring: ZDiaryWeekQuery,
      response: { 200: ZDiaryWeek, ...errors },
    },
  }, async (req, reply) => {
    await authorise(req, 'diary.read', req.params);
    const week = await diary.cachedDiaryWeek(readDb(), weeks, req.params.schoolId, req.params.studentId, req.query.date);
    // Already serialised by the contract's schema (service.ts): Fastify sends a string or a buffer as it is.
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    // A week is ~45 KB of JSON and ~6 KB gzipped: on a parent's phone that is the difference that counts.
    if (acceptsGzip(req.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(week as never);
    return reply.send(gunzipSync(week) as never);
  });

  app.get(`${path}/marks`, {
    schema: {
      tags: ['diary'], summary: 'Дневник: оценки за период по предметам', params: ZDiaryParams, querystring: ZDiaryMarksQuery,
      response: { 200: ZDiaryMarks, ...errors },
    },
  }, async (req) => {
    await authorise(req, 'diary.read', req.params);
    return diary.diaryMarks(readDb(), req.params.schoolId, req.params.studentId, req.query.periodId, app.now());
  });

  app.get(`${path}/final-marks`, {
    schema: {
      tags: ['diary'], summary: 'Дневник: итоговые отметки за периоды и год', params: ZDiaryParams, querystring: ZDiaryFinalMarksQuery,
      response: { 200: ZDiaryFinalMarks, ...errors },
    },
  }, async (req) => {
    await authorise(req, 'diary.read', req.params);
    return diary.diaryFinalMarks(readDb(), req.params.schoolId, req.params.studentId, req.query.academicYearId);
  });

  app.get('/me/diary-students', {
    schema: { tags: ['diary'], summary: 'Чьи дневники я могу открыть', response: { 200: ZDiaryStudents, 401: ZError } },
  }, async (req) => {
    if (!req.actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
    return { items: await diaryStudents(readDb(), req.actor, todayUtc(app.now())) };
  });
};
