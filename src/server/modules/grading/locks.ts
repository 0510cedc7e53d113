import type { Db } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import { isCellLocked } from './lockQueries.ts';

export { type CellSql, journalLockedSql } from './lockQueries.ts';

export type JournalCell = { schoolId: string; groupId: string; subjectId: string; date: string };

export const periodClosed = () =>
  conflict('journal.period_closed', 'Учебный период закрыт: изменения в журнале возможны только после открытия завучем');

/**
 * Seed 001, 4.4.1: once a period is closed, teachers may not change its journal, unless the
 * deputy has reopened that group's lessons (for a date range, with a reason, until a time).
 * A group outside any class (cross-class, extracurricular) follows every period covering the date.
 * One statement (`journalLockedSql`).
 */
export const isJournalLocked = (db: Db, cell: JournalCell, now: Date): Promise<boolean> => isCellLocked(db, cell, now);

export async function assertJournalOpen(db: Db, cell: JournalCell, now: Date): Promise<void> {
  if (await isJournalLocked(db, cell, now)) throw periodClosed();
}
