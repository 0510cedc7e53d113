import type { Role } from '../../shared/contract/enums.ts';

/**
 * Every action a request can take, and the school roles that may take it.
 * An action missing here cannot be allowed: policy denies by default.
 */
const STAFF_READERS: readonly Role[] = ['admin', 'director', 'deputy', 'teacher'];
const MANAGERS: readonly Role[] = ['admin', 'director', 'deputy'];
const ADMIN: readonly Role[] = ['admin'];

export const SCHOOL_ACTIONS = {
  'school.read': ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'],
  'school.update': ADMIN,
  'calendar.read': ['admin', 'director', 'deputy', 'teacher', 'student', 'guardian'],
  'calendar.write': ADMIN,
  'structure.read': STAFF_READERS,
  'structure.write': ADMIN,
  'staff.read': STAFF_READERS,
  'staff.write': ADMIN,
  'student.read': STAFF_READERS,
  'student.write': ADMIN,
  'guardian.read': MANAGERS,
  'guardian.write': ADMIN,
  'enrolment.read': STAFF_READERS,
  'enrolment.write': ADMIN,
  'year.rollover': ADMIN,
} as const satisfies Record<string, readonly Role[]>;

/** Actions outside any one school: the organisation tree, held by platform operators. */
export const PLATFORM_ACTIONS = ['organisation.read', 'organisation.write'] as const;

export type SchoolAction = keyof typeof SCHOOL_ACTIONS;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];
export type Action = SchoolAction | PlatformAction;
