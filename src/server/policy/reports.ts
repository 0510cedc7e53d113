import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { badRequest } from '../errors.ts';
import { staffIdsOf } from '../roster/actor.ts';
import { diaryOwnersOf } from './diary.ts';
import { classNotFound } from './notFound.ts';
import { AccessDenied, assertCan } from './policy.ts';
import { hide, isWholeSchool, requestScope } from './scope.ts';

/**
 * Which classes a report of the school may show the actor (seed 001 §4.4.3, 002 §7): the
 * whole-school roles every class (undefined); a class teacher / curator / master only the classes he
 * keeps (another class answers 404, as if it did not exist); a teacher keeping no class, a student
 * or a guardian nothing (403).
 */
export async function reportClasses(req: FastifyRequest, schoolId: string, classId?: string): Promise<readonly string[] | undefined> {
  assertCan(req.actor, 'report.read', { schoolId });
  if (isWholeSchool(req.actor, schoolId)) return undefined;
  const kept = [...(await requestScope(req, schoolId)).keptClassIds];
  if (kept.length === 0) {
    throw new AccessDenied('policy.forbidden', 403, 'Отчёты доступны администрации и классным руководителям', { action: 'report.read', schoolId });
  }
  if (classId !== undefined && !kept.includes(classId)) throw hide(classNotFound(), 'report.read', schoolId);
  return kept;
}

/**
 * Who may print the parents' weekly sheets (seed 001 §4.3.6): whoever may read the class's reports
 * (reportClasses); besides, a student or guardian his own or his child's sheet — and only that: with
 * `studentIds` naming only diaries he may open (policy/diary.ts), never the whole class.
 */
export async function weeklySheetAccess(req: FastifyRequest, db: Db, schoolId: string, classId: string, studentIds: readonly string[] | undefined) {
  try {
    await reportClasses(req, schoolId, classId);
  } catch (error) {
    if (!(error instanceof AccessDenied) || !req.actor || studentIds === undefined) throw error;
    const own = new Set((await diaryOwnersOf(db, req.actor)).filter((o) => o.schoolId === schoolId).map((o) => o.studentId));
    if (own.size === 0 || !studentIds.every((id) => own.has(id))) throw error;
  }
}

/**
 * Whose teacher's report (report 4) the actor reads: the whole-school roles anyone's (`asked`, or
 * their own when they teach); a teacher only his own (none asked = his own), another's is 403; a
 * student or guardian nothing (403).
 */
export function teacherReportStaffId(req: FastifyRequest, schoolId: string, asked: string | undefined): string {
  assertCan(req.actor, 'report.read', { schoolId });
  const own = staffIdsOf(req.actor, schoolId);
  if (isWholeSchool(req.actor, schoolId)) {
    const staffId = asked ?? own[0];
    if (!staffId) throw badRequest('validation.failed', 'Выберите учителя', { staffId: 'Выберите учителя' });
    return staffId;
  }
  const staffId = asked ?? own[0];
  if (!staffId || !own.includes(staffId)) {
    throw new AccessDenied('policy.forbidden', 403, 'Отчёт другого учителя доступен только администрации', { action: 'report.read', schoolId });
  }
  return staffId;
}
