import type { Role } from '../../shared/contract/enums.ts';
import { personIdsAs as idsAs, type SchoolRole } from '../../shared/domain/roles.ts';

/** What the roster needs to know of whoever asks: his roles in schools (policy's Actor is one). */
export type RoleHolder = { readonly roles: readonly SchoolRole[] } | null | undefined;

/** The actor's roles in one school. */
export const rolesIn = (actor: RoleHolder, schoolId: string): Role[] =>
  actor?.roles.filter((r) => r.schoolId === schoolId).map((r) => r.role) ?? [];

/** The person records the actor acts as in one school through one role. */
export const personIdsAs = (actor: RoleHolder, schoolId: string, role: Role): string[] => idsAs(actor?.roles, schoolId, role);

/** The staff records the actor teaches as in one school: what assignments, classes and substitutions name. */
export const staffIdsOf = (actor: RoleHolder, schoolId: string): string[] => personIdsAs(actor, schoolId, 'teacher');
