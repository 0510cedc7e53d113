import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf } from './columns.ts';
import { users } from './accounts.ts';
import { schools } from './organisation.ts';

export const ACTIVATION_PERSON_KINDS = ['staff', 'student', 'guardian'] as const;
export const ACCOUNT_TOKEN_PURPOSES = ['password_reset', 'email_confirm'] as const;

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A one-time activation code printed on a credential slip (seed 001, 3.1). Only the SHA-256 of the
 * normalised code is kept; a code grants `role` in the school as the given staff/student/guardian.
 */
export const activationCodes = pgTable(
  'activation_codes',
  {
    id: uuid('id').primaryKey(),
    schoolId: uuid('school_id').notNull(),
    personKind: text('person_kind').notNull(),
    /** staff.id, students.id or guardians.id of this school, by kind. */
    personId: uuid('person_id').notNull(),
    role: text('role').notNull(),
    codeHash: text('code_hash').notNull(),
    /** The user who issued it; test actors and removed users leave no row behind, hence no foreign key. */
    issuedBy: uuid('issued_by').notNull(),
    issuedAt: at('issued_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    usedByUserId: uuid('used_by_user_id').references(() => users.id),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    uniqueIndex('activation_codes_hash_unique').on(t.codeHash),
    index('activation_codes_person_idx').on(t.schoolId, t.personId),
    check('activation_codes_kind_check', oneOf('person_kind', ACTIVATION_PERSON_KINDS)),
    check('activation_codes_role_check', oneOf('role', ROLES)),
    check('activation_codes_dates_check', sql`expires_at > issued_at`),
  ],
);

/**
 * Single-use tokens sent by e-mail: a password reset link (1 h) or an e-mail confirmation link.
 * Only the SHA-256 of the token is kept.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    purpose: text('purpose').notNull().default('password_reset'),
    /** For an e-mail confirmation: the address being confirmed. */
    email: text('email'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_hash_unique').on(t.tokenHash),
    index('password_reset_tokens_user_idx').on(t.userId, t.purpose),
    check('password_reset_tokens_purpose_check', oneOf('purpose', ACCOUNT_TOKEN_PURPOSES)),
  ],
);
