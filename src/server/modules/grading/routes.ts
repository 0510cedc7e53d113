import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZAcceptBatchParams, ZAcceptConfirm, ZAcceptPreview, ZAcceptResult, ZAcceptUndoResult,
  ZClosurePreview, ZGradingPolicy, ZGradingPolicyVersions, ZGradingRules, ZPeriodClosure, ZPeriodMark, ZPeriodMarkBatch, ZPeriodMarkList, ZPeriodMarkQuery,
  ZPeriodMarkSet, ZPeriodMarkSheet,
  ZPeriodParams, ZReopening, ZReopeningCreate,
} from '../../../shared/contract/grading.ts';
import { assertCan } from '../../policy/policy.ts';
import { assertCanGradeGroup, assertCanReadGroupMarks } from '../../policy/grading.ts';
import { examMarkRoutes } from './examMarkRoutes.ts';
import { workTypeRoutes } from './workTypeRoutes.ts';
import * as accepts from './acceptService.ts';
import * as closures from './closureService.ts';
import * as marks from './periodMarksService.ts';
import * as policies from './policyService.ts';
import { presentAcceptBatch, presentClosure, presentPeriodMark, presentPolicy, presentReopening } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const gradingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const tags = ['grading'];
  await app.register(workTypeRoutes);
  await app.register(examMarkRoutes);

  app.get('/schools/:schoolId/grading-policy', {
    schema: { tags, summary: 'Правила выставления итоговых отметок', params: ZSchoolParams, response: { 200: ZGradingPolicy, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'gradingPolicy.read', req.params);
    return presentPolicy(await policies.schoolPolicy(db(), req.params.schoolId));
  });

  app.put('/schools/:schoolId/grading-policy', {
    schema: { tags, summary: 'Новая версия правил', params: ZSchoolParams, body: ZGradingRules, response: { 200: ZGradingPolicy, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'gradingPolicy.write', req.params);
    return presentPolicy(await policies.writePolicy(db(), req.params.schoolId, req.body, req.actor!.userId));
  });

  app.get('/schools/:schoolId/grading-policy/versions', {
    schema: { tags, summary: 'Версии правил', params: ZSchoolParams, response: { 200: ZGradingPolicyVersions, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'gradingPolicy.read', req.params);
    return { items: (await policies.listPolicyVersions(db(), req.params.schoolId)).map(presentPolicy) };
  });

  app.get('/schools/:schoolId/period-marks', {
    schema: {
      tags, summary: 'Итоговые отметки группы по предмету за период или год', params: ZSchoolParams, querystring: ZPeriodMarkQuery,
      response: { 200: ZPeriodMarkSheet, ...errors },
    },
  }, async (req) => {
    await assertCanReadGroupMarks(req, req.params.schoolId, req.query.groupId);
    return marks.periodMarkSheet(db(), req.params.schoolId, req.query, app.now(), req.actor?.userId);
  });

  app.get('/schools/:schoolId/period-marks/accept-preview', {
    schema: {
      tags, summary: '«Принять предложенные»: какие отметки будут выставлены', params: ZSchoolParams, querystring: ZPeriodMarkQuery,
      response: { 200: ZAcceptPreview, ...errors },
    },
  }, async (req) => {
    await assertCanGradeGroup(db(), req.actor, req.params.schoolId, req.query.groupId, req.query.subjectId, 'periodMark.accept');
    return accepts.acceptPreview(db(), req.params.schoolId, req.query, app.now());
  });

  app.post('/schools/:schoolId/period-marks/accept', {
    schema: {
      tags, summary: '«Принять предложенные»: подтвердить показанные отметки (все или ни одной)', params: ZSchoolParams, body: ZAcceptConfirm,
      response: { 201: ZAcceptResult, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId } = req.params;
    await assertCanGradeGroup(db(), req.actor, schoolId, req.body.groupId, req.body.subjectId, 'periodMark.accept');
    const now = app.now();
    const { batch, rows } = await accepts.acceptConfirm(db(), schoolId, req.body, req.actor!.userId, now);
    app.diaryBus.publish({ schoolId, studentIds: rows.map((r) => r.studentId), kind: 'periodMark', at: now.toISOString() });
    return reply.code(201).send({ batch: presentAcceptBatch(batch), items: rows.map(presentPeriodMark) });
  });

  app.post('/schools/:schoolId/period-marks/accepts/:batchId/undo', {
    schema: { tags, summary: 'Отменить принятие предложенных отметок', params: ZAcceptBatchParams, response: { 200: ZAcceptUndoResult, ...errors } },
  }, async (req) => {
    const { schoolId, batchId } = req.params;
    const now = app.now();
    const result = await accepts.undoAccept(db(), req.actor, schoolId, batchId, now);
    app.diaryBus.publish({ schoolId, studentIds: result.studentIds, kind: 'periodMark', at: now.toISOString() });
    return { restored: result.restored.map(presentPeriodMark), removed: result.removed };
  });

  app.put('/schools/:schoolId/period-marks', {
    schema: { tags, summary: 'Выставить итоговую отметку', params: ZSchoolParams, body: ZPeriodMarkSet, response: { 200: ZPeriodMark, ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    await assertCanGradeGroup(db(), req.actor, schoolId, req.body.groupId, req.body.subjectId);
    const now = app.now();
    const row = await marks.setPeriodMark(db(), schoolId, req.body, req.actor!.userId, now);
    app.diaryBus.publish({ schoolId, studentIds: [row.studentId], kind: 'periodMark', at: now.toISOString() });
    return presentPeriodMark(row);
  });

  app.put('/schools/:schoolId/period-marks/batch', {
    schema: {
      tags, summary: 'Выставить итоговые отметки нескольким обучающимся (все или ни одной)', params: ZSchoolParams, body: ZPeriodMarkBatch,
      response: { 200: ZPeriodMarkList, ...errors },
    },
  }, async (req) => {
    const { schoolId } = req.params;
    await assertCanGradeGroup(db(), req.actor, schoolId, req.body.groupId, req.body.subjectId);
    const now = app.now();
    const rows = await marks.setPeriodMarks(db(), schoolId, req.body, req.actor!.userId, now);
    app.diaryBus.publish({ schoolId, studentIds: rows.map((r) => r.studentId), kind: 'periodMark', at: now.toISOString() });
    return { items: rows.map(presentPeriodMark) };
  });

  app.get('/schools/:schoolId/periods/:periodId/closure', {
    schema: { tags, summary: 'Закрыт ли период и для кого открыт', params: ZPeriodParams, response: { 200: ZPeriodClosure, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'periodClosure.read', req.params);
    return presentClosure(await closures.closureState(db(), req.params.schoolId, req.params.periodId, app.now()));
  });

  app.get('/schools/:schoolId/periods/:periodId/closure/preview', {
    schema: {
      tags, summary: 'Что ещё не заполнено перед закрытием периода', params: ZPeriodParams, response: { 200: ZClosurePreview, ...errors },
      description: 'Закончился ли период, сколько учеников (по предметам) без итоговой отметки, сколько проведённых уроков без темы '
        + 'и без отметки посещаемости. Для тех, кто закрывает период.',
    },
  }, async (req) => {
    assertCan(req.actor, 'period.close', req.params);
    return closures.closurePreview(db(), req.params.schoolId, req.params.periodId, app.now());
  });

  app.post('/schools/:schoolId/periods/:periodId/close', {
    schema: { tags, summary: 'Закрыть период', params: ZPeriodParams, response: { 201: ZPeriodClosure, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'period.close', req.params);
    const state = await closures.closePeriod(db(), req.params.schoolId, req.params.periodId, req.actor!.userId, app.now());
    return reply.code(201).send(presentClosure(state));
  });

  app.post('/schools/:schoolId/periods/:periodId/reopen', {
    schema: { tags, summary: 'Открыть закрытый период для исправлений', params: ZPeriodParams, body: ZReopeningCreate, response: { 201: ZReopening, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'period.reopen', req.params);
    const row = await closures.reopenPeriod(db(), req.params.schoolId, req.params.periodId, req.body, req.actor!.userId, app.now());
    return reply.code(201).send(presentReopening(row));
  });
};
