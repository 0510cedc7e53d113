import { AppError } from '../../errors.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, rolesIn } from '../../policy/policy.ts';
import { scopeOf } from '../../policy/scope.ts';
import { isAssigned } from '../structure/service.ts';
import { lessonNotFound } from './service.ts';
import type { LessonRow } from './queries.ts';

const staffIdsOf = (actor: Actor, schoolId: string) =>
  actor.roles.filter((r) => r.schoolId === schoolId && r.role === 'teacher' && r.personId).map((r) => r.personId!);

/**
 * Seed 000 §2, 003 §2.3: a teacher writes only in the journals of the groups and subjects
 * assigned to him; a substitution lets its teacher write that one lesson. Administrators,
 * directors and deputies read journals but never write them (403); anyone else gets 404.
 */
export async function assertCanWriteLesson(
  db: Db, actor: Actor | null, lesson: Pick<LessonRow, 'schoolId' | 'groupId' | 'subjectId' | 'substituteStaffId'>, knownAssigned?: boolean,
) {
  if (!actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  const roles = rolesIn(actor, lesson.schoolId);
  const staffIds = staffIdsOf(actor, lesson.schoolId);
  if (lesson.substituteStaffId && staffIds.includes(lesson.substituteStaffId)) return;
  // A caller that loaded the lesson with `assignedSql` for the actor's staff ids passes the answer.
  if (knownAssigned ?? await isAssigned(db, lesson.schoolId, staffIds, lesson.groupId, lesson.subjectId)) return;
  const readOnly = new AppError('journal.read_only', 403, 'Вы не ведёте этот предмет в этой группе: журнал доступен только для чтения');
  if (roles.some((r) => r === 'admin' || r === 'director' || r === 'deputy')) throw readOnly;
  if (roles.includes('teacher')) {
    // A teacher who may read this journal (he teaches the group another subject, or keeps its class) learns why;
    // for anyone else the lesson does not exist.
    const scope = await scopeOf(db, actor, lesson.schoolId);
    if (scope.taughtGroupIds.has(lesson.groupId) || scope.keptGroupIds.has(lesson.groupId)) throw readOnly;
  }
  throw lessonNotFound();
}
