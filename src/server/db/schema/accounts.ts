import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf } from './columns.ts';
import { schools } from './organisation.ts';

/** A person who can sign in; one account may hold roles in several schools. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    login: text('login').notNull(),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    /** Platform operators manage regions, municipalities and schools, never a school's people. */
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_login_unique').on(sql`lower(${t.login})`)],
);

/** A role held in a school, tied to the staff, student or guardian record it acts as. */
export const userRoles = pgTable(
  'user_roles',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    schoolId: uuid('school_id').notNull(),
    role: text('role').notNull(),
    /** staff.id, students.id or guardians.id of this school, by role. */
    personId: uuid('person_id'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    uniqueIndex('user_roles_unique').on(t.userId, t.schoolId, t.role),
    index('user_roles_school_idx').on(t.schoolId, t.role),
    check('user_roles_role_check', oneOf('role', ROLES)),
  ],
);
