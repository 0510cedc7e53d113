import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZExamMark, ZExamMarkQuery, ZExamMarkSet, ZExamMarkSheet, ZExamSubject, ZExamSubjectList, ZExamSubjectQuery,
} from '../../../shared/contract/exams.ts';
import { assertCanGradeGroup, assertCanReadGroupMarks } from '../../policy/grading.ts';
import { assertCan } from '../../policy/policy.ts';
import * as exams from './examMarksService.ts';
import { presentExamMark } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** Exam and final marks (seed 002, 4.3.11) and which groups' subjects end with an examination. */
export const examMarkRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const tags = ['grading'];

  app.get('/schools/:schoolId/exam-marks', {
    schema: {
      tags, summary: 'Экзаменационные и итоговые отметки группы по предмету за год', params: ZSchoolParams, querystring: ZExamMarkQuery,
      response: { 200: ZExamMarkSheet, ...errors },
    },
  }, async (req) => {
    await assertCanReadGroupMarks(req, req.params.schoolId, req.query.groupId);
    return exams.examMarkSheet(db(), req.params.schoolId, req.query, app.now());
  });

  app.put('/schools/:schoolId/exam-marks', {
    schema: { tags, summary: 'Выставить экзаменационную или итоговую отметку', params: ZSchoolParams, body: ZExamMarkSet, response: { 200: ZExamMark, ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    // The year mark's rule: the teacher of the subject in the group.
    await assertCanGradeGroup(db(), req.actor, schoolId, req.body.groupId, req.body.subjectId);
    const now = app.now();
    const row = await exams.setExamMark(db(), schoolId, req.body, req.actor!.userId, now);
    app.diaryBus.publish({ schoolId, studentIds: [row.studentId], kind: 'periodMark', at: now.toISOString() });
    return presentExamMark(row);
  });

  app.get('/schools/:schoolId/exam-subjects', {
    schema: {
      tags, summary: 'Предметы групп с экзаменом', params: ZSchoolParams, querystring: ZExamSubjectQuery, response: { 200: ZExamSubjectList, ...errors },
    },
  }, async (req) => {
    assertCan(req.actor, 'structure.read', req.params);
    return { items: await exams.listExamSubjects(db(), req.params.schoolId, req.query) };
  });

  app.put('/schools/:schoolId/exam-subjects', {
    schema: { tags, summary: 'Назначить или снять экзамен по предмету группы', params: ZSchoolParams, body: ZExamSubject, response: { 200: ZExamSubject, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'examSubject.write', req.params);
    return exams.setExamSubject(db(), req.params.schoolId, req.body, req.actor!.userId);
  });
};
