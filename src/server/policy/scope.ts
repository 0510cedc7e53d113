import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/contract/enums.ts';
import type { Db } from '../db/client.ts';
import type { AppError } from '../errors.ts';
import { personIdsAs, rolesIn, staffIdsOf } from '../roster/actor.ts';
import { classStudentPairs } from '../roster/classStays.ts';
import { guardianLinks } from '../roster/family.ts';
import { teachingReach } from '../roster/teaching.ts';
import { SCHOOL_ACTIONS, type SchoolAction, WHOLE_SCHOOL_ROLES } from './actions.ts';
import { guardianNotFound, groupNotFound, studentNotFound } from './notFound.ts';
import { AccessDenied, type Actor, assertCan } from './policy.ts';

/**
 * What an actor reaches inside one school, beyond the role check: computed once per request and
 * school, from the rows the actor's roles act as (`actor.roles[].personId`).
 */
export type Scope = {
  schoolId: string;
  roles: Role[];
  /** Teacher: groups of his assignments in a planning or open year. */
  taughtGroupIds: ReadonlySet<string>;
  /** Teacher: the students of those groups (members, or the class's enrolled students for a whole-class group). */
  taughtStudentIds: ReadonlySet<string>;
  /** Class teacher / curator / master (derived from `classes`, not stored): their classes of a planning or open year. */
  keptClassIds: ReadonlySet<string>;
  /** The groups of those classes. */
  keptGroupIds: ReadonlySet<string>;
  /** Everyone ever enrolled in those classes, and the guardians linked to them. */
  classStudentIds: ReadonlySet<string>;
  classGuardianIds: ReadonlySet<string>;
  /** Student: their own record. */
  ownStudentIds: ReadonlySet<string>;
  /** Guardian: their own record, and the children linked to it. */
  guardianIds: ReadonlySet<string>;
  childIds: ReadonlySet<string>;
};

type ObjectKey = 'studentId' | 'guardianId' | 'groupId';
type Reach = (scope: Scope) => ReadonlySet<string>[];

/**
 * Actions whose objects are narrowed for roles outside WHOLE_SCHOOL_ROLES: the kind of object,
 * and what each scoped role reaches. A scoped role missing from `reach` reaches nothing.
 */
const SCOPED: Partial<Record<SchoolAction, { key: ObjectKey; reach: Partial<Record<Role, Reach>> }>> = {
  'student.read': {
    key: 'studentId',
    reach: {
      teacher: (s) => [s.taughtStudentIds, s.classStudentIds],
      student: (s) => [s.ownStudentIds],
      guardian: (s) => [s.childIds],
    },
  },
  // seed 004: class teachers keep their class's lists and personal data.
  'student.update': { key: 'studentId', reach: { teacher: (s) => [s.classStudentIds] } },
  'guardian.read': { key: 'guardianId', reach: { teacher: (s) => [s.classGuardianIds], guardian: (s) => [s.guardianIds] } },
  'guardian.update': { key: 'guardianId', reach: { teacher: (s) => [s.classGuardianIds] } },
  'enrolment.read': { key: 'studentId', reach: { teacher: (s) => [s.taughtStudentIds, s.classStudentIds] } },
  'groupMember.read': { key: 'groupId', reach: { teacher: (s) => [s.taughtGroupIds, s.keptGroupIds] } },
  'diary.read': {
    key: 'studentId',
    reach: {
      teacher: (s) => [s.taughtStudentIds, s.classStudentIds],
      student: (s) => [s.ownStudentIds],
      guardian: (s) => [s.childIds],
    },
  },
};

const isScoped = (action: SchoolAction) => Object.hasOwn(SCOPED, action);

const hidden: Record<ObjectKey, () => AppError> = { studentId: studentNotFound, guardianId: guardianNotFound, groupId: groupNotFound };

/** Whether the actor holds a role that sees every object of the school (seed 000 §2, 004). */
export const isWholeSchool = (actor: Actor | null, schoolId: string) => rolesIn(actor, schoolId).some((role) => WHOLE_SCHOOL_ROLES.includes(role));

/** A refusal that hides the object: its own 404, logged as a denial of `action`. */
export const hide = (error: AppError, action: string, schoolId: string) => new AccessDenied(error.code, 404, error.message, { action, schoolId });

/** The actor's scope in a school. Whole-school roles need no rows; each scoped role costs a few set-based queries. */
export async function scopeOf(db: Db, actor: Actor | null, schoolId: string): Promise<Scope> {
  const roles = rolesIn(actor, schoolId);
  const guardianIds = personIdsAs(actor, schoolId, 'guardian');
  const teaching = await teachingReach(db, schoolId, staffIdsOf(actor, schoolId));
  const keptClassIds = new Set(teaching.keptClassIds);
  const taughtClassIds = new Set(teaching.taughtClassIds);
  const stays = await classStudentPairs(db, schoolId, [...new Set([...keptClassIds, ...taughtClassIds])]);
  const classStudentIds = new Set(stays.filter((s) => keptClassIds.has(s.classId)).map((s) => s.studentId));
  const classLinks = await guardianLinks(db, schoolId, { studentIds: [...classStudentIds] });
  const childLinks = await guardianLinks(db, schoolId, { guardianIds });
  return {
    schoolId,
    roles,
    taughtGroupIds: new Set(teaching.taughtGroupIds),
    taughtStudentIds: new Set([...teaching.memberStudentIds, ...stays.filter((s) => taughtClassIds.has(s.classId)).map((s) => s.studentId)]),
    keptClassIds,
    keptGroupIds: new Set(teaching.keptGroupIds),
    classStudentIds,
    classGuardianIds: new Set(classLinks.map((l) => l.guardianId)),
    ownStudentIds: new Set(personIdsAs(actor, schoolId, 'student')),
    guardianIds: new Set(guardianIds),
    childIds: new Set(childLinks.map((l) => l.studentId)),
  };
}

/** The groups whose journal a teacher reads through his scope: those he teaches and those of the classes he keeps. */
export const readsGroup = (scope: Scope, groupId: string) => scope.taughtGroupIds.has(groupId) || scope.keptGroupIds.has(groupId);

/**
 * The ids an action may touch in this scope, or 'all' when the actor holds the action through a
 * whole-school role (or the action has no object scope).
 */
export function reachOf(scope: Scope, action: SchoolAction): ReadonlySet<string> | 'all' {
  const rule = SCOPED[action];
  const holders = scope.roles.filter((role) => (SCHOOL_ACTIONS[action] as readonly Role[]).includes(role));
  if (!rule || holders.some((role) => WHOLE_SCHOOL_ROLES.includes(role))) return 'all';
  const ids = new Set<string>();
  for (const role of holders) for (const set of rule.reach[role]?.(scope) ?? []) for (const id of set) ids.add(id);
  return ids;
}

export type ScopedResource = { schoolId: string } & Partial<Record<ObjectKey, string>>;

/**
 * The role check, then the object check: an object outside the actor's scope answers 404 (by
 * default the object's own "not found"; `notFoundAs` when the object is reached through another,
 * such as an enrolment through its student), so ids reveal nothing.
 */
export function assertCanSee(
  actor: Actor | null, scope: Scope, action: SchoolAction, resource: ScopedResource, notFoundAs?: () => AppError,
): void {
  assertCan(actor, action, resource);
  const rule = SCOPED[action];
  if (!rule) return;
  const id = resource[rule.key];
  if (id === undefined) throw new Error(`policy: ${action} needs ${rule.key}`);
  const reach = reachOf(scope, action);
  if (reach === 'all' || reach.has(id)) return;
  throw hide((notFoundAs ?? hidden[rule.key])(), action, resource.schoolId);
}

const cache = new WeakMap<FastifyRequest, Map<string, Promise<Scope>>>();

/** The scope of the request's actor in a school, computed on first use and kept for the request. */
export function requestScope(req: FastifyRequest, schoolId: string): Promise<Scope> {
  let bySchool = cache.get(req);
  if (!bySchool) cache.set(req, (bySchool = new Map()));
  let scope = bySchool.get(schoolId);
  if (!scope) bySchool.set(schoolId, (scope = scopeOf(req.server.database.db, req.actor, schoolId)));
  return scope;
}

/** Whether the action needs no scope for this actor: unscoped, or held through a whole-school role. */
function reachesAll(actor: Actor | null, action: SchoolAction, schoolId: string) {
  const allowed = SCHOOL_ACTIONS[action] as readonly Role[];
  return !isScoped(action) || rolesIn(actor, schoolId).some((role) => allowed.includes(role) && WHOLE_SCHOOL_ROLES.includes(role));
}

/** For a single object: `await authorise(req, 'student.read', { schoolId, studentId })`. */
export async function authorise(req: FastifyRequest, action: SchoolAction, resource: ScopedResource, notFoundAs?: () => AppError) {
  assertCan(req.actor, action, resource);
  if (reachesAll(req.actor, action, resource.schoolId)) return;
  assertCanSee(req.actor, await requestScope(req, resource.schoolId), action, resource, notFoundAs);
}

/**
 * For a list: the role check, then the ids the query must be limited to (`where id in (…)`), or
 * undefined when the actor reaches the whole school.
 */
export async function reachableIds(req: FastifyRequest, action: SchoolAction, schoolId: string): Promise<string[] | undefined> {
  assertCan(req.actor, action, { schoolId });
  if (reachesAll(req.actor, action, schoolId)) return undefined;
  const reach = reachOf(await requestScope(req, schoolId), action);
  return reach === 'all' ? undefined : [...reach];
}

/**
 * The class's own lists (absences, roster with guardians' contacts): the whole-school roles for
 * any class, its class teacher / curator / master for his; anyone else learns nothing (404).
 */
export async function assertKeepsClass(req: FastifyRequest, action: SchoolAction, schoolId: string, classId: string, notFoundAs: () => AppError) {
  assertCan(req.actor, action, { schoolId });
  if (isWholeSchool(req.actor, schoolId)) return;
  if ((await requestScope(req, schoolId)).keptClassIds.has(classId)) return;
  throw hide(notFoundAs(), action, schoolId);
}
