import type { z } from 'zod';
import type { ZExtraLesson, ZLessonCancel, ZLessonMove, ZLessonUpdate, ZSubstitution } from '../../../shared/contract/timetable.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { requestContext } from '../../db/requestContext.ts';
import { AppError, badRequest, referenced } from '../../errors.ts';
import { assertCanReschedule as assertMayReschedule, assertCanWriteLesson, assertTeaches, lessonWriter } from '../../policy/lessons.ts';
import type { Actor } from '../../policy/policy.ts';
import { getYear } from '../calendar/service.ts';
import { assertJournalOpen } from '../grading/locks.ts';
import { lockSchool } from '../organisation/service.ts';
import { getStaff } from '../people/service.ts';
import { groupsByIds, roomNames } from '../structure/service.ts';
import { presentLesson } from './presenters.ts';
import * as q from './queries.ts';
import { findTopic } from './topicQueries.ts';

const stale = (current: q.LessonRow) =>
  new AppError('lesson.stale', 409, 'Урок уже изменён другим пользователем: обновите страницу', undefined, presentLesson(current));
const cancelledLesson = () => new AppError('lesson.cancelled', 409, 'Урок отменён');
const clashWith = (other: q.LessonRow) =>
  new AppError('lesson.clash', 409, 'В это время у группы или учителя уже есть урок', { lessonNumber: 'Время занято' }, presentLesson(other));

/** The date must lie in the academic year of the lesson's group. */
async function assertInYear(db: Db, schoolId: string, groupId: string, date: string) {
  const [group] = await groupsByIds(db, schoolId, [groupId]);
  if (!group) throw badRequest('teaching_group.not_found', 'Группа не найдена', { groupId: 'Группа не найдена' });
  const year = await getYear(db, schoolId, group.academicYearId);
  if (date < year.startsOn || date > year.endsOn) throw badRequest('validation.failed', 'Дата вне учебного года', { date: 'Вне учебного года группы' });
}

/** Writes with the version the client saw; a stale version answers 409 with the lesson as it is now. */
async function writeVersioned(tx: Db, lesson: q.LessonRow, version: number, patch: Partial<q.LessonInsert>) {
  if (lesson.version !== version) throw stale(lesson);
  const row = await q.updateLessonAt(tx, lesson.schoolId, lesson.id, version, patch);
  if (!row) throw stale((await q.findLesson(tx, lesson.schoolId, lesson.id))!);
  return row;
}

/** PATCH a lesson: topic (or a topic of the КТП), notes, work types — by its teacher or its substitute. */
export async function updateLesson(db: Db, actor: Actor | null, lesson: q.LessonRow, input: z.infer<typeof ZLessonUpdate>, now: Date) {
  const patch = await lessonUpdateOf(db, actor, lesson, input, now);
  return db.transaction((tx) => writeLessonUpdate(tx, lesson, input.version, patch));
}

/** The version check and the write of a checked lesson patch, inside the caller's transaction. */
export const writeLessonUpdate = (tx: Db, lesson: q.LessonRow, version: number, patch: Partial<q.LessonInsert>) => writeVersioned(tx, lesson, version, patch);

/**
 * Checks a lesson update (who, open period, work types, КТП topic) and returns the row patch;
 * nothing is written. The lesson page's single save writes it with the homework in one transaction.
 */
export async function lessonUpdateOf(db: Db, actor: Actor | null, lesson: q.LessonRow, input: z.infer<typeof ZLessonUpdate>, now: Date) {
  lessonWriter(actor, 'lesson.write', lesson.schoolId);
  await assertCanWriteLesson(db, actor, 'lesson.write', lesson);
  if (lesson.status === 'cancelled') throw cancelledLesson();
  await assertJournalOpen(db, lesson, now);
  const patch: Partial<q.LessonInsert> = {};
  if (input.notes !== undefined) patch.notes = input.notes;
  if (input.workTypeIds !== undefined) {
    const ids = [...new Set(input.workTypeIds)];
    if ((await q.activeWorkTypeIds(db, lesson.schoolId, ids)).length !== ids.length) {
      throw badRequest('work_type.not_found', 'Вид работы не найден', { workTypeIds: 'Вид работы не найден в этой школе' });
    }
    patch.workTypeIds = ids;
  }
  if (input.plannedTopicId !== undefined) {
    patch.plannedTopicId = input.plannedTopicId;
    if (input.plannedTopicId !== null) {
      const topic = await findTopic(db, lesson.schoolId, input.plannedTopicId);
      if (!topic || topic.groupId !== lesson.groupId || topic.subjectId !== lesson.subjectId) {
        throw badRequest('planned_topic.not_found', 'Темы нет в КТП', { plannedTopicId: 'Темы нет в КТП этой группы по этому предмету' });
      }
      if (input.topic === undefined) patch.topic = topic.title;
    }
  }
  if (input.topic !== undefined) patch.topic = input.topic;
  if (Object.keys(patch).length === 0) throw new AppError('validation.nothing_to_update', 400, 'Нет полей для изменения');
  // Compliance: when the topic was first written (lessons with no topic, seed 003).
  if (patch.topic && !lesson.topicWrittenAt) patch.topicWrittenAt = now;
  return patch;
}

/** An extra lesson a teacher adds for his own group and subject. */
export async function createExtraLesson(db: Db, actor: Actor | null, schoolId: string, input: z.infer<typeof ZExtraLesson>, now: Date) {
  lessonWriter(actor, 'lesson.write', schoolId);
  await assertInYear(db, schoolId, input.groupId, input.date);
  const staffId = await assertTeaches(db, actor, 'lesson.write', schoolId, input.groupId, input.subjectId);
  if (input.roomId && !(await roomNames(db, schoolId, [input.roomId])).has(input.roomId)) {
    throw badRequest('room.not_found', 'Кабинет не найден', { roomId: 'Кабинет не найден' });
  }
  await assertJournalOpen(db, { schoolId, ...input }, now);
  return db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const clash = await q.lessonAt(tx, schoolId, { groupId: input.groupId, staffIds: [staffId], date: input.date, lessonNumber: input.lessonNumber });
    if (clash) throw clashWith(clash);
    const topic = input.topic ?? '';
    return q.insertLesson(tx, {
      schoolId, id: newId(), groupId: input.groupId, subjectId: input.subjectId, staffId, roomId: input.roomId ?? null,
      date: input.date, lessonNumber: input.lessonNumber, originalDate: input.date, originalLessonNumber: input.lessonNumber,
      kind: 'extra', topic, topicWrittenAt: topic ? now : null,
    });
  });
}

/** Moving and cancelling: who may (policy/lessons.ts), in an open period, to a date in an open period. */
async function assertCanReschedule(db: Db, actor: Actor | null, lesson: q.LessonRow, now: Date, newDate?: string) {
  await assertMayReschedule(db, actor, lesson);
  await assertJournalOpen(db, lesson, now);
  if (newDate) await assertJournalOpen(db, { ...lesson, date: newDate }, now);
}

/** Seed 003, 1.4: the lesson keeps its record and its original date and number. */
export async function moveLesson(db: Db, actor: Actor | null, lesson: q.LessonRow, input: z.infer<typeof ZLessonMove>, now: Date) {
  await assertCanReschedule(db, actor, lesson, now, input.date);
  if (lesson.status === 'cancelled') throw cancelledLesson();
  if (lesson.date === input.date && lesson.lessonNumber === input.lessonNumber) {
    throw badRequest('lesson.same_time', 'Урок уже стоит в это время', { date: 'Урок уже стоит в это время' });
  }
  await assertInYear(db, lesson.schoolId, lesson.groupId, input.date);
  return db.transaction(async (tx) => {
    await lockSchool(tx, lesson.schoolId);
    const staffIds = [lesson.substituteStaffId ?? lesson.staffId];
    const clash = await q.lessonAt(tx, lesson.schoolId, { groupId: lesson.groupId, staffIds, date: input.date, lessonNumber: input.lessonNumber }, lesson.id);
    if (clash) throw clashWith(clash);
    const originalDate = lesson.originalDate ?? lesson.date;
    const originalLessonNumber = lesson.originalLessonNumber ?? lesson.lessonNumber;
    const back = input.date === originalDate && input.lessonNumber === originalLessonNumber;
    return writeVersioned(tx, lesson, input.version, {
      date: input.date, lessonNumber: input.lessonNumber, originalDate, originalLessonNumber,
      status: back ? 'scheduled' : 'moved', statusReason: back ? '' : input.reason ?? '',
    });
  });
}

/** The row stays (status `cancelled`, with the reason); a lesson holding marks or attendance cannot be cancelled. */
export async function cancelLesson(db: Db, actor: Actor | null, lesson: q.LessonRow, input: z.infer<typeof ZLessonCancel>, now: Date) {
  await assertCanReschedule(db, actor, lesson, now);
  if (lesson.status === 'cancelled') throw cancelledLesson();
  if (await q.lessonHasEntries(db, lesson.schoolId, lesson.id)) {
    throw new AppError('lesson.has_entries', 409, 'На уроке уже выставлены отметки или посещаемость: отмена невозможна');
  }
  const context = requestContext.getStore();
  if (context) context.reason = input.reason;
  return db.transaction((tx) => writeVersioned(tx, lesson, input.version, { status: 'cancelled', statusReason: input.reason }));
}

/** Замена: the deputy names the teacher who takes the lesson (or removes him with null). */
export async function setSubstitute(db: Db, lesson: q.LessonRow, input: z.infer<typeof ZSubstitution>) {
  if (lesson.status === 'cancelled') throw cancelledLesson();
  const { staffId } = input;
  if (staffId !== null) {
    if (staffId === lesson.staffId) throw badRequest('substitution.same_teacher', 'Это учитель самого урока', { staffId: 'Это учитель самого урока' });
    const substitute = await referenced(getStaff(db, lesson.schoolId, staffId), 'staffId');
    if (substitute.dismissedOn !== null && substitute.dismissedOn < lesson.date) {
      throw badRequest('staff.dismissed', 'Сотрудник уволен', { staffId: 'Сотрудник уволен' });
    }
  }
  return db.transaction(async (tx) => {
    await lockSchool(tx, lesson.schoolId);
    if (staffId !== null) {
      const clash = await q.lessonAt(tx, lesson.schoolId, { groupId: lesson.groupId, staffIds: [staffId], date: lesson.date, lessonNumber: lesson.lessonNumber }, lesson.id);
      if (clash) throw clashWith(clash);
    }
    return writeVersioned(tx, lesson, input.version, { substituteStaffId: staffId });
  });
}
