import type { FastifyRequest } from 'fastify';
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
