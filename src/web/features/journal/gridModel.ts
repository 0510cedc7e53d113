/**
 * The grid's local picture of the journal page: students × lessons → marks and attendance, changed
 * optimistically by queued edits and corrected by the server's answers. Rows are immutable and a
 * change replaces only the row it touches, so the page re-renders one row per edit.
 */
import type { AttendanceCode, MarkScale } from '../../../shared/contract/enums.ts';
import type { Journal, WorkType } from '../../../shared/contract/journal.ts';
import { journalDebts } from '../../../shared/domain/debts.ts';
import { weightedMean } from '../../../shared/domain/grading.ts';
import type { Op } from './offlineQueue.ts';

export type LocalMark = {
  id: string;
  workTypeId: string;
  weight: number;
  scale: MarkScale;
  value: string;
  comment: string;
  /** 0 while the mark exists only in the browser. */
  version: number;
};
export type LocalAttendance = { code: AttendanceCode | null; version: number | null };
export type CellData = { marks: readonly LocalMark[]; attendance: LocalAttendance | null };
/** studentId → lessonId → cell; a missing cell is empty. */
export type Rows = Readonly<Record<string, Readonly<Record<string, CellData>>>>;

export const EMPTY_CELL: CellData = { marks: [], attendance: null };

export type ServerMark = Pick<Journal['marks'][number], 'id' | 'lessonId' | 'studentId' | 'workTypeId' | 'weight' | 'scale' | 'value' | 'comment' | 'version'> & { deleted?: boolean };
export type ServerAttendance = { lessonId: string; studentId: string; code: AttendanceCode | null; version: number };

const toLocal = (m: ServerMark): LocalMark => ({
  id: m.id, workTypeId: m.workTypeId, weight: m.weight, scale: m.scale, value: m.value, comment: m.comment, version: m.version,
});

export function buildRows(journal: Pick<Journal, 'students' | 'marks' | 'attendance'>): Rows {
  const rows: Record<string, Record<string, CellData>> = {};
  for (const s of journal.students) rows[s.id] = {};
  const cell = (studentId: string, lessonId: string) => {
    const row = (rows[studentId] ??= {});
    return (row[lessonId] ??= { marks: [], attendance: null });
  };
  for (const m of journal.marks) (cell(m.studentId, m.lessonId).marks as LocalMark[]).push(toLocal(m));
  for (const a of journal.attendance) cell(a.studentId, a.lessonId).attendance = { code: a.code, version: a.version };
  return rows;
}

export const cellOf = (rows: Rows, studentId: string, lessonId: string): CellData => rows[studentId]?.[lessonId] ?? EMPTY_CELL;

function withCell(rows: Rows, studentId: string, lessonId: string, change: (cell: CellData) => CellData): Rows {
  const row = rows[studentId] ?? {};
  return { ...rows, [studentId]: { ...row, [lessonId]: change(row[lessonId] ?? EMPTY_CELL) } };
}

/** The optimistic effect of an edit, before the server answers. */
export function applyOp(rows: Rows, op: Op): Rows {
  return withCell(rows, op.studentId, op.lessonId, (cell) => {
    switch (op.kind) {
      case 'mark.create':
        return { ...cell, marks: [...cell.marks, { id: op.tempId, workTypeId: op.workTypeId, weight: op.weight, scale: op.scale, value: op.value, comment: op.comment, version: 0 }] };
      case 'mark.update':
        return { ...cell, marks: cell.marks.map((m) => (m.id === op.markId ? { ...m, value: op.value, workTypeId: op.workTypeId, weight: op.weight, comment: op.comment } : m)) };
      case 'mark.delete':
        return { ...cell, marks: cell.marks.filter((m) => m.id !== op.markId) };
      case 'attendance.put':
        return { ...cell, attendance: { code: op.code, version: cell.attendance?.version ?? null } };
    }
  });
}

/** The server's copy of a mark replaces the local one (`localId`: the temporary id it had); a deleted one leaves. */
export function applyServerMark(rows: Rows, mark: ServerMark, localId: string = mark.id): Rows {
  return withCell(rows, mark.studentId, mark.lessonId, (cell) => {
    const others = cell.marks.filter((m) => m.id !== localId && m.id !== mark.id);
    if (mark.deleted) return { ...cell, marks: others };
    const at = cell.marks.findIndex((m) => m.id === localId || m.id === mark.id);
    const marks = [...others];
    marks.splice(at < 0 ? marks.length : at, 0, toLocal(mark));
    return { ...cell, marks };
  });
}

/** A mark leaves the cell (a refused creation). */
export const removeMark = (rows: Rows, studentId: string, lessonId: string, markId: string): Rows =>
  withCell(rows, studentId, lessonId, (cell) => ({ ...cell, marks: cell.marks.filter((m) => m.id !== markId) }));

/** The server's attendance of a cell; null: it has no row. */
export function applyServerAttendance(rows: Rows, lessonId: string, studentId: string, row: ServerAttendance | null): Rows {
  return withCell(rows, studentId, lessonId, (cell) => ({ ...cell, attendance: row ? { code: row.code, version: row.version } : null }));
}

/** The mark Enter corrects: the cell's mark of the chosen work type (the latest one); undefined: a new mark. */
export const markOfWorkType = (cell: CellData, workTypeId: string): LocalMark | undefined =>
  [...cell.marks].reverse().find((m) => m.workTypeId === workTypeId);

/** The mark Delete removes: the chosen work type's, else the latest. */
export const markToRemove = (cell: CellData, workTypeId: string): LocalMark | undefined =>
  markOfWorkType(cell, workTypeId) ?? cell.marks[cell.marks.length - 1];

/** How a mark is written in a cell: «5», «зач», «нз». */
export const markText = (m: Pick<LocalMark, 'scale' | 'value'>) =>
  m.scale === 'passFail' ? (m.value === 'pass' ? 'зач' : 'нз') : m.value;

/** Seed 001: 1 and 2, and «незачёт», are the marks a teacher and a parent must notice. */
export const isLowMark = (m: Pick<LocalMark, 'scale' | 'value'>) =>
  (m.scale === 'five' && (m.value === '1' || m.value === '2')) || (m.scale === 'passFail' && m.value === 'fail');

/** The part of the school's grading policy that decides a mean (sent with the journal page). */
export type MeanRules = { workTypeWeights?: Record<string, number>; excludedWorkTypeIds: string[] };

/** The weighted mean of a student's current marks: the same shared function and policy as the server's. */
export function rowMean(row: Readonly<Record<string, CellData>> | undefined, rules?: MeanRules): number | null {
  if (!row) return null;
  return weightedMean(Object.values(row).flatMap((cell) => cell.marks), rules);
}

/** «4,56»; «—» without marks. */
export const formatMean = (mean: number | null) => (mean === null ? '—' : mean.toFixed(2).replace('.', ','));

type DebtLesson = Journal['lessons'][number];

/**
 * Долги now (seed: a required control work without a mark), by the shared rule. The page has no
 * stays, so the rule runs only on the cells where the student certainly sat in the group: those
 * the server called debts and those that held a record when the page was loaded.
 */
export function debtCells(
  lessons: readonly DebtLesson[], rows: Rows, eligible: ReadonlySet<string>, workTypes: readonly WorkType[], today: string,
): Set<string> {
  const controlWorkTypeIds = new Set(workTypes.filter((w) => w.isControl).map((w) => w.id));
  const withControl = lessons.filter((l) => l.workTypeIds.some((id) => controlWorkTypeIds.has(id)));
  if (withControl.length === 0) return new Set();
  const marks: { lessonId: string; studentId: string; workTypeId: string }[] = [];
  const attendance: { lessonId: string; studentId: string; code: string | null }[] = [];
  for (const [studentId, row] of Object.entries(rows)) {
    for (const lesson of withControl) {
      const cell = row[lesson.id];
      if (!cell) continue;
      for (const m of cell.marks) marks.push({ lessonId: lesson.id, studentId, workTypeId: m.workTypeId });
      if (cell.attendance) attendance.push({ lessonId: lesson.id, studentId, code: cell.attendance.code });
    }
  }
  const stays = Object.keys(rows).map((studentId) => ({ studentId, startsOn: '0001-01-01', endsOn: null }));
  const debts = journalDebts({ lessons: withControl, marks, attendance, stays, controlWorkTypeIds, today });
  return new Set(debts.map((d) => `${d.studentId}|${d.lessonId}`).filter((key) => eligible.has(key)));
}

/** The cells where the debt rule may run (see debtCells). */
export function debtEligible(journal: Pick<Journal, 'debts' | 'marks' | 'attendance'>): Set<string> {
  return new Set([
    ...journal.debts.map((d) => `${d.studentId}|${d.lessonId}`),
    ...journal.marks.map((m) => `${m.studentId}|${m.lessonId}`),
    ...journal.attendance.map((a) => `${a.studentId}|${a.lessonId}`),
  ]);
}

/**
 * Seed 003, 2.5: the lessons whose attendance was taken, with when (null: taken here by an entry,
 * the server's time unknown yet). Taken: by the server's record, by «all present» just pressed, or
 * by any attendance entry in the lesson (the server records the taking with it). Never marked is
 * not all present.
 */
export function takenLessons(
  lessons: readonly Pick<Journal['lessons'][number], 'id' | 'attendanceTakenAt'>[], rows: Rows, takenNow: Readonly<Record<string, string>>,
): Map<string, string | null> {
  const taken = new Map<string, string | null>();
  for (const l of lessons) {
    const at = l.attendanceTakenAt ?? takenNow[l.id] ?? null;
    if (at !== null) taken.set(l.id, at);
  }
  for (const row of Object.values(rows)) {
    for (const [lessonId, cell] of Object.entries(row)) if (cell.attendance && !taken.has(lessonId)) taken.set(lessonId, null);
  }
  return taken;
}

/**
 * Seed 003, 4.4: what the page has under review — a compromised login's changes, voided (the grid
 * shows the values from before them) until the administrator restores or confirms them. Per student
 * the lessons of their cells under review, joined by spaces like the debts (a row whose string is
 * unchanged is not re-rendered), and the lessons under review as a whole (topic, homework,
 * attendance taken). A page without the field (an older server) has nothing under review.
 */
export function reviewMarks(underReview: Journal['underReview'] | undefined): { rows: Record<string, string>; lessons: Set<string> } {
  const byStudent: Record<string, string[]> = {};
  for (const c of underReview?.cells ?? []) (byStudent[c.studentId] ??= []).push(c.lessonId);
  return {
    rows: Object.fromEntries(Object.entries(byStudent).map(([s, list]) => [s, [...new Set(list)].sort().join(' ')])),
    lessons: new Set(underReview?.lessons ?? []),
  };
}
