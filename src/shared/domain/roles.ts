import type { Role } from '../contract/enums.ts';

/** One school role of a user: the role, and the person record (staff, student, guardian) it acts as. */
export type SchoolRole = { schoolId: string; role: Role; personId: string | null };

/** The person records a user acts as in one school through one role (his staff ids as a teacher, his children's guardian record...). */
export const personIdsAs = (roles: readonly SchoolRole[] | undefined, schoolId: string, role: Role): string[] =>
  roles?.filter((r) => r.schoolId === schoolId && r.role === role && r.personId !== null).map((r) => r.personId!) ?? [];

/** The staff records a user teaches as in one school: what every assignment, class and substitution names. */
export const staffIdsOf = (roles: readonly SchoolRole[] | undefined, schoolId: string): string[] => personIdsAs(roles, schoolId, 'teacher');
