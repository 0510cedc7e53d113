import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { oneOf } from './columns.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const BACKUP_COPY_OUTCOMES = ['ok', 'failed'] as const;
export type BackupCopyOutcome = (typeof BACKUP_COPY_OUTCOMES)[number];
export const BACKUP_COPY_TRIGGERS = ['schedule', 'manual'] as const;

/**
 * One attempt to put a backup copy into one destination (records/backupCopies.ts): a verified copy
 * under its final name (`ok`), or the reason it is not there (`failed`). Not a tenant table: a copy
 * holds the whole deployment. Retention deletes only files recorded here as `ok` and marks them.
 */
export const backupCopies = pgTable(
  'backup_copies',
  {
    id: uuid('id').primaryKey(),
    /** The destination folder, as configured (BACKUP_DIRS). */
    destination: text('destination').notNull(),
    /** The file's name in the destination; null when the copy failed before it had one. */
    fileName: text('file_name'),
    bytes: bigint('bytes', { mode: 'number' }),
    trigger: text('trigger').notNull(),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at').notNull(),
    outcome: text('outcome').notNull(),
    /**
     * For `ok`: when every hash of the manifest was checked on the file re-read from the destination;
     * null when the server holds only the public encryption key and so cannot read its copy back.
     */
    verifiedAt: at('verified_at'),
    error: text('error'),
    /** Deleted by retention (or found gone): no longer offered for download. */
    deletedAt: at('deleted_at'),
  },
  (t) => [
    index('backup_copies_finished_idx').on(t.finishedAt),
    check('backup_copies_outcome_check', oneOf('outcome', BACKUP_COPY_OUTCOMES)),
    check('backup_copies_trigger_check', oneOf('trigger', BACKUP_COPY_TRIGGERS)),
    check('backup_copies_ok_check', sql`outcome <> 'ok' or (file_name is not null and bytes is not null)`),
  ],
);
