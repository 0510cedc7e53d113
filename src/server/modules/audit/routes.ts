import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAccountParams, ZAuditEntry, ZAuditQuery, ZCompromiseCreate, ZCompromiseCreated, ZCompromiseReport,
  ZCompromiseReportDetail, ZReportEntryParams, ZReviewedEntry,
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
    const { report, changes, names } = await compromise.getReport(db(), req.params.schoolId, req.params.id);
    return { ...presentReport(names)(report), changes: changes.map(presentReviewedEntry) };
  });

  app.post('/schools/:schoolId/compromise-reports/:id/entries/:seq/revert', {
    schema: { tags: ['audit'], summary: 'Отменить операцию (новая запись аудита от имени администратора)', params: ZReportEntryParams, response: { 200: ZReviewedEntry, ...errors } },
  }, async (req) => {
    const { schoolId, id, seq } = req.params;
    assertCan(req.actor, 'compromise.review', { schoolId });
    return presentReviewedEntry(await compromise.revertChange(db(), req.actor!, schoolId, id, seq, app.now()));
  });

  app.post('/schools/:schoolId/compromise-reports/:id/entries/:seq/confirm', {
    schema: { tags: ['audit'], summary: 'Признать операцию верной', params: ZReportEntryParams, response: { 200: ZReviewedEntry, ...errors } },
  }, async (req) => {
    const { schoolId, id, seq } = req.params;
    assertCan(req.actor, 'compromise.review', { schoolId });
    return presentReviewedEntry(await compromise.confirmChange(db(), req.actor!, schoolId, id, seq, app.now()));
  });
};
