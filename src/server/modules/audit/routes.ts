import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAccountParams, ZAuditEntry, ZAuditQuery, ZCompromiseCreate, ZCompromiseCreated, ZCompromiseReport,
  ZCompromiseReportDetail, ZLessonDecision, ZReportEntryParams, ZReportLessonParams, ZReviewedEntry,
} from '../../../shared/contract/audit.ts';
import { ZError, ZPage, ZPageQuery, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import { assertCan } from '../../policy/policy.ts';
import * as compromise from './compromiseService.ts';
import { presentAuditEntry, presentReport, presentReviewedEntry } from './presenters.ts';
import { listAudit } from './service.ts';
import { clientOf } from '../accounts/sessions/cookie.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  // An open diary learns at once that a value went back (or came back), only after the commit.
  const publish = (schoolId: string, studentIds: string[]) => {
    if (studentIds.length > 0) app.diaryBus.publish({ schoolId, kind: 'mark', studentIds, at: app.now().toISOString() });
  };

  app.get('/schools/:schoolId/audit', {
    schema: {
      tags: ['audit'], summary: 'Журнал аудита школы: кто, когда, откуда, что было и что стало (новые сверху; from включительно, to включительно)',
      params: ZSchoolParams, querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntry), ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'audit.read', { schoolId: req.params.schoolId });
    const page = await listAudit(db(), req.params.schoolId, req.query);
    return { items: page.items.map(presentAuditEntry(page.names)), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/accounts/:userId/compromise', {
    schema: {
      tags: ['audit'], summary: 'Сообщить о компрометации учётной записи: сеансы завершаются, запись блокируется, её операции с момента since — недействительны',
      params: ZAccountParams, body: ZCompromiseCreate, response: { 201: ZCompromiseCreated, ...errors },
    },
  }, async (req, reply) => {
    const { schoolId, userId } = req.params;
    assertCan(req.actor, 'account.report_compromise', { schoolId });
    const done = await compromise.reportCompromise(db(), req.actor!, schoolId, userId, req.body, clientOf(req), app.now());
    publish(schoolId, done.studentIds);
    return reply.code(201).send({ ...presentReport(done.names)(done.report), endedSessions: done.endedSessions });
  });

  app.get('/schools/:schoolId/compromise-reports', {
    schema: { tags: ['audit'], summary: 'Сообщения о компрометации', params: ZSchoolParams, querystring: ZPageQuery, response: { 200: ZPage(ZCompromiseReport), ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'compromise.review', { schoolId: req.params.schoolId });
    const page = await compromise.listReports(db(), req.params.schoolId, req.query.cursor, req.query.limit);
    return { items: page.items.map(presentReport(page.names)), nextCursor: page.nextCursor };
  });

  app.get('/schools/:schoolId/compromise-reports/:id', {
    schema: { tags: ['audit'], summary: 'Сообщение и недействительные операции', params: ZSchoolItemParams, response: { 200: ZCompromiseReportDetail, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'compromise.review', { schoolId: req.params.schoolId });
    const { report, changes, lessons, names } = await compromise.getReport(db(), req.params.schoolId, req.params.id);
    return { ...presentReport(names)(report), changes: changes.map(presentReviewedEntry), lessons };
  });

  app.post('/schools/:schoolId/compromise-reports/:id/entries/:seq/revert', {
    schema: { tags: ['audit'], summary: 'Отменить операцию (новая запись аудита от имени администратора)', params: ZReportEntryParams, response: { 200: ZReviewedEntry, ...errors } },
  }, async (req) => {
    const { schoolId, id, seq } = req.params;
    assertCan(req.actor, 'compromise.review', { schoolId });
    return presentReviewedEntry(await compromise.revertChange(db(), req.actor!, schoolId, id, seq, app.now()));
  });

  app.post('/schools/:schoolId/compromise-reports/:id/entries/:seq/confirm', {
    schema: {
      tags: ['audit'], summary: 'Подтвердить аннулирование операции журнала (остаётся прежнее значение) или оставить прочую операцию',
      params: ZReportEntryParams, response: { 200: ZReviewedEntry, ...errors },
    },
  }, async (req) => {
    const { schoolId, id, seq } = req.params;
    assertCan(req.actor, 'compromise.confirm', { schoolId });
    return presentReviewedEntry(await compromise.confirmChange(db(), req.actor!, schoolId, id, seq, app.now()));
  });

  app.post('/schools/:schoolId/compromise-reports/:id/entries/:seq/restore', {
    schema: {
      tags: ['audit'], summary: 'Восстановить аннулированную операцию журнала (новая версия от имени администратора)',
      params: ZReportEntryParams, response: { 200: ZReviewedEntry, ...errors },
    },
  }, async (req) => {
    const { schoolId, id, seq } = req.params;
    assertCan(req.actor, 'compromise.restore', { schoolId });
    const done = await compromise.decideJournal(db(), req.actor!, schoolId, id, { seq }, 'restored', app.now());
    publish(schoolId, done.studentIds);
    return presentReviewedEntry(await compromise.findChange(db(), schoolId, id, seq));
  });

  for (const [what, status, action, summary] of [
    ['restore', 'restored', 'compromise.restore', 'Восстановить все аннулированные операции урока'],
    ['confirm', 'confirmed', 'compromise.confirm', 'Подтвердить аннулирование всех операций урока'],
  ] as const) {
    app.post(`/schools/:schoolId/compromise-reports/:id/lessons/:lessonId/${what}`, {
      schema: { tags: ['audit'], summary, params: ZReportLessonParams, response: { 200: ZLessonDecision, ...errors } },
    }, async (req) => {
      const { schoolId, id, lessonId } = req.params;
      assertCan(req.actor, action, { schoolId });
      const done = await compromise.decideJournal(db(), req.actor!, schoolId, id, { lessonId }, status, app.now());
      publish(schoolId, done.studentIds);
      return { lessonId, status, seqs: done.seqs };
    });
  }
};
