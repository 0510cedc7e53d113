import type { Db } from '../db/client.ts';
import { rolesIn, staffIdsOf } from '../roster/actor.ts';
import { studentIdsEnrolledOn } from '../roster/classStays.ts';
import { guardianLinks } from '../roster/family.ts';
import { classIdsOfClassTeacher } from '../roster/teaching.ts';
import { accountNotFound, classNotFound, guardianNotFound, studentNotFound } from './notFound.ts';
import { AccessDenied, type Actor } from './policy.ts';
import { hide, scopeOf } from './scope.ts';

/** Who may issue credential slips: the admin for anyone; a class teacher for the students (today) of their classes and their guardians. */
export type SlipScope = { kind: 'school' } | { kind: 'class'; classIds: string[]; studentIds: ReadonlySet<string> };

const forbidden = (schoolId: string, message: string) => new AccessDenied('policy.forbidden', 403, message, { action: 'activation.issue', schoolId });

/** Seed 001, 3.1: students and parents get their access details from the group's curator; staff from the administrator. */
export async function slipScopeOf(db: Db, actor: Actor, schoolId: string, today: string): Promise<SlipScope> {
  if (rolesIn(actor, schoolId).includes('admin')) return { kind: 'school' };
  const classIds = await classIdsOfClassTeacher(db, schoolId, staffIdsOf(actor, schoolId));
  if (classIds.length === 0) {
    throw forbidden(schoolId, 'Коды активации выдаёт администратор, а классный руководитель — обучающимся своего класса и их родителям');
  }
  return { kind: 'class', classIds, studentIds: new Set(await studentIdsEnrolledOn(db, schoolId, classIds, today)) };
}

/** A class whose slips the scope prints: any for the admin, his own for a class teacher (404 otherwise). */
export function assertSlipClass(scope: SlipScope, schoolId: string, classId: string): void {
  if (scope.kind === 'class' && !scope.classIds.includes(classId)) throw hide(classNotFound(), 'activation.issue', schoolId);
}

/** People named one by one: a class teacher never staff (403), only the students of his class today and their guardians (404 otherwise). */
export async function assertSlipPeople(db: Db, scope: SlipScope, schoolId: string, picked: { staffIds: string[]; studentIds: string[]; guardianIds: string[] }) {
  if (scope.kind === 'school') return;
  if (picked.staffIds.length > 0) throw forbidden(schoolId, 'Коды для сотрудников выдаёт администратор');
  if (picked.studentIds.some((id) => !scope.studentIds.has(id))) throw hide(studentNotFound(), 'activation.issue', schoolId);
  const links = await guardianLinks(db, schoolId, { guardianIds: picked.guardianIds });
  const inClass = new Set(links.filter((l) => scope.studentIds.has(l.studentId)).map((l) => l.guardianId));
  if (picked.guardianIds.some((id) => !inClass.has(id))) throw hide(guardianNotFound(), 'activation.issue', schoolId);
}

/** The roles in the school of the account a report is about. */
type ReportedRole = { role: string; personId: string | null };

/**
 * Seed 003, 4.3: the person themself, the school's administrator, or the class teacher of a
 * student (or of a guardian's child) may report a compromised account. Anyone else learns
 * nothing: 404, as for an unknown account; the director and deputy, who see the whole school, get 403.
 */
export async function assertMayReportCompromise(db: Db, actor: Actor, schoolId: string, userId: string, target: ReportedRole[]): Promise<void> {
  if (actor.userId === userId) return;
  const roles = rolesIn(actor, schoolId);
  if (roles.includes('admin')) return;
  if (roles.includes('teacher')) {
    const scope = await scopeOf(db, actor, schoolId);
    const ofClass = target.some((r) => r.personId !== null && (
      (r.role === 'student' && scope.classStudentIds.has(r.personId)) || (r.role === 'guardian' && scope.classGuardianIds.has(r.personId))));
    if (ofClass) return;
  }
  if (roles.includes('director') || roles.includes('deputy')) {
    throw new AccessDenied('policy.forbidden', 403, 'О компрометации чужой учётной записи сообщает администратор или классный руководитель', {
      action: 'account.report_compromise', schoolId,
    });
  }
  throw hide(accountNotFound(), 'account.report_compromise', schoolId);
}
