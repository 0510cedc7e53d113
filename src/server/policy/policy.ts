import type { Role } from '../../shared/contract/enums.ts';
import { AppError } from '../errors.ts';
import { type Action, PLATFORM_ACTIONS, type PlatformAction, SCHOOL_ACTIONS, type SchoolAction } from './actions.ts';

export type ActorRole = { schoolId: string; role: Role; personId: string | null };
export type Actor = { userId: string; platformAdmin: boolean; roles: ActorRole[] };
export type Resource = { schoolId?: string };

const isSchoolAction = (action: string): action is SchoolAction => Object.hasOwn(SCHOOL_ACTIONS, action);
const isPlatformAction = (action: string): action is PlatformAction =>
  (PLATFORM_ACTIONS as readonly string[]).includes(action);

export function rolesIn(actor: Actor | null, schoolId: string): Role[] {
  return actor?.roles.filter((r) => r.schoolId === schoolId).map((r) => r.role) ?? [];
}

/** The one answer to "may this actor do this": deny unless a rule allows it. */
export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  if (isPlatformAction(action)) return actor.platformAdmin;
  if (!isSchoolAction(action) || !resource.schoolId) return false;
  const allowed: readonly Role[] = SCHOOL_ACTIONS[action];
  return rolesIn(actor, resource.schoolId).some((role) => allowed.includes(role));
}

/**
 * Throws unless allowed. A school the actor has no role in answers 404, as if it did not exist,
 * so ids of other schools reveal nothing; a known school with a missing permission answers 403.
 */
export function assertCan(actor: Actor | null, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  if (!actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  if (resource.schoolId && rolesIn(actor, resource.schoolId).length === 0) {
    throw new AppError('school.not_found', 404, 'Школа не найдена');
  }
  throw new AppError('policy.forbidden', 403, 'Недостаточно прав для этого действия');
}
