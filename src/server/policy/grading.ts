import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { staffIdsOf } from '../roster/actor.ts';
import { subjectTeaching } from '../roster/teaching.ts';
import { assertCanReadJournal } from './journal.ts';
import { groupNotFound } from './notFound.ts';
import { AccessDenied, type Actor, assertCan } from './policy.ts';
import { hide, readsGroup, scopeOf } from './scope.ts';

/** Period marks are read as the journal is (journal.ts, seed 003, 2.4). */
export const assertCanReadGroupMarks = (req: FastifyRequest, schoolId: string, groupId: string) =>
  assertCanReadJournal(req, { schoolId, groupId }, groupNotFound);

/**
 * Seed 000 §2, 003 §2.8: the period mark is set by the teacher of the subject in the group (his
 * assignment). A teacher who only reads that journal learns why he may not (403); for anyone else
 * the group does not exist (404). Administrators are refused by the role check (403).
 */
export async function assertCanGradeGroup(
  db: Db, actor: Actor | null, schoolId: string, groupId: string, subjectId: string,
  action: 'periodMark.write' | 'periodMark.accept' | 'periodMark.undo' = 'periodMark.write',
): Promise<void> {
  assertCan(actor, action, { schoolId });
  if ((await subjectTeaching(db, schoolId, staffIdsOf(actor, schoolId), groupId, subjectId)).assigned) return;
  if (readsGroup(await scopeOf(db, actor, schoolId), groupId)) {
    throw new AccessDenied('period_mark.read_only', 403, 'Вы не ведёте этот предмет в этой группе: итоговые отметки выставляет учитель предмета', {
      action, schoolId,
    });
  }
  throw hide(groupNotFound(), action, schoolId);
}

/**
 * The undo of accepted suggestions: a teacher who may grade the sheet, and only the one who
 * accepted (another teacher of the subject learns why: 403).
 */
export async function assertCanUndoAccept(
  db: Db, actor: Actor | null, schoolId: string, batch: { groupId: string; subjectId: string; authorUserId: string },
): Promise<void> {
  await assertCanGradeGroup(db, actor, schoolId, batch.groupId, batch.subjectId, 'periodMark.undo');
  if (actor?.userId !== batch.authorUserId) {
    throw new AccessDenied('period_mark.undo_not_author', 403, 'Отменить принятие может только учитель, который его выполнил', {
      action: 'periodMark.undo', schoolId,
    });
  }
}
