import type { FastifyRequest } from 'fastify';
import type { AppError } from '../errors.ts';
import { staffIdsOf } from '../roster/actor.ts';
import { type GroupTeaching, groupTeaching } from '../roster/teaching.ts';
import { checkFact } from './facts.ts';
import { assertCan } from './policy.ts';
import { hide, isWholeSchool, readsGroup, requestScope } from './scope.ts';

/** The journal a read is about: its group, and the substitute of the lesson when the read is of one lesson. */
export type JournalTarget = { schoolId: string; groupId: string; substituteStaffId?: string | null };

/**
 * Seed 003, 2.4 and 000 §2: admin, director and deputy read every journal of their school; a
 * teacher the groups he teaches and every group of the class he keeps; the substitute the lesson
 * he took. Anyone else learns nothing (404 as `notFoundAs`). A caller that has read whether the
 * actor teaches the group (`groupTeachingSql` in its own statement) hands that fact over.
 */
export async function assertCanReadJournal(req: FastifyRequest, target: JournalTarget, notFoundAs: () => AppError, teaching?: GroupTeaching): Promise<void> {
  const { schoolId, groupId, substituteStaffId } = target;
  assertCan(req.actor, 'journal.read', { schoolId });
  if (isWholeSchool(req.actor, schoolId)) return;
  const staffIds = staffIdsOf(req.actor, schoolId);
  if (substituteStaffId && staffIds.includes(substituteStaffId)) return;
  // Most reads are a teacher's own group: one lookup (or none, with the fact) instead of the whole scope.
  const fact = teaching ? checkFact(teaching, { groupId, staffIds }) : await groupTeaching(req.server.database.db, schoolId, staffIds, groupId);
  if (fact.teachesNow) return;
  if (readsGroup(await requestScope(req, schoolId), groupId)) return;
  throw hide(notFoundAs(), 'journal.read', schoolId);
}
