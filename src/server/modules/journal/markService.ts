import type { z } from 'zod';
import type { GroupKind, MarkScale } from '../../../shared/contract/enums.ts';
import type { ZMarkCreate, ZMarkUpdate } from '../../../shared/contract/journal.ts';
import { isMarkValue, markScaleHint, scaleAllowedFor } from '../../../shared/domain/marks.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, conflict, notFound } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { assertStudentSits, writableLesson } from './writeTarget.ts';
import * as q from './markQueries.ts';
import { presentMark } from './presenters.ts';
import { findWorkType, type WorkTypeRow } from '../grading/workTypeQueries.ts';
import type { MarkRow } from './rows.ts';

/** Who writes and when: every journal write is attributed to the actor and timed by the app's clock. */
export type Writer = { actor: Actor | null; now: Date };

export const markNotFound = () => notFound('mark', 'Отметка не найдена');

const stale = (current: MarkRow) =>
  new AppError('mark.stale', 409, 'Отметку уже изменили: обновите журнал и повторите', undefined, presentMark(current));

/** A work type of this school that is still in use: the one found, or a 400 for the field. */
function usable(workType: WorkTypeRow | null | undefined): WorkTypeRow {
  if (!workType) throw badRequest('work_type.not_found', 'Вид работы не найден', { workTypeId: 'Не найдено в этой школе' });
  if (workType.archived) throw badRequest('work_type.archived', 'Вид работы в архиве', { workTypeId: 'Вид работы в архиве' });
  return workType;
}

function checkValue(scale: MarkScale, value: string) {
  if (!isMarkValue(scale, value)) throw badRequest('mark.value', 'Отметка вне шкалы', { value: markScaleHint(scale) });
}

/**
 * The lesson, its group's kind, the student sitting in it and the work type come from one lookup
 * (`writableLesson`) before the transaction; the transaction writes the mark and its first version in one statement.
 */
export async function createMark(db: Db, w: Writer, schoolId: string, lessonId: string, input: z.infer<typeof ZMarkCreate>) {
  const target = await writableLesson(db, w.actor, 'mark.write', schoolId, lessonId, w.now, { studentId: input.studentId, workTypeId: input.workTypeId });
  if (!scaleAllowedFor(input.scale, target.groupKind as GroupKind)) {
    throw badRequest('mark.scale', 'Десяти- и стобалльная шкалы — только в дополнительном образовании и внеурочной деятельности', {
      scale: 'Шкала не для этой группы',
    });
  }
  checkValue(input.scale, input.value);
  const workType = usable(target.workType);
  assertStudentSits(target.studentSits);
  return db.transaction(async (tx) => {
    const id = input.id ?? newId();
    const mark = await q.insertMarkIfNew(tx, {
      id, schoolId, lessonId, studentId: input.studentId, workTypeId: workType.id, weight: input.weight ?? workType.weight,
      scale: input.scale, value: input.value, comment: input.comment, version: 1, authorUserId: w.actor!.userId,
      createdAt: w.now, updatedAt: w.now,
    });
    return mark ?? replayedMark(tx, w, schoolId, lessonId, input.studentId, id);
  });
}

/**
 * A create whose client-chosen id is taken: a retry of the same create (its answer was lost) gets
 * the mark already saved, nothing new is written; any other use of the id is refused. Read after
 * the conflicting insert, so a concurrent identical retry sees the row the other one committed.
 */
async function replayedMark(tx: Db, w: Writer, schoolId: string, lessonId: string, studentId: string, id: string) {
  const found = await q.findMarkWithCreator(tx, schoolId, id);
  if (found && found.mark.lessonId === lessonId && found.mark.studentId === studentId && found.creatorUserId === w.actor!.userId) return found.mark;
  throw conflict('mark.id_taken', 'Идентификатор отметки уже занят другой отметкой (другого ученика, урока или учителя): обновите журнал и повторите', {
    id: 'Идентификатор уже занят',
  });
}

/** The mark, its lesson writable by the actor, and the version the client saw still current. */
async function currentMark(tx: Db, w: Writer, schoolId: string, id: string, seen: number) {
  const mark = await q.findMark(tx, schoolId, id);
  if (!mark) throw markNotFound();
  await writableLesson(tx, w.actor, 'mark.write', schoolId, mark.lessonId, w.now);
  if (seen !== mark.version) throw stale(mark);
  if (mark.deleted) throw conflict('mark.deleted', 'Отметка удалена: её история сохранена, изменить её нельзя');
  return mark;
}

/** Writes the next version; a concurrent write between the check and here answers 409 as well. */
async function nextVersion(tx: Db, w: Writer, mark: MarkRow, patch: Parameters<typeof q.updateMarkAtVersion>[4], reason: string) {
  const updated = await q.updateMarkAtVersion(tx, mark.schoolId, mark.id, mark.version, { ...patch, authorUserId: w.actor!.userId, updatedAt: w.now });
  if (!updated) throw stale((await q.findMark(tx, mark.schoolId, mark.id))!);
  await q.insertVersionOf(tx, updated, reason, w.now);
  return updated;
}

/** A correction is a new version (seed 003, 1.4: the journal is a legal record, nothing is overwritten). */
export const updateMark = (db: Db, w: Writer, schoolId: string, id: string, input: z.infer<typeof ZMarkUpdate>) =>
  db.transaction(async (tx) => {
    const { version, reason, ...change } = input;
    if (Object.values(change).every((v) => v === undefined)) {
      throw badRequest('validation.nothing_to_update', 'Нет полей для изменения');
    }
    const mark = await currentMark(tx, w, schoolId, id, version);
    if (change.value !== undefined) checkValue(mark.scale as MarkScale, change.value);
    const workType = change.workTypeId !== undefined && change.workTypeId !== mark.workTypeId ? usable(await findWorkType(tx, schoolId, change.workTypeId)) : undefined;
    const next = {
      value: change.value ?? mark.value,
      workTypeId: workType?.id ?? mark.workTypeId,
      // Another work type brings its own weight unless one is given.
      weight: change.weight ?? workType?.weight ?? mark.weight,
      comment: change.comment ?? mark.comment,
    };
    if (next.value === mark.value && next.workTypeId === mark.workTypeId && next.weight === mark.weight && next.comment === mark.comment) return mark;
    return nextVersion(tx, w, mark, next, reason ?? '');
  });

/** Deleting keeps the row and writes a version that says so; the diary stops showing the mark. */
export const deleteMark = (db: Db, w: Writer, schoolId: string, id: string, version: number | undefined, reason: string | undefined) =>
  db.transaction(async (tx) => {
    if (version === undefined) throw badRequest('validation.failed', 'Укажите версию отметки', { version: 'Обязательное поле' });
    const mark = await currentMark(tx, w, schoolId, id, version);
    return nextVersion(tx, w, mark, { deleted: true }, reason ?? '');
  });

/** The mark and every version it had, oldest first; the caller checks who may read the lesson. */
export async function markHistory(db: Db, schoolId: string, id: string) {
  const mark = await q.findMark(db, schoolId, id);
  if (!mark) throw markNotFound();
  return { mark, versions: await q.versionsOf(db, schoolId, id) };
}

