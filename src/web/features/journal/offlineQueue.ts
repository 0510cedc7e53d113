/**
 * The grid's outbox: every edit of a cell is an operation queued here and sent in order. When the
 * network is down (flaky school Wi-Fi) the queue lives in localStorage, per school and group, and
 * survives a reload. Pure functions over arrays; the page owns sending.
 */
import { v7 } from 'uuid';
import type { AttendanceCode, MarkScale } from '../../../shared/contract/enums.ts';

type CellRef = { id: string; lessonId: string; studentId: string };

export type MarkCreateOp = CellRef & {
  kind: 'mark.create';
  /** The local id of the mark until the server gives it one. */
  tempId: string;
  /**
   * The id the mark gets on the server, chosen when the edit is made and sent with every attempt:
   * a create whose answer was lost and is sent again cannot make the mark twice.
   */
  markId: string;
  workTypeId: string;
  weight: number;
  scale: MarkScale;
  value: string;
  comment: string;
};
export type MarkUpdateOp = CellRef & {
  kind: 'mark.update';
  markId: string;
  /** The version the client saw. */
  version: number;
  value: string;
  workTypeId: string;
  weight: number;
  comment: string;
};
export type MarkDeleteOp = CellRef & { kind: 'mark.delete'; markId: string; version: number };
export type AttendanceOp = CellRef & {
  kind: 'attendance.put';
  code: AttendanceCode | null;
  /** The version the client saw; absent while the cell has no row yet. */
  version?: number;
};
export type Op = MarkCreateOp | MarkUpdateOp | MarkDeleteOp | AttendanceOp;

/** A new mark's id (UUIDv7, like the server's ids; works without a secure context, unlike crypto.randomUUID). */
export const newMarkId = (): string => v7();

export const TEMP_PREFIX = 'tmp-';
export const isTempId = (id: string) => id.startsWith(TEMP_PREFIX);

/** What an operation acts on: one mark (its temporary or real id) or one attendance cell. */
export function targetOf(op: Op): string {
  switch (op.kind) {
    case 'mark.create': return `mark:${op.tempId}`;
    case 'mark.update':
    case 'mark.delete': return `mark:${op.markId}`;
    case 'attendance.put': return `att:${op.lessonId}|${op.studentId}`;
  }
}

export const cellKeyOf = (op: Pick<Op, 'lessonId' | 'studentId'>) => `${op.studentId}|${op.lessonId}`;

/**
 * Two edits of the same target become one; null when they cancel out (a mark made and removed
 * offline); undefined when they cannot be folded.
 */
function merge(earlier: Op, later: Op): Op | null | undefined {
  if (earlier.kind === 'mark.create') {
    if (later.kind === 'mark.update') {
      return { ...earlier, value: later.value, workTypeId: later.workTypeId, weight: later.weight, comment: later.comment };
    }
    if (later.kind === 'mark.delete') return null;
  }
  if (earlier.kind === 'mark.update') {
    if (later.kind === 'mark.update') return { ...later, id: earlier.id, version: earlier.version };
    if (later.kind === 'mark.delete') return { ...later, id: earlier.id, version: earlier.version };
  }
  if (earlier.kind === 'attendance.put' && later.kind === 'attendance.put') {
    const merged: AttendanceOp = { ...later, id: earlier.id };
    if (earlier.version === undefined) delete merged.version;
    else merged.version = earlier.version;
    return merged;
  }
  return undefined;
}

/**
 * Adds an edit. It folds into the queued edit of the same target unless that one is being sent
 * right now (`inFlightId`): the server must not miss a step it already started.
 */
export function enqueue(queue: readonly Op[], op: Op, inFlightId: string | null = null): Op[] {
  const target = targetOf(op);
  for (let i = queue.length - 1; i >= 0; i--) {
    const queued = queue[i]!;
    if (targetOf(queued) !== target) continue;
    if (queued.id === inFlightId) break;
    const merged = merge(queued, op);
    if (merged === undefined) break;
    const rest = queue.filter((_, j) => j !== i);
    if (merged === null) return rest;
    return [...rest.slice(0, i), merged, ...rest.slice(i)];
  }
  return [...queue, op];
}

/** What the server answered to a sent operation. */
export type SentResult = { id: string; version: number } | null;

/**
 * The head operation was accepted: it leaves the queue, and later edits of the same target now
 * refer to the server's id and the version this write produced (our own write is no conflict).
 */
export function settle(queue: readonly Op[], sent: Op, result: SentResult): Op[] {
  const rest = queue.filter((op) => op.id !== sent.id);
  if (!result) return rest;
  return rest.flatMap((op): Op[] => {
    switch (sent.kind) {
      case 'mark.create':
        if ((op.kind === 'mark.update' || op.kind === 'mark.delete') && op.markId === sent.tempId) return [{ ...op, markId: result.id, version: result.version }];
        return [op];
      case 'mark.update':
        if ((op.kind === 'mark.update' || op.kind === 'mark.delete') && op.markId === sent.markId && op.version === sent.version) return [{ ...op, version: result.version }];
        return [op];
      case 'mark.delete':
        // A deleted mark takes no further edits.
        return (op.kind === 'mark.update' || op.kind === 'mark.delete') && op.markId === sent.markId ? [] : [op];
      case 'attendance.put':
        if (op.kind === 'attendance.put' && targetOf(op) === targetOf(sent) && op.version === sent.version) return [{ ...op, version: result.version }];
        return [op];
    }
  });
}

/** A refused operation leaves the queue, and with it the edits that depended on it (of a mark never created). */
export function drop(queue: readonly Op[], refused: Op): Op[] {
  const rest = queue.filter((op) => op.id !== refused.id);
  if (refused.kind !== 'mark.create') return rest;
  return rest.filter((op) => !((op.kind === 'mark.update' || op.kind === 'mark.delete') && op.markId === refused.tempId));
}

/** The cells that have an edit waiting, as `studentId|lessonId`. */
export const pendingCells = (queue: readonly Op[]) => new Set(queue.map(cellKeyOf));

/**
 * Per person as well as per school and group: edits typed by one teacher are only ever sent by that
 * teacher's session, never by whoever signs in next on the same browser.
 */
export const queueStorageKey = (userId: string, schoolId: string, groupId: string) => `klassny.journal.queue.${userId}.${schoolId}.${groupId}`;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KINDS = new Set(['mark.create', 'mark.update', 'mark.delete', 'attendance.put']);
const looksLikeOp = (v: unknown): v is Op =>
  typeof v === 'object' && v !== null && KINDS.has((v as Op).kind)
  && typeof (v as Op).id === 'string' && typeof (v as Op).lessonId === 'string' && typeof (v as Op).studentId === 'string';

/**
 * The saved queue; a corrupt or foreign entry is ignored rather than sent. A create saved before
 * creates carried their mark's id gets one now (the caller saves the queue back, so it stays).
 */
export function loadQueue(store: Store, key: string): Op[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(looksLikeOp).map((op) => (op.kind === 'mark.create' && typeof op.markId !== 'string' ? { ...op, markId: newMarkId() } : op));
  } catch {
    return [];
  }
}

export function saveQueue(store: Store, key: string, queue: readonly Op[]): void {
  try {
    if (queue.length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify(queue));
  } catch {
    // Storage full or disabled: the queue still lives in memory for this page.
  }
}
