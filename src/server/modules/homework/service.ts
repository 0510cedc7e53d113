import type { HomeworkCreate, HomeworkUpdate } from '../../../shared/contract/homework.ts';
import { addDays, schoolDays } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, conflict, found } from '../../errors.ts';
import { recipientsOf } from '../../policy/homework.ts';
import { assertCanWriteLesson } from '../../policy/lessons.ts';
import { homeworkNotFound } from '../../policy/notFound.ts';
import type { Actor } from '../../policy/policy.ts';
import { studentIdsInGroupOn } from '../../roster/groupStays.ts';
import { getYear, holidaysOfYear } from '../calendar/service.ts';
import { assertJournalOpen } from '../grading/locks.ts';
import { gradeOfGroup } from '../structure/service.ts';
import { getLesson, type LessonRow } from '../timetable/service.ts';
import { presentHomework } from './presenters.ts';
import * as q from './queries.ts';

type Lesson = Pick<LessonRow, 'id' | 'schoolId' | 'groupId' | 'subjectId' | 'date' | 'lessonNumber'>;

/** A homework with its chosen students and live files. */
export type HomeworkView = { hw: q.HomeworkWithLesson; chosen: string[]; files: q.AttachmentRow[] };
/** A write's result: the homework as it is now, and the students whose diaries show the change. */
export type HomeworkWrite = HomeworkView & { affected: string[] };

export async function getHomework(db: Db, schoolId: string, id: string): Promise<HomeworkView> {
  const hw = found(await q.findHomework(db, schoolId, id), homeworkNotFound);
  const [chosen, files] = await Promise.all([q.studentsOf(db, schoolId, [id]), q.attachmentsOf(db, schoolId, [id])]);
  return { hw, chosen: chosen.map((c) => c.studentId), files };
}

/** The page's homework with their students and files: three queries for the whole page. */
export async function listHomework(db: Db, schoolId: string, filter: q.ListFilter, cursor: string | undefined, limit: number) {
  if (filter.from && filter.to && filter.from > filter.to) throw badRequest('validation.failed', 'Проверьте заполнение полей', { to: 'Не раньше начала' });
  const rows = await q.listHomework(db, schoolId, filter, cursor, limit);
  const ids = rows.slice(0, limit).map((r) => r.id);
  const [chosen, files] = await Promise.all([q.studentsOf(db, schoolId, ids), q.attachmentsOf(db, schoolId, ids)]);
  const view = (hw: q.HomeworkWithLesson): HomeworkView => ({
    hw,
    chosen: chosen.filter((c) => c.homeworkId === hw.id).map((c) => c.studentId),
    files: files.filter((f) => f.homeworkId === hw.id),
  });
  return { rows, view };
}

/** The lesson's writer only (policy/lessons.ts), in an open period; for anyone else the homework does not exist. */
export async function assertCanWriteHomework(db: Db, actor: Actor | null, hw: q.HomeworkWithLesson, now: Date) {
  await assertCanWriteLesson(db, actor, 'homework.write', hw, { notFoundAs: homeworkNotFound });
  await assertJournalOpen(db, { schoolId: hw.schoolId, groupId: hw.groupId, subjectId: hw.subjectId, date: hw.lessonDate }, now);
}

const badDue = (field: 'dueLessonId' | 'dueDate', message: string) =>
  badRequest('homework.due_invalid', 'Неверный срок выполнения задания', { [field]: message });

/** The day after `date` on which the group's year has school (holidays of its grade excluded). */
async function nextSchoolDay(db: Db, lesson: Lesson): Promise<string> {
  const group = await gradeOfGroup(db, lesson.schoolId, lesson.groupId);
  if (!group) return addDays(lesson.date, 1);
  const [year, holidays] = await Promise.all([getYear(db, lesson.schoolId, group.academicYearId), holidaysOfYear(db, lesson.schoolId, group.academicYearId)]);
  const days = schoolDays(addDays(lesson.date, 1), addDays(lesson.date, 60), { weekDays: year.weekDays, holidays, grade: group.grade ?? undefined });
  return days[0] ?? addDays(lesson.date, 1);
}

/**
 * The due lesson and date: the lesson named (of the same group and subject, after this one), the
 * group's lesson of the subject on the date named, or by default its next lesson of the subject;
 * with none in the timetable, the next school day.
 */
async function resolveDue(db: Db, lesson: Lesson, dueLessonId: string | undefined, dueDate: string | undefined) {
  const key = { schoolId: lesson.schoolId, groupId: lesson.groupId, subjectId: lesson.subjectId };
  if (dueLessonId !== undefined) {
    const due = await getLesson(db, lesson.schoolId, dueLessonId).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404 ? badDue('dueLessonId', 'Урок не найден') : error;
    });
    if (due.groupId !== lesson.groupId || due.subjectId !== lesson.subjectId) throw badDue('dueLessonId', 'Урок другой группы или другого предмета');
    if (due.id === lesson.id || due.date < lesson.date || (due.date === lesson.date && due.lessonNumber <= lesson.lessonNumber)) {
      throw badDue('dueLessonId', 'Урок должен быть позже урока, на котором задано');
    }
    if (due.status === 'cancelled') throw badDue('dueLessonId', 'Урок отменён');
    if (dueDate !== undefined && dueDate !== due.date) throw badDue('dueDate', 'Не совпадает с датой урока');
    return { dueLessonId: due.id as string | null, dueDate: due.date };
  }
  if (dueDate !== undefined) {
    if (dueDate < lesson.date) throw badDue('dueDate', 'Не раньше дня урока');
    const on = await q.lessonOn(db, key, dueDate, lesson.id, dueDate === lesson.date ? lesson.lessonNumber : -1);
    return { dueLessonId: on?.id ?? null, dueDate };
  }
  const next = await q.nextLesson(db, key, lesson.date);
  if (next) return { dueLessonId: next.id as string | null, dueDate: next.date };
  return { dueLessonId: null, dueDate: await nextSchoolDay(db, lesson) };
}

/** Individual homework goes only to students who sit in the lesson's group on its date. */
async function chosenStudents(db: Db, lesson: Lesson, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const inGroup = new Set(await studentIdsInGroupOn(db, lesson.schoolId, lesson.groupId, lesson.date));
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!inGroup.has(id)) fields[`studentIds.${i}`] = 'Обучающийся не в этой группе на дату урока';
  });
  if (Object.keys(fields).length > 0) {
    throw badRequest('homework.student_not_in_group', 'Индивидуальное задание можно дать только обучающимся группы на дату урока', fields);
  }
  return [...new Set(ids)];
}

export async function createHomework(db: Db, actor: Actor | null, schoolId: string, lessonId: string, input: HomeworkCreate, now: Date): Promise<HomeworkWrite> {
  const lesson = await getLesson(db, schoolId, lessonId);
  const prepared = await homeworkCreateOf(db, actor, lesson, input, now);
  await db.transaction((tx) => writeHomeworkCreate(tx, prepared));
  const view = await getHomework(db, schoolId, prepared.id);
  return { ...view, affected: await recipientsOf(db, view.hw, view.chosen) };
}

/** A checked new homework: its row and chosen students, ready to be written. */
export type PreparedHomeworkCreate = { id: string; row: Parameters<typeof q.insertHomework>[1]; chosen: string[] };

/** Checks a new homework of a lesson (who, open period, not cancelled, due lesson, students); writes nothing. */
export async function homeworkCreateOf(db: Db, actor: Actor | null, lesson: LessonRow, input: HomeworkCreate, now: Date): Promise<PreparedHomeworkCreate> {
  const { schoolId } = lesson;
  await assertCanWriteLesson(db, actor, 'homework.write', lesson);
  await assertJournalOpen(db, { schoolId, groupId: lesson.groupId, subjectId: lesson.subjectId, date: lesson.date }, now);
  if (lesson.status === 'cancelled') throw conflict('homework.lesson_cancelled', 'Урок отменён: задание к нему не задаётся');
  const due = await resolveDue(db, lesson, input.dueLessonId, input.dueDate);
  const chosen = await chosenStudents(db, lesson, input.studentIds);
  const id = newId();
  // created_at is the moment of entry: the deputy's check of seed 003, 4.3 (within 1.5 h of the lesson) reads it.
  const row = {
    schoolId, id, lessonId: lesson.id, ...due, text: input.text, pages: input.pages, tasks: input.tasks,
    expectedMinutes: input.expectedMinutes ?? null, individual: chosen.length > 0, authorUserId: actor?.userId ?? null,
    createdAt: now, updatedAt: now,
  };
  return { id, row, chosen };
}

export async function writeHomeworkCreate(tx: Db, prepared: PreparedHomeworkCreate): Promise<void> {
  await q.insertHomework(tx, prepared.row);
  await q.setStudents(tx, prepared.row.schoolId, prepared.id, prepared.chosen);
}

/** A stale version: 409 with the homework as it is now, so the client can show both. */
export async function staleOrGone(db: Db, schoolId: string, id: string): Promise<AppError> {
  const current = await q.findHomework(db, schoolId, id);
  if (!current) return homeworkNotFound();
  const { chosen, files } = await getHomework(db, schoolId, id);
  return new AppError('homework.stale', 409, 'Задание уже изменили: обновите страницу и повторите', undefined, presentHomework(current, chosen, files));
}

export async function updateHomework(db: Db, actor: Actor | null, schoolId: string, id: string, input: HomeworkUpdate, now: Date): Promise<HomeworkWrite> {
  const before = await getHomework(db, schoolId, id);
  await assertCanWriteHomework(db, actor, before.hw, now);
  if (Object.values(input).filter((v) => v !== undefined).length <= 1) {
    throw badRequest('validation.nothing_to_update', 'Нет полей для изменения');
  }
  const prepared = await homeworkUpdateOf(db, before, input, now);
  const updated = await db.transaction((tx) => writeHomeworkUpdate(tx, prepared));
  if (!updated) throw await staleOrGone(db, schoolId, id);
  const after = await getHomework(db, schoolId, id);
  const affected = [...await recipientsOf(db, before.hw, before.chosen), ...await recipientsOf(db, after.hw, after.chosen)];
  return { ...after, affected };
}

/** A checked change of a homework, ready to be written with the version the client saw. */
export type PreparedHomeworkUpdate = {
  schoolId: string; id: string; version: number;
  patch: Partial<Parameters<typeof q.insertHomework>[1]>;
  chosen: string[] | undefined;
};

/** Checks the due lesson and students of a homework change (the writer was checked by the caller); writes nothing. */
export async function homeworkUpdateOf(db: Db, before: HomeworkView, input: HomeworkUpdate, now: Date): Promise<PreparedHomeworkUpdate> {
  const { schoolId, id } = before.hw;
  const { version, studentIds, dueLessonId, dueDate, ...fields } = input;
  const lesson = await getLesson(db, schoolId, before.hw.lessonId);
  const due = dueLessonId !== undefined || dueDate !== undefined ? await resolveDue(db, lesson, dueLessonId, dueDate) : {};
  const chosen = studentIds === undefined ? undefined : await chosenStudents(db, lesson, studentIds);
  return { schoolId, id, version, chosen, patch: { ...fields, ...due, ...(chosen ? { individual: chosen.length > 0 } : {}), updatedAt: now } };
}

/** false when the version is stale or the homework is gone (the caller answers 409 or 404). */
export async function writeHomeworkUpdate(tx: Db, prepared: PreparedHomeworkUpdate): Promise<boolean> {
  const row = await q.updateHomeworkAt(tx, prepared.schoolId, prepared.id, prepared.version, prepared.patch);
  if (!row) return false;
  if (prepared.chosen) await q.setStudents(tx, prepared.schoolId, prepared.id, prepared.chosen);
  return true;
}

/** Soft delete: the row stays (the journal is a legal record), marked deleted and hidden from readers. */
export async function deleteHomework(db: Db, actor: Actor | null, schoolId: string, id: string, version: number | undefined, now: Date) {
  const view = await getHomework(db, schoolId, id);
  await assertCanWriteHomework(db, actor, view.hw, now);
  const deleted = await db.transaction(async (tx) =>
    q.updateHomeworkAt(tx, schoolId, id, version ?? view.hw.version, { deleted: true, updatedAt: now }));
  if (!deleted) throw await staleOrGone(db, schoolId, id);
  return { lessonId: view.hw.lessonId, affected: await recipientsOf(db, view.hw, view.chosen) };
}
