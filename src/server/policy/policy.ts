import type { Role } from '../../shared/contract/enums.ts';
import type { SchoolRole } from '../../shared/domain/roles.ts';
import { AppError } from '../errors.ts';
import { rolesIn } from '../roster/actor.ts';
import {
  type Action, MUNICIPAL_ACTIONS, type MunicipalAction, PLATFORM_ACTIONS, type PlatformAction, SCHOOL_ACTIONS, type SchoolAction,
} from './actions.ts';

export type Actor = {
  userId: string;
  platformAdmin: boolean;
  roles: SchoolRole[];
  /** Municipalities this user is a municipal operator of (`municipality_roles`); no school role follows from it. */
  municipalityIds?: string[];
};
export type Resource = { schoolId?: string; municipalityId?: string };

/**
 * A refusal by the policy: a 403, or a 404 that hides a school or an object outside the actor's
 * scope. The denial log (plugins/denials.ts) records each one as `access.denied`.
 */
export class AccessDenied extends AppError {
  constructor(code: string, status: 403 | 404, message: string, readonly context: { action?: string; schoolId?: string } = {}) {
    super(code, status, message);
  }
}

const isSchoolAction = (action: string): action is SchoolAction => Object.hasOwn(SCHOOL_ACTIONS, action);
const isPlatformAction = (action: string): action is PlatformAction =>
  (PLATFORM_ACTIONS as readonly string[]).includes(action);
const isMunicipalAction = (action: string): action is MunicipalAction =>
  (MUNICIPAL_ACTIONS as readonly string[]).includes(action);

/**
 * The one answer to "may this actor do this": deny unless a rule allows it. This is the role
 * check; objects inside a school are narrowed further by scope.ts (`authorise`, `reachableIds`).
 */
export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  if (isPlatformAction(action)) return actor.platformAdmin;
  if (isMunicipalAction(action)) {
    return actor.platformAdmin || (!!resource.municipalityId && (actor.municipalityIds ?? []).includes(resource.municipalityId));
  }
  if (!isSchoolAction(action) || !resource.schoolId) return false;
  const allowed: readonly Role[] = SCHOOL_ACTIONS[action];
  return rolesIn(actor, resource.schoolId).some((role) => allowed.includes(role));
}

/**
 * Throws unless allowed. A school the actor has no role in answers 404, as if it did not exist,
 * so ids of other schools reveal nothing; a known school with a missing permission answers 403.
 * A municipality that is not the operator's answers 404 the same way.
 */
export function assertCan(actor: Actor | null, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  if (!actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  const context = { action, schoolId: resource.schoolId };
  if (isMunicipalAction(action)) throw new AccessDenied('municipality.not_found', 404, 'Муниципалитет не найден', context);
  if (resource.schoolId && rolesIn(actor, resource.schoolId).length === 0) {
    throw new AccessDenied('school.not_found', 404, 'Школа не найдена', context);
  }
  throw new AccessDenied('policy.forbidden', 403, 'Недостаточно прав для этого действия', context);
}
