import { bigint, foreignKey, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { schools } from './organisation.ts';

/**
 * How far each part of a school has changed, for the diary's week cache (modules/diary/service.ts):
 * one counter per student, per teaching group and for the school itself (scope = the school's id).
 * Written only by the triggers of migration `diary_versions`, in the transaction of the write that
 * changes what a diary week shows, so no write path can forget it. A week is cached under the sum
 * of the counters of its student, the student's groups and the school: counters only grow, so an
 * unchanged sum means nothing it shows has changed.
 * Derived data, not a record: it goes with its school (cascade), and is never audited.
 */
export const diaryVersions = pgTable(
  'diary_versions',
  {
    schoolId: uuid('school_id').notNull(),
    /** A student's, a teaching group's or the school's own id (ids are UUIDv7: they never collide). */
    scopeId: uuid('scope_id').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.scopeId] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }).onDelete('cascade'),
  ],
);
