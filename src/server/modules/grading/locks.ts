import { bandContains, rangeContainsDate } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import { periodsOfYear } from '../calendar/service.ts';
import { gradeOfGroup } from '../structure/service.ts';
import { closedPeriodIds, hasActiveReopening } from './lockQueries.ts';

export type JournalCell = { schoolId: string; groupId: string; subjectId: string; date: string };

/**
 * Seed 001, 4.4.1: once a period is closed, teachers may not change its journal, unless the
 * deputy has reopened that group's lessons (for a date range, with a reason, until a time).
 * A group outside any class (cross-class, extracurricular) follows every period covering the date.
 */
export async function isJournalLocked(db: Db, cell: JournalCell, now: Date): Promise<boolean> {
  const group = await gradeOfGroup(db, cell.schoolId, cell.groupId);
  if (!group) return false;
  const covering = (await periodsOfYear(db, cell.schoolId, group.academicYearId))
    .filter((p) => rangeContainsDate(p, cell.date) && (group.grade === null || bandContains(p, group.grade)))
    .map((p) => p.id);
  const closed = await closedPeriodIds(db, cell.schoolId, covering);
  if (closed.length === 0) return false;
  return !(await hasActiveReopening(db, cell.schoolId, closed, cell, now));
}

export async function assertJournalOpen(db: Db, cell: JournalCell, now: Date): Promise<void> {
  if (await isJournalLocked(db, cell, now)) {
    throw conflict('journal.period_closed', 'Учебный период закрыт: изменения в журнале возможны только после открытия завучем');
  }
}
