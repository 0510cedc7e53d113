import { sql } from 'drizzle-orm';
import {
  bigint, check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid,
} from 'drizzle-orm/pg-core';
import { AUDIT_OPERATIONS, AUDIT_REVIEW_STATUSES } from '../../../shared/contract/enums.ts';
import { users } from './accounts.ts';
import { oneOf, tenantKey } from './columns.ts';
import { schools } from './organisation.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The append-only log of every change to a school's records (seed 003, 1.4: the e-journal is a
 * legal record). Rows are written only by the trigger `klassny_audit_capture` (migration
 * `audit_log`); the database refuses UPDATE, DELETE and TRUNCATE. Each entry's `hash` covers the
 * previous entry's hash, so a changed or removed entry breaks the chain (`klassny audit verify`).
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    schoolId: uuid('school_id').notNull(),
    /** 1, 2, 3, … per school without gaps. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    at: at('at').notNull(),
    /** Null: the system (command line, demo generator, migrations). Test actors have no user row, hence no foreign key. */
    actorUserId: uuid('actor_user_id'),
    /** The actor's roles in this school, comma-separated. */
    actorRoles: text('actor_roles'),
    address: text('address'),
    /** The table changed. */
    entity: text('entity').notNull(),
    /** The row's id, or its key columns other than school_id joined by «/»; null for a bulk entry. */
    entityId: text('entity_id'),
    operation: text('operation').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.seq] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    index('audit_entries_entity_idx').on(t.schoolId, t.entity, t.entityId, t.seq),
    index('audit_entries_actor_idx').on(t.schoolId, t.actorUserId, t.at),
    // The history of one lesson or one student (GET /audit?lessonId=|studentId=, modules/audit/queries.ts).
    index('audit_entries_lesson_idx').on(t.schoolId, sql`coalesce(${t.after} ->> 'lesson_id', ${t.before} ->> 'lesson_id')`, t.seq),
    index('audit_entries_student_idx').on(t.schoolId, sql`coalesce(${t.after} ->> 'student_id', ${t.before} ->> 'student_id')`, t.seq),
    check('audit_entries_operation_check', oneOf('operation', AUDIT_OPERATIONS)),
  ],
);

/** The end of each school's chain; the capture trigger locks it to hand out the next seq. */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    schoolId: uuid('school_id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    lastHash: text('last_hash').notNull(),
  },
  (t) => [foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] })],
);

/** Seed 003, 4.3–4.4: a login reported compromised; every operation of it after `since` is void. */
export const compromiseReports = pgTable(
  'compromise_reports',
  {
    ...tenantKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** The person who reported it (the user, their class teacher or the admin); no foreign key, as for audit actors. */
    reportedBy: uuid('reported_by').notNull(),
    reportedAt: at('reported_at').notNull(),
    since: at('since').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    index('compromise_reports_user_idx').on(t.schoolId, t.userId),
    check('compromise_reports_since_check', sql`since <= reported_at`),
  ],
);

/**
 * The decision on one voided audit entry: void until the administrator decides. A journal change
 * voided at once (`voided_at`) is restored (written back) or its voiding confirmed; any other
 * change is reverted or confirmed (kept).
 * The log itself is never modified; this table says what became of an entry.
 */
export const auditReviews = pgTable(
  'audit_reviews',
  {
    schoolId: uuid('school_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    reportId: uuid('report_id').notNull(),
    status: text('status').notNull().default('void'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    /** The first audit entry the revert wrote. */
    revertSeq: bigint('revert_seq', { mode: 'number' }),
    /**
     * When the change was voided in the journal itself (seed 003, 4.4: at once, on the report): the
     * row was written back to its value from before the compromise, as a new version. Null: the
     * change still stands (not a journal record, or someone else changed the row since).
     */
    voidedAt: at('voided_at'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.seq] }),
    foreignKey({ columns: [t.schoolId, t.seq], foreignColumns: [auditEntries.schoolId, auditEntries.seq] }),
    foreignKey({ columns: [t.schoolId, t.reportId], foreignColumns: [compromiseReports.schoolId, compromiseReports.id] }),
    foreignKey({ columns: [t.schoolId, t.revertSeq], foreignColumns: [auditEntries.schoolId, auditEntries.seq] }),
    index('audit_reviews_report_idx').on(t.schoolId, t.reportId, t.seq),
    // The journal changes under review (the diary's «на проверке»): few, looked up on every diary week.
    index('audit_reviews_under_review_idx').on(t.schoolId).where(sql`status = 'void' and voided_at is not null`),
    check('audit_reviews_status_check', oneOf('status', AUDIT_REVIEW_STATUSES)),
    check('audit_reviews_decision_check', sql`(status = 'void') = (decided_at is null)`),
  ],
);
