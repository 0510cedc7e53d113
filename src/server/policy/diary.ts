import type { Db } from '../db/client.ts';
import { personIdsAs } from '../roster/actor.ts';
import { guardianLinks } from '../roster/family.ts';
import type { Actor } from './policy.ts';

/** A student whose diary the actor opens: himself, or his child. */
export type DiaryOwner = { schoolId: string; studentId: string; relation: 'self' | 'child' };

/**
 * Whose diary the actor may open, across schools: themself as a student, their children as a
 * guardian (152-ФЗ: nobody else's). One query per school the actor is a guardian in (a family has one or two).
 */
export async function diaryOwnersOf(db: Db, actor: Actor): Promise<DiaryOwner[]> {
  const schoolIds = [...new Set(actor.roles.filter((r) => r.role === 'student' || r.role === 'guardian').map((r) => r.schoolId))];
  const owners: DiaryOwner[] = [];
  for (const schoolId of schoolIds) {
    const own = personIdsAs(actor, schoolId, 'student');
    const guardianIds = personIdsAs(actor, schoolId, 'guardian');
    const children = guardianIds.length === 0 ? [] : (await guardianLinks(db, schoolId, { guardianIds })).map((l) => l.studentId);
    for (const studentId of new Set([...own, ...children])) owners.push({ schoolId, studentId, relation: own.includes(studentId) ? 'self' : 'child' });
  }
  return owners;
}
