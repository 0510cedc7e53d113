import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { AccessDenied, type Actor, assertCan } from '../../policy/policy.ts';
import { scopeOf } from '../../policy/scope.ts';
import { assertCanReadGroup as assertCanReadJournal, staffIdsOf } from '../journal/access.ts';
import { isAssigned } from '../structure/service.ts';

export const groupNotFound = () => notFound('teaching_group', 'Группа не найдена');

const hidden = (schoolId: string) => {
  const error = groupNotFound();
  return new AccessDenied(error.code, 404, error.message, { action: 'periodMark.write', schoolId });
};

/** Period marks are read as the journal is (journal/access.ts, seed 003, 2.4). */
export const assertCanReadGroup = (req: FastifyRequest, schoolId: string, groupId: string) =>
  assertCanReadJournal(req, schoolId, groupId, groupNotFound);

/**
 * Seed 000 §2, 003 §2.8: the period mark is set by the teacher of the subject in the group (his
 * assignment). A teacher who only reads that journal learns why he may not (403); for anyone else
 * the group does not exist (404). Administrators are refused by the role check (403).
 */
export async function assertCanGradeGroup(db: Db, actor: Actor | null, schoolId: string, groupId: string, subjectId: string): Promise<void> {
  assertCan(actor, 'periodMark.write', { schoolId });
  if (await isAssigned(db, schoolId, staffIdsOf(actor, schoolId), groupId, subjectId)) return;
  const scope = await scopeOf(db, actor, schoolId);
  if (scope.taughtGroupIds.has(groupId) || scope.keptGroupIds.has(groupId)) {
    throw new AppError('period_mark.read_only', 403, 'Вы не ведёте этот предмет в этой группе: итоговые отметки выставляет учитель предмета');
  }
  throw hidden(schoolId);
}
