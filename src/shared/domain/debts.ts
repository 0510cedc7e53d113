/**
 * Долги: a required control work (a work type marked `isControl`) done in a lesson that is over,
 * and a student who was there (not absent, ill or excused; late counts as there) without a current
 * mark of that work type. Pure: the caller passes the cells of a journal page and today's date.
 */
import { isMissed } from './attendance.ts';

export type DebtLesson = { id: string; date: string; status: string; workTypeIds: readonly string[] };
export type DebtMark = { lessonId: string; studentId: string; workTypeId: string; deleted?: boolean };
export type DebtAttendance = { lessonId: string; studentId: string; code: string | null };
/** When a student was in the group: `endsOn` null while still there. */
export type DebtStay = { studentId: string; startsOn: string; endsOn: string | null };
export type Debt = { studentId: string; lessonId: string };

export function journalDebts(page: {
  lessons: readonly DebtLesson[];
  marks: readonly DebtMark[];
  attendance: readonly DebtAttendance[];
  stays: readonly DebtStay[];
  controlWorkTypeIds: ReadonlySet<string>;
  /** School-local 'YYYY-MM-DD': lessons dated before it are over. */
  today: string;
}): Debt[] {
  const marked = new Set(page.marks.filter((m) => !m.deleted).map((m) => `${m.lessonId}|${m.studentId}|${m.workTypeId}`));
  const missed = new Set(page.attendance.filter((a) => isMissed(a.code)).map((a) => `${a.lessonId}|${a.studentId}`));
  const debts: Debt[] = [];
  for (const lesson of page.lessons) {
    if (lesson.status === 'cancelled' || lesson.date >= page.today) continue;
    const control = lesson.workTypeIds.filter((id) => page.controlWorkTypeIds.has(id));
    if (control.length === 0) continue;
    const present = new Set(page.stays
      .filter((s) => s.startsOn <= lesson.date && (s.endsOn === null || lesson.date <= s.endsOn))
      .map((s) => s.studentId));
    for (const studentId of present) {
      if (missed.has(`${lesson.id}|${studentId}`)) continue;
      if (control.some((workTypeId) => !marked.has(`${lesson.id}|${studentId}|${workTypeId}`))) debts.push({ studentId, lessonId: lesson.id });
    }
  }
  return debts;
}
