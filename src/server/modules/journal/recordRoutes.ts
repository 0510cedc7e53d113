import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZAbsenceConfirm, ZAbsenceList, ZAbsenceQuery, ZAttendance, ZAttendanceList, ZAttendanceParams, ZAttendancePut, ZAttendanceTaking, ZClassParams,
  ZJournal, ZJournalQuery, ZLessonParams, ZMark, ZMarkCreate, ZMarkDeleteBody, ZMarkDeleteQuery, ZMarkHistory, ZMarkUpdate,
} from '../../../shared/contract/journal.ts';
import type { DiaryChange } from '../../events/diaryBus.ts';
import { plainJson } from '../../plugins/plainJson.ts';
import { auditReason } from '../../db/auditReason.ts';
import { assertCanReadJournal } from '../../policy/journal.ts';
import { classNotFound, groupNotFound, lessonNotFound } from '../../policy/notFound.ts';
import { type Actor, assertCan } from '../../policy/policy.ts';
import { assertKeepsClass } from '../../policy/scope.ts';
import { getLesson } from '../timetable/service.ts';
import * as attendance from './attendanceService.ts';
import { journalPage } from './gridService.ts';
import * as marks from './markService.ts';
import { presentAttendance, presentMark, presentMarkVersion, presentTaking } from './presenters.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };

/** The journal's records: marks (versioned), attendance, the class teacher's check of absences, the journal page. */
export const recordRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const writer = (req: { actor: Actor | null }): marks.Writer => ({ actor: req.actor, now: app.now() });
  // Only after the write has committed: an open diary never shows what was rolled back.
  const publish = (schoolId: string, kind: DiaryChange['kind'], studentIds: string[], lessonId?: string) =>
    app.diaryBus.publish({ schoolId, kind, studentIds, lessonId, at: app.now().toISOString() });

  app.post('/schools/:schoolId/lessons/:lessonId/marks', {
    schema: {
      tags: ['journal'], summary: 'Поставить отметку', params: ZLessonParams, body: ZMarkCreate, response: { 201: ZMark, ...errors },
      description: 'Идемпотентно по `id`: повтор с тем же `id`, уроком и учеником от того же автора снова отвечает 201 уже сохранённой отметкой, '
        + 'ничего не записывая (ни версии, ни записи аудита); `id`, занятый отметкой другого урока, ученика или автора, — 409 `mark.id_taken`.',
    },
  }, async (req, reply) => {
    const { schoolId, lessonId } = req.params;
    const mark = await marks.createMark(db(), writer(req), schoolId, lessonId, req.body);
    publish(schoolId, 'mark', [mark.studentId], lessonId);
    return reply.code(201).send(presentMark(mark));
  });

  app.patch('/schools/:schoolId/marks/:id', {
    schema: { tags: ['journal'], summary: 'Исправить отметку (новая версия)', params: ZSchoolItemParams, body: ZMarkUpdate, response: { 200: ZMark, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    auditReason(req.body.reason);
    const mark = await marks.updateMark(db(), writer(req), schoolId, id, req.body);
    publish(schoolId, 'mark', [mark.studentId], mark.lessonId);
    return presentMark(mark);
  });

  app.delete('/schools/:schoolId/marks/:id', {
    schema: {
      tags: ['journal'], summary: 'Удалить отметку (версия «удалена», запись сохраняется)',
      params: ZSchoolItemParams, querystring: ZMarkDeleteQuery, body: ZMarkDeleteBody, response: { 200: ZMark, ...errors },
    },
  }, async (req) => {
    const { schoolId, id } = req.params;
    const reason = req.body?.reason ?? req.query.reason;
    auditReason(reason);
    const mark = await marks.deleteMark(db(), writer(req), schoolId, id, req.body?.version ?? req.query.version, reason);
    publish(schoolId, 'mark', [mark.studentId], mark.lessonId);
    return presentMark(mark);
  });

  app.get('/schools/:schoolId/marks/:id/versions', {
    schema: { tags: ['journal'], summary: 'История отметки', params: ZSchoolItemParams, response: { 200: ZMarkHistory, ...errors } },
  }, async (req) => {
    const { schoolId, id } = req.params;
    assertCan(req.actor, 'journal.read', { schoolId });
    const history = await marks.markHistory(db(), schoolId, id);
    const lesson = await getLesson(db(), schoolId, history.mark.lessonId);
    await assertCanReadJournal(req, lesson, marks.markNotFound);
    return { mark: presentMark(history.mark), versions: history.versions.map(presentMarkVersion) };
  });

  app.put('/schools/:schoolId/lessons/:lessonId/attendance/:studentId', {
    schema: { tags: ['journal'], summary: 'Отметить посещаемость', params: ZAttendanceParams, body: ZAttendancePut, response: { 200: ZAttendance, ...errors } },
  }, async (req) => {
    const { schoolId, lessonId, studentId } = req.params;
    const row = await attendance.putAttendance(db(), writer(req), schoolId, lessonId, studentId, req.body);
    publish(schoolId, 'attendance', [studentId], lessonId);
    return presentAttendance(row);
  });

  app.post('/schools/:schoolId/lessons/:lessonId/attendance/all-present', {
    schema: {
      tags: ['journal'], summary: 'Все присутствуют: посещаемость урока отмечена', params: ZLessonParams, response: { 200: ZAttendanceTaking, ...errors },
      description: 'Отмечает, что посещаемость урока взята (кем и когда, п. 2.5 Положения 003), даже если отсутствующих нет; '
        + 'отмеченные пропуски не меняются. Повтор отвечает первой отметкой. Как и посещаемость: не раньше начала урока (409 `journal.lesson_in_future`), '
        + 'не в отменённом уроке и не в закрытом периоде.',
    },
  }, async (req) => {
    const { schoolId, lessonId } = req.params;
    // Nothing a diary shows changes: no publish.
    return presentTaking(await attendance.takeAttendance(db(), writer(req), schoolId, lessonId));
  });

  app.get('/schools/:schoolId/lessons/:lessonId/attendance', {
    schema: { tags: ['journal'], summary: 'Посещаемость урока', params: ZLessonParams, response: { 200: ZAttendanceList, ...errors } },
  }, async (req) => {
    const { schoolId, lessonId } = req.params;
    assertCan(req.actor, 'journal.read', { schoolId });
    const lesson = await getLesson(db(), schoolId, lessonId);
    await assertCanReadJournal(req, lesson, lessonNotFound);
    return { items: (await attendance.lessonAttendance(db(), schoolId, lessonId)).map(presentAttendance) };
  });

  app.get('/schools/:schoolId/classes/:classId/absences', {
    schema: { tags: ['journal'], summary: 'Пропуски класса', params: ZClassParams, querystring: ZAbsenceQuery, response: { 200: ZAbsenceList, ...errors } },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'journal.read', schoolId, classId, classNotFound);
    return { items: await attendance.listClassAbsences(db(), schoolId, classId, req.query.from, req.query.to) };
  });

  app.post('/schools/:schoolId/classes/:classId/absences/confirm', {
    schema: { tags: ['journal'], summary: 'Подтвердить причины пропусков', params: ZClassParams, body: ZAbsenceConfirm, response: { 200: ZAbsenceList, ...errors } },
  }, async (req) => {
    const { schoolId, classId } = req.params;
    await assertKeepsClass(req, 'attendance.confirm', schoolId, classId, classNotFound);
    const items = await attendance.confirmClassAbsences(db(), writer(req), schoolId, classId, req.body);
    publish(schoolId, 'attendance', items.map((a) => a.studentId));
    return { items };
  });

  app.get('/schools/:schoolId/journal', {
    schema: { tags: ['journal'], summary: 'Страница журнала: группа, предмет, период', params: ZSchoolParams, querystring: ZJournalQuery, response: { 200: ZJournal, ...errors } },
    serializerCompiler: plainJson,
  }, async (req) => {
    const { schoolId } = req.params;
    assertCan(req.actor, 'journal.read', { schoolId });
    // Read-only: from the replica when one is configured; the teacher who just wrote reads their own write (db/pools.ts).
    return journalPage(app.database.readDb, req.actor, app.now(), schoolId, req.query,
      (teaching) => assertCanReadJournal(req, { schoolId, groupId: req.query.groupId }, groupNotFound, teaching));
  });
};
