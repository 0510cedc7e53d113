import { sql } from 'drizzle-orm';
import {
  boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
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
    /** Where password reset links go, once confirmed through the link sent to it. */
    email: text('email'),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true, mode: 'date' }),
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

/** A signed-in browser: the cookie holds a random token, the database only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Idle timeout fixed at sign-in: shorter for staff than for families. */
    idleSeconds: integer('idle_seconds').notNull(),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_unique').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId),
  ],
);

/** Failed sign-ins per login and per address, for growing delays and temporary locks. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/** Sign-ins, failures, locks, denials, role and password changes, session ends. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    userId: uuid('user_id'),
    /** The school the event concerns, when there is one. */
    schoolId: uuid('school_id'),
    login: text('login'),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('security_events_user_idx').on(t.userId, t.createdAt),
    index('security_events_school_idx').on(t.schoolId, t.createdAt),
  ],
);
