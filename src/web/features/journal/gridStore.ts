/**
 * The grid's state as one reducer: the local rows, the outbox, which cell is in conflict or was
 * refused, and whether the network is down. Sending lives in useGridSync.ts.
 */
import type { Attendance, Mark } from '../../../shared/contract/journal.ts';
import { applyOp, applyServerAttendance, applyServerMark, removeMark, type Rows } from './gridModel.ts';
import { cellKeyOf, drop, enqueue, type Op, settle, targetOf } from './offlineQueue.ts';
import { resultOf, type SentAnswer } from './api.ts';

export type CellState = 'saved' | 'pending' | 'conflict' | 'error';

/** A stale write: what the teacher typed and what the server holds now (null: no record). */
export type Conflict = { op: Op; current: Mark | Attendance | null; message: string };

export type GridState = {
  rows: Rows;
  queue: Op[];
  inFlight: string | null;
  /** Cells whose last write was refused or is in conflict, by `studentId|lessonId`. */
  marked: Readonly<Record<string, 'conflict' | 'error'>>;
  conflicts: Conflict[];
  /** The server's message for the last refused write. */
  alert: string | null;
  offline: boolean;
  /** The session ended: the outbox waits, untouched, until the person signs in again. */
  signedOut: boolean;
  /** Set by the `online` event or the retry timer: try the outbox again. */
  retryNow: boolean;
};

export type GridAction =
  | { type: 'enqueue'; op: Op }
  | { type: 'sending'; id: string }
  | { type: 'sent'; op: Op; answer: SentAnswer }
  | { type: 'offline' }
  /** The server asked for a sign-in: the edit being sent stays at the head of the queue. */
  | { type: 'signedOut' }
  | { type: 'signedIn' }
  | { type: 'retry' }
  | { type: 'conflict'; op: Op; current: Mark | Attendance | null; message: string }
  | { type: 'refused'; op: Op; message: string }
  /** `newId`: a fresh UUID, the id of the re-sent edit and, when the mark must be created again, of that mark. */
  | { type: 'resolve'; choice: 'mine' | 'theirs'; newId: string }
  | { type: 'alert'; message: string | null };

export function initialState(rows: Rows, queue: Op[], lessonIds: ReadonlySet<string>): GridState {
  // Edits still waiting from before a reload show in their cells again.
  const shown = queue.filter((op) => lessonIds.has(op.lessonId)).reduce(applyOp, rows);
  return { rows: shown, queue, inFlight: null, marked: {}, conflicts: [], alert: null, offline: false, signedOut: false, retryNow: false };
}

const unmark = (marked: GridState['marked'], key: string) => {
  if (!(key in marked)) return marked;
  const { [key]: _gone, ...rest } = marked;
  return rest;
};

/** The server's copy of what an operation touched. */
function applyAnswer(rows: Rows, op: Op, answer: SentAnswer | { current: Mark | Attendance | null }): Rows {
  if ('kind' in answer) {
    if (answer.kind === 'mark') return applyServerMark(rows, answer.mark, op.kind === 'mark.create' ? op.tempId : answer.mark.id);
    return applyServerAttendance(rows, answer.row.lessonId, answer.row.studentId, answer.row);
  }
  const current = answer.current;
  if (op.kind === 'attendance.put') return applyServerAttendance(rows, op.lessonId, op.studentId, current as Attendance | null);
  return current ? applyServerMark(rows, current as Mark) : rows;
}

/** The teacher keeps his value: the same edit again, against the version the server holds now. */
export function retryOf(conflict: Conflict, newId: string): Op | null {
  const { op, current } = conflict;
  switch (op.kind) {
    case 'attendance.put': {
      const row = current as Attendance | null;
      if (!row) return op.code === null ? null : { id: newId, kind: 'attendance.put', lessonId: op.lessonId, studentId: op.studentId, code: op.code };
      return { ...op, id: newId, version: row.version };
    }
    case 'mark.update': {
      const mark = current as Mark | null;
      if (!mark) return null;
      if (mark.deleted) {
        return { id: newId, kind: 'mark.create', lessonId: op.lessonId, studentId: op.studentId, tempId: `tmp-${newId}`, markId: newId, workTypeId: op.workTypeId, weight: op.weight, scale: mark.scale, value: op.value, comment: op.comment };
      }
      return { ...op, id: newId, version: mark.version };
    }
    case 'mark.delete': {
      const mark = current as Mark | null;
      return mark && !mark.deleted ? { ...op, id: newId, version: mark.version } : null;
    }
    case 'mark.create': return null;
  }
}

export function gridReducer(state: GridState, action: GridAction): GridState {
  switch (action.type) {
    case 'enqueue':
      return {
        ...state,
        queue: enqueue(state.queue, action.op, state.inFlight),
        rows: applyOp(state.rows, action.op),
        marked: unmark(state.marked, cellKeyOf(action.op)),
      };
    case 'sending':
      return { ...state, inFlight: action.id, retryNow: false };
    case 'sent': {
      const queue = settle(state.queue, action.op, resultOf(action.answer));
      // Newer edits of the same cell still waiting stay visible over the server's answer.
      const key = cellKeyOf(action.op);
      const later = queue.filter((op) => cellKeyOf(op) === key && op.kind !== 'mark.create');
      const rows = later.reduce(applyOp, applyAnswer(state.rows, action.op, action.answer));
      return { ...state, queue, rows, inFlight: null, offline: false };
    }
    case 'offline':
      return { ...state, inFlight: null, offline: true, retryNow: false };
    case 'signedOut':
      return { ...state, inFlight: null, signedOut: true, retryNow: false };
    case 'signedIn':
      return state.signedOut ? { ...state, signedOut: false, retryNow: true } : state;
    case 'retry':
      return state.offline ? { ...state, retryNow: true } : state;
    case 'conflict': {
      const key = cellKeyOf(action.op);
      // A later edit of the same target was typed against the stale value too: it joins the decision.
      const queue = drop(state.queue, action.op).filter((op) => targetOf(op) !== targetOf(action.op));
      return {
        ...state, queue, inFlight: null, offline: false,
        marked: { ...state.marked, [key]: 'conflict' },
        conflicts: [...state.conflicts, { op: action.op, current: action.current, message: action.message }],
      };
    }
    case 'refused': {
      const key = cellKeyOf(action.op);
      let rows = state.rows;
      if (action.op.kind === 'mark.create') rows = removeMark(rows, action.op.studentId, action.op.lessonId, action.op.tempId);
      return { ...state, rows, queue: drop(state.queue, action.op), inFlight: null, offline: false, marked: { ...state.marked, [key]: 'error' }, alert: action.message };
    }
    case 'resolve': {
      const [conflict, ...rest] = state.conflicts;
      if (!conflict) return state;
      const key = cellKeyOf(conflict.op);
      const rows = applyAnswer(state.rows, conflict.op, { current: conflict.current });
      const base = { ...state, rows, conflicts: rest, marked: unmark(state.marked, key) };
      const again = action.choice === 'mine' ? retryOf(conflict, action.newId) : null;
      return again ? gridReducer(base, { type: 'enqueue', op: again }) : base;
    }
    case 'alert':
      return { ...state, alert: action.message };
  }
}
