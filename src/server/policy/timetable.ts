import type { FastifyRequest } from 'fastify';
import { rolesIn, staffIdsOf } from '../roster/actor.ts';
import { ownGroupIds } from './lessons.ts';
import { AccessDenied, type Actor, assertCan } from './policy.ts';
import { isWholeSchool } from './scope.ts';

/**
 * The timetable: staff read all of it; a student or guardian the slots of their own (children's)
 * groups. Undefined = the whole school.
 */
export async function timetableReach(req: FastifyRequest, schoolId: string): Promise<string[] | undefined> {
  assertCan(req.actor, 'timetable.read', { schoolId });
  if (rolesIn(req.actor, schoolId).some((r) => r !== 'student' && r !== 'guardian')) return undefined;
  return ownGroupIds(req, schoolId);
}

/** «Сегодня»: a teacher's own day; the staff records he teaches as, or 403 for anyone who teaches nothing. */
export function teacherStaffIds(actor: Actor | null, schoolId: string): string[] {
  assertCan(actor, 'lesson.read', { schoolId });
  const staffIds = staffIdsOf(actor, schoolId);
  if (staffIds.length === 0) throw new AccessDenied('timetable.not_teacher', 403, 'Раздел только для учителей', { action: 'lesson.read', schoolId });
  return staffIds;
}

/**
 * Whose timesheet (lessons given, substituted, cancelled) the actor reads: the deputy, the director
 * and the administrator anyone's (undefined = everyone's unless asked), a teacher only his own.
 */
export function timesheetStaffId(actor: Actor | null, schoolId: string, asked: string | undefined): string | undefined {
  assertCan(actor, 'timesheet.read', { schoolId });
  if (isWholeSchool(actor, schoolId)) return asked;
  const own = staffIdsOf(actor, schoolId);
  const staffId = asked ?? own[0];
  if (!staffId || !own.includes(staffId)) {
    throw new AccessDenied('policy.forbidden', 403, 'Табель другого учителя доступен только администрации', { action: 'timesheet.read', schoolId });
  }
  return staffId;
}
