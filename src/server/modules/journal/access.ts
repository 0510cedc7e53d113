import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requestContext } from '../../db/requestContext.ts';
import { type AppError, badRequest, conflict } from '../../errors.ts';
import { WHOLE_SCHOOL_ROLES } from '../../policy/actions.ts';
import { AccessDenied, type Actor, assertCan, rolesIn } from '../../policy/policy.ts';
import { requestScope, teachesGroupNow } from '../../policy/scope.ts';
import { periodClosed } from '../grading/locks.ts';
import { assertCanWriteLesson } from '../timetable/lessonAccess.ts';
import { lessonNotFound } from '../timetable/service.ts';
import { lessonForWrite, type WriteTargets } from './lessonWriteQueries.ts';

/** The staff records the actor acts as in a school (his teacher roles). */
export const staffIdsOf = (actor: Actor | null, schoolId: string) =>
  actor?.roles.filter((r) => r.schoolId === schoolId && r.role === 'teacher' && r.personId).map((r) => r.personId!) ?? [];

const readsWholeSchool = (actor: Actor | null, schoolId: string) =>
  rolesIn(actor, schoolId).some((role) => WHOLE_SCHOOL_ROLES.includes(role));

const hide = (error: AppError, schoolId: string) =>
  new AccessDenied(error.code, 404, error.message, { action: 'journal.read', schoolId });

/**
 * Seed 003, 2.4 and 000 §2: admin, director and deputy read every journal of their school; a
 * teacher the groups he teaches and every group of the class he keeps; the substitute the lesson
 * he took. Anyone else learns nothing (404 as `hidden`).
 */
export async function assertCanReadGroup(
  req: FastifyRequest, schoolId: string, groupId: string, hidden: () => AppError, substituteStaffId?: string | null, knownTeachesNow?: boolean,
): Promise<void> {
  assertCan(req.actor, 'journal.read', { schoolId });
  if (readsWholeSchool(req.actor, schoolId)) return;
  if (substituteStaffId && staffIdsOf(req.actor, schoolId).includes(substituteStaffId)) return;
  // Most reads are a teacher's own group: one lookup instead of the whole scope (or none, when the caller
  // has already asked `teachesGroupNowSql` in its own statement).
  if (knownTeachesNow ?? await teachesGroupNow(req.server.database.db, req.actor, schoolId, groupId)) return;
  const scope = await requestScope(req, schoolId);
  if (scope.taughtGroupIds.has(groupId) || scope.keptGroupIds.has(groupId)) return;
  throw hide(hidden(), schoolId);
}

/** The class's absences are read by the whole-school roles and by its class teacher / curator. */
export async function assertKeepsClass(req: FastifyRequest, schoolId: string, classId: string, action: 'journal.read' | 'attendance.confirm', hidden: () => AppError) {
  assertCan(req.actor, action, { schoolId });
  if (readsWholeSchool(req.actor, schoolId)) return;
  if ((await requestScope(req, schoolId)).keptClassIds.has(classId)) return;
  throw hide(hidden(), schoolId);
}

/**
 * A lesson whose cells the actor may write now: the lesson's teacher or its substitute, the lesson
 * not cancelled, its period not closed (seed 001, 4.4.1). One statement (`lessonForWrite`), which
 * also answers for the student and the work type the write names.
 */
export async function writableLesson(db: Db, actor: Actor | null, schoolId: string, lessonId: string, now: Date, targets: WriteTargets = {}) {
  // No actor 401, no role in the school 404, a student or guardian 403; then the lesson decides.
  assertCan(actor, 'journal.read', { schoolId });
  const found = await lessonForWrite(db, schoolId, lessonId, staffIdsOf(actor, schoolId), now, targets);
  if (!found) throw lessonNotFound();
  await assertCanWriteLesson(db, actor, found.lesson, found.assigned);
  if (found.lesson.status === 'cancelled') throw conflict('lesson.cancelled', 'Урок отменён: отметки и посещаемость в нём не ведутся');
  if (found.locked) throw periodClosed();
  return found;
}

/** Marks and attendance only for the students in the lesson's group on the lesson's date. */
export function assertStudentSits(sits: boolean | null) {
  if (sits) return;
  throw badRequest('journal.student_not_in_group', 'Ученик не числится в группе на дату урока', {
    studentId: 'Ученик не числится в группе на дату урока',
  });
}

/** Hands the reason of a correction to the audit log's triggers (they read it from the request context). */
export function auditReason(reason: string | undefined): void {
  const store = requestContext.getStore();
  if (store && reason) store.reason = reason;
}
