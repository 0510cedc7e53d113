import type { ControlRemark, ControlRemarkCreate } from '../../../../shared/contract/control.ts';
import { flagKey, flagTarget } from '../../../../shared/domain/controlRemarks.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { badRequest } from '../../../errors.ts';
import type { Actor } from '../../../policy/policy.ts';
import * as q from './queries.ts';

const REQUIRED = 'Обязательное поле';

/** The flag a remark names does not exist (or lies in another school): 400 on the fields that miss. */
const unknownTarget = (fields: Record<string, string>) =>
  badRequest('control.flag_not_found', 'Нарушение, к которому пишется замечание, не найдено', fields);

/** A remark's flag target as the school's records have it, and the days its flag is computed over. */
export type Resolved = {
  lessonId: string | null; entryId: string | null; studentId: string | null; periodId: string | null; groupId: string; subjectId: string;
  from: string; to: string;
};

/**
 * The ids of the flag a remark is written on, checked against the school's records (400 naming the
 * field that misses); the group and subject of a lesson's flag come from the lesson.
 */
export async function resolveTarget(db: Db, schoolId: string, input: ControlRemarkCreate): Promise<Resolved> {
  const target = flagTarget(input.kind);
  const ids = {
    lessonId: input.lessonId ?? null, entryId: input.entryId ?? null, periodId: input.periodId ?? null,
    groupId: input.groupId ?? null, subjectId: input.subjectId ?? null, studentId: input.studentId ?? null,
  };
  const needed = target === 'period'
    ? (['periodId', 'groupId', 'subjectId', 'studentId'] as const)
    : target === 'lesson' ? (['lessonId'] as const) : (['lessonId', 'entryId'] as const);
  const missing = Object.fromEntries(needed.filter((k) => ids[k] === null).map((k) => [k, REQUIRED]));
  if (Object.keys(missing).length > 0) throw badRequest('validation.failed', 'Не указано, к какому нарушению замечание', missing);

  const found = await q.targetFacts(db, schoolId, ids);
  if (target === 'period') {
    const absent: Record<string, string> = {};
    if (!found.period_found) absent.periodId = 'Учебный период не найден';
    if (!found.group_found) absent.groupId = 'Группа не найдена';
    if (!found.subject_found) absent.subjectId = 'Предмет не найден';
    if (!found.student_found) absent.studentId = 'Обучающийся не найден';
    if (Object.keys(absent).length > 0) throw unknownTarget(absent);
    return {
      lessonId: null, entryId: null, studentId: ids.studentId, periodId: ids.periodId, groupId: ids.groupId!, subjectId: ids.subjectId!,
      from: found.period_starts_on!, to: found.period_ends_on!,
    };
  }
  if (!found.lesson_group_id || !found.lesson_subject_id) throw unknownTarget({ lessonId: 'Урок не найден' });
  const base = {
    lessonId: ids.lessonId, periodId: null, groupId: found.lesson_group_id, subjectId: found.lesson_subject_id, from: found.lesson_date!, to: found.lesson_date!,
  };
  if (target === 'homework') {
    if (!found.homework_found) throw unknownTarget({ entryId: 'Домашнее задание этого урока не найдено' });
    return { ...base, entryId: ids.entryId, studentId: null };
  }
  if (target === 'mark') {
    if (!found.mark_student_id) throw unknownTarget({ entryId: 'Отметка этого урока не найдена' });
    return { ...base, entryId: ids.entryId, studentId: found.mark_student_id };
  }
  return { ...base, entryId: null, studentId: null };
}

/** No such flag now: the target exists but breaks no rule (or no longer does). */
export const noSuchFlag = () =>
  badRequest('control.flag_not_found', 'Такого нарушения нет: запись уже исправлена или правило не нарушено', { kind: 'Нарушение не найдено' });

/**
 * Seed 001, 6.2: the remark of the deputy (director, admin) on a flag, which the caller has checked
 * is raised now; one row in one transaction, captured by the audit log.
 */
export async function insertRemark(db: Db, actor: Actor, schoolId: string, kind: string, target: Resolved, text: string, now: Date): Promise<ControlRemark & { flagKey: string }> {
  const { from: _from, to: _to, ...ids } = target;
  const key = flagKey({ kind, ...ids });
  const row = await db.transaction((tx) => q.insertRemark(tx, {
    schoolId, id: newId(), flagKind: kind, flagKey: key, ...ids, text, authorUserId: actor.userId, createdAt: now,
  }));
  const name = await q.authorName(db, actor.userId);
  return { id: row.id, flagKey: key, text: row.text, authorName: name ?? '', createdAt: row.createdAt.toISOString() };
}

/** The remarks of each flag key, oldest first. */
export async function remarksByKey(db: Db, schoolId: string, keys: readonly string[]): Promise<Map<string, ControlRemark[]>> {
  const by = new Map<string, ControlRemark[]>();
  for (const r of await q.remarksOn(db, schoolId, keys)) {
    const list = by.get(r.flagKey) ?? [];
    list.push({ id: r.id, text: r.text, authorName: r.authorName ?? '', createdAt: r.createdAt.toISOString() });
    by.set(r.flagKey, list);
  }
  return by;
}
