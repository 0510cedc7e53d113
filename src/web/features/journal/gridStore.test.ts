import { describe, expect, it } from 'vitest';
import type { Attendance, Mark } from '../../../shared/contract/journal.ts';
import { buildRows, cellOf } from './gridModel.ts';
import { gridReducer, type GridState, initialState, retryOf } from './gridStore.ts';
import type { AttendanceOp, MarkCreateOp, MarkUpdateOp } from './offlineQueue.ts';

const serverMark = (over: Partial<Mark> = {}): Mark => ({
  id: 'M', lessonId: 'L1', studentId: 'S1', workTypeId: 'W', weight: 1, scale: 'five', value: '4', comment: '', deleted: false,
  version: 1, authorUserId: null, createdAt: '', updatedAt: '', ...over,
});
const journal = {
  students: [{ id: 'S1', name: 'Иванов Иван', shortName: 'Иванов И.' }],
  marks: [serverMark()],
  attendance: [],
};
const start = (): GridState => initialState(buildRows(journal), [], new Set(['L1']));
const update = (id: string, value: string, version = 1): MarkUpdateOp => ({ id, kind: 'mark.update', lessonId: 'L1', studentId: 'S1', markId: 'M', version, value, workTypeId: 'W', weight: 1, comment: '' });
const create: MarkCreateOp = { id: 'c', kind: 'mark.create', lessonId: 'L1', studentId: 'S1', tempId: 'tmp-c', markId: 'M-c', workTypeId: 'W', weight: 2, scale: 'five', value: '5', comment: '' };
const absent: AttendanceOp = { id: 'a', kind: 'attendance.put', lessonId: 'L1', studentId: 'S1', code: 'absent' };

describe('the grid reducer', () => {
  it('shows an edit at once and keeps it queued until the server answers', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: update('u', '5') });
    expect(cellOf(s.rows, 'S1', 'L1').marks[0]!.value).toBe('5');
    expect(s.queue).toHaveLength(1);
    s = gridReducer(gridReducer(s, { type: 'sending', id: 'u' }), { type: 'sent', op: update('u', '5'), answer: { kind: 'mark', mark: serverMark({ value: '5', version: 2 }) } });
    expect(s.queue).toEqual([]);
    expect(cellOf(s.rows, 'S1', 'L1').marks[0]).toMatchObject({ value: '5', version: 2 });
  });

  it('keeps a newer edit typed while the previous one was being sent, with the version the first produced', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: update('u', '5') });
    s = gridReducer(s, { type: 'sending', id: 'u' });
    s = gridReducer(s, { type: 'enqueue', op: update('v', '3') });
    s = gridReducer(s, { type: 'sent', op: update('u', '5'), answer: { kind: 'mark', mark: serverMark({ value: '5', version: 2 }) } });
    expect(s.queue).toEqual([update('v', '3', 2)]);
    expect(cellOf(s.rows, 'S1', 'L1').marks[0]!.value).toBe('3');
  });

  it('replaces a created mark\'s temporary id by the server\'s', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: create });
    s = gridReducer(s, { type: 'sent', op: create, answer: { kind: 'mark', mark: serverMark({ id: 'N', value: '5', weight: 2 }) } });
    expect(cellOf(s.rows, 'S1', 'L1').marks.map((m) => m.id)).toEqual(['M', 'N']);
  });

  it('stops on a network failure, keeps the queue, and tries again only when told', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: absent });
    s = gridReducer(gridReducer(s, { type: 'sending', id: 'a' }), { type: 'offline' });
    expect(s).toMatchObject({ offline: true, retryNow: false, inFlight: null, queue: [absent] });
    s = gridReducer(s, { type: 'retry' });
    expect(s.retryNow).toBe(true);
  });

  it('keeps every edit when the session ends, sends nothing while signed out, and goes on after signing in', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: create });
    s = gridReducer(gridReducer(s, { type: 'sending', id: 'c' }), { type: 'signedOut' });
    s = gridReducer(s, { type: 'enqueue', op: absent });
    expect(s).toMatchObject({ signedOut: true, inFlight: null, queue: [create, absent], marked: {}, alert: null });
    // The typed mark still shows in its cell.
    expect(cellOf(s.rows, 'S1', 'L1').marks.map((m) => m.value)).toEqual(['4', '5']);
    // The retry timer of a network failure does not send while signed out.
    expect(gridReducer(s, { type: 'retry' })).toBe(s);
    s = gridReducer(s, { type: 'signedIn' });
    expect(s).toMatchObject({ signedOut: false, retryNow: true, queue: [create, absent] });
    expect(gridReducer(s, { type: 'signedIn' })).toBe(s);
  });

  it('on a conflict marks the cell, keeps both values, and «Оставить мою» re-sends against the server\'s version', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: update('u', '5') });
    s = gridReducer(s, { type: 'conflict', op: update('u', '5'), current: serverMark({ value: '3', version: 2 }), message: 'Отметку уже изменили' });
    expect(s.marked).toEqual({ 'S1|L1': 'conflict' });
    expect(s.queue).toEqual([]);
    s = gridReducer(s, { type: 'resolve', choice: 'mine', newId: 'r' });
    expect(s.conflicts).toEqual([]);
    expect(s.marked).toEqual({});
    expect(s.queue).toEqual([update('r', '5', 2)]);
    expect(cellOf(s.rows, 'S1', 'L1').marks[0]!.value).toBe('5');
  });

  it('«Взять с сервера» shows the server\'s value and sends nothing', () => {
    let s = gridReducer(start(), { type: 'conflict', op: update('u', '5'), current: serverMark({ value: '3', version: 2 }), message: '' });
    s = gridReducer(s, { type: 'resolve', choice: 'theirs', newId: 'r' });
    expect(s.queue).toEqual([]);
    expect(cellOf(s.rows, 'S1', 'L1').marks[0]).toMatchObject({ value: '3', version: 2 });
  });

  it('keeps a mark deleted meanwhile by creating it again, with the resolve\'s fresh id as the new mark\'s id', () => {
    const again = retryOf({ op: update('u', '5'), current: serverMark({ deleted: true, version: 3 }), message: '' }, 'n');
    expect(again).toEqual({ id: 'n', kind: 'mark.create', lessonId: 'L1', studentId: 'S1', tempId: 'tmp-n', markId: 'n', workTypeId: 'W', weight: 1, scale: 'five', value: '5', comment: '' });
  });

  it('re-sends attendance without a version when the server has no record, and with its version when it has', () => {
    expect(retryOf({ op: absent, current: null, message: '' }, 'n')).toEqual({ ...absent, id: 'n' });
    const row = { id: 'A', lessonId: 'L1', studentId: 'S1', code: 'ill', version: 4 } as Attendance;
    expect(retryOf({ op: absent, current: row, message: '' }, 'n')).toEqual({ ...absent, id: 'n', version: 4 });
  });

  it('marks a refused write, shows the server\'s words and takes a refused new mark out', () => {
    let s = gridReducer(start(), { type: 'enqueue', op: create });
    s = gridReducer(s, { type: 'refused', op: create, message: 'Учебный период закрыт' });
    expect(s).toMatchObject({ alert: 'Учебный период закрыт', marked: { 'S1|L1': 'error' }, queue: [] });
    expect(cellOf(s.rows, 'S1', 'L1').marks.map((m) => m.id)).toEqual(['M']);
  });

  it('shows edits still queued from before a reload', () => {
    const s = initialState(buildRows(journal), [absent], new Set(['L1']));
    expect(cellOf(s.rows, 'S1', 'L1').attendance).toEqual({ code: 'absent', version: null });
  });
});
