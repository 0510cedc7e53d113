/** Which of a journal's lessons are locked, and how its dates read: pure rules of the journal pages. */
import type { PeriodClosure } from '../../../shared/contract/grading.ts';

/**
 * Seed 001, 4.4.1: a closed period locks its lessons for teachers, except those a reopening in
 * force covers (this group, this subject or every subject, the lesson's date in its range).
 * The server decides on every write; this only spares the teacher typing into a locked cell.
 */
export function lockedLessonIds(
  closure: Pick<PeriodClosure, 'closed' | 'reopenings'> | undefined,
  lessons: readonly { id: string; date: string }[],
  groupId: string,
  subjectId: string,
): Set<string> {
  if (!closure?.closed) return new Set();
  const reopened = closure.reopenings.filter((r) => r.groupId === groupId && (r.subjectId === null || r.subjectId === subjectId));
  return new Set(lessons.filter((l) => !reopened.some((r) => r.fromDate <= l.date && l.date <= r.toDate)).map((l) => l.id));
}

type GridLesson = { id: string; date: string; status: string; substituteStaffId: string | null };

/**
 * The lessons whose cells the teacher may type into: the subject's teacher's (or the one he
 * substitutes), not cancelled, not locked, and begun — a lesson of a later day takes no mark or
 * attendance yet (seed 001, 5.1); the server also waits for the lesson's bell.
 */
export function writableLessonIds(
  lessons: readonly GridLesson[], writer: { canWrite: boolean; myStaffIds: readonly string[] }, locked: ReadonlySet<string>, today: string,
): Set<string> {
  return new Set(lessons.filter((l) => {
    const mine = writer.canWrite || (l.substituteStaffId !== null && writer.myStaffIds.includes(l.substituteStaffId));
    return mine && l.status !== 'cancelled' && !locked.has(l.id) && l.date <= today;
  }).map((l) => l.id));
}

/** Whether every lesson held in the page is of a later day (a period that has not begun). */
export const noLessonBegun = (lessons: readonly GridLesson[], today: string) =>
  lessons.some((l) => l.status !== 'cancelled') && lessons.every((l) => l.status === 'cancelled' || l.date > today);

/** «dd.mm» of an ISO date. */
export const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

/** Today in the browser's calendar, 'YYYY-MM-DD'. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The cell labels of the grid contract: «Иванов И. И., 08.09», and «…, 08.09, 2 урок» when the
 * group has two lessons that day.
 */
export function lessonLabels(
  lessons: readonly { id: string; date: string; lessonNumber: number }[], nth: (lessonNumber: number) => string,
): Map<string, string> {
  const perDay = new Map<string, number>();
  for (const l of lessons) perDay.set(l.date, (perDay.get(l.date) ?? 0) + 1);
  return new Map(lessons.map((l) => [l.id, (perDay.get(l.date) ?? 0) > 1 ? `${ddmm(l.date)}, ${nth(l.lessonNumber)}` : ddmm(l.date)]));
}
