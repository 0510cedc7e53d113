import { describe, expect, it } from 'vitest';
import {
  type AttendanceOp, drop, enqueue, loadQueue, type MarkCreateOp, type MarkDeleteOp, type MarkUpdateOp, newMarkId, pendingCells, queueStorageKey,
  saveQueue, settle,
} from './offlineQueue.ts';

const cell = { lessonId: 'L1', studentId: 'S1' };
const create = (id: string, value = '5'): MarkCreateOp => ({ id, kind: 'mark.create', ...cell, tempId: `tmp-${id}`, markId: `M-${id}`, workTypeId: 'W', weight: 1, scale: 'five', value, comment: '' });
const update = (id: string, markId: string, version: number, value: string): MarkUpdateOp => ({ id, kind: 'mark.update', ...cell, markId, version, value, workTypeId: 'W', weight: 2, comment: '' });
const remove = (id: string, markId: string, version: number): MarkDeleteOp => ({ id, kind: 'mark.delete', ...cell, markId, version });
const att = (id: string, code: AttendanceOp['code'], version?: number, lessonId = 'L1'): AttendanceOp =>
  ({ id, kind: 'attendance.put', lessonId, studentId: 'S1', code, ...(version === undefined ? {} : { version }) });

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
  removeItem(k: string) { this.data.delete(k); }
}

describe('enqueue', () => {
  it('keeps edits of different cells in the order they were made', () => {
    const q = enqueue(enqueue([], att('a', 'absent')), att('b', 'ill', undefined, 'L2'));
    expect(q.map((o) => o.id)).toEqual(['a', 'b']);
  });
  it('folds a correction of a mark made offline into its creation', () => {
    const q = enqueue([create('a')], update('b', 'tmp-a', 0, '4'));
    expect(q).toEqual([{ ...create('a'), value: '4', weight: 2 }]);
  });
  it('drops a mark made and removed while offline', () => {
    expect(enqueue([att('x', 'absent', undefined, 'L2'), create('a')], remove('b', 'tmp-a', 0)).map((o) => o.id)).toEqual(['x']);
  });
  it('keeps the version first seen when two corrections of one mark fold, and when a removal follows', () => {
    expect(enqueue([update('a', 'M', 3, '4')], update('b', 'M', 3, '3'))).toEqual([{ ...update('b', 'M', 3, '3'), id: 'a' }]);
    expect(enqueue([update('a', 'M', 3, '4')], remove('b', 'M', 3))).toEqual([{ ...remove('b', 'M', 3), id: 'a' }]);
  });
  it('folds attendance of one cell, keeping the first version or its absence', () => {
    expect(enqueue([att('a', 'absent', 2)], att('b', 'late', 2))).toEqual([att('a', 'late', 2)]);
    expect(enqueue([att('a', 'absent')], att('b', 'ill'))).toEqual([att('a', 'ill')]);
  });
  it('never folds into the edit being sent', () => {
    const q = enqueue([update('a', 'M', 3, '4')], update('b', 'M', 3, '3'), 'a');
    expect(q.map((o) => o.id)).toEqual(['a', 'b']);
  });
});

describe('settle', () => {
  it('removes the sent edit and hands the server id and version to the edits of a created mark', () => {
    const q = [create('a'), update('b', 'tmp-a', 0, '4')];
    expect(settle(q, q[0]!, { id: 'M', version: 1 })).toEqual([update('b', 'M', 1, '4')]);
  });
  it('bumps the version of a queued correction that saw the version just written', () => {
    const q = [update('a', 'M', 3, '4'), update('b', 'M', 3, '3'), update('c', 'N', 3, '2')];
    expect(settle(q, q[0]!, { id: 'M', version: 4 })).toEqual([update('b', 'M', 4, '3'), update('c', 'N', 3, '2')]);
  });
  it('drops edits of a mark once it is deleted', () => {
    const q = [remove('a', 'M', 3), update('b', 'M', 3, '3')];
    expect(settle(q, q[0]!, { id: 'M', version: 4 })).toEqual([]);
  });
  it('gives a queued attendance edit of the same cell the new version', () => {
    const q = [att('a', 'absent'), att('b', 'ill'), att('c', 'ill', undefined, 'L2')];
    expect(settle(q, q[0]!, { id: 'A', version: 1 })).toEqual([att('b', 'ill', 1), att('c', 'ill', undefined, 'L2')]);
  });
});

describe('drop', () => {
  it('takes a refused creation out together with the edits that depended on it', () => {
    const q = [create('a'), update('b', 'tmp-a', 0, '4'), att('c', 'absent')];
    expect(drop(q, q[0]!).map((o) => o.id)).toEqual(['c']);
  });
});

describe('storage', () => {
  it('survives a reload: what was saved per school and group is loaded back', () => {
    const store = new MemoryStore();
    const key = queueStorageKey('user', 'school', 'group');
    saveQueue(store, key, [att('a', 'absent'), create('b')]);
    expect(loadQueue(store, key)).toEqual([att('a', 'absent'), create('b')]);
    expect(loadQueue(store, queueStorageKey('user', 'school', 'other'))).toEqual([]);
    // Another person on the same browser never sees, let alone sends, this teacher's edits.
    expect(loadQueue(store, queueStorageKey('someone-else', 'school', 'group'))).toEqual([]);
    saveQueue(store, key, []);
    expect(store.data.has(key)).toBe(false);
  });
  it('ignores a corrupt entry instead of sending it', () => {
    const store = new MemoryStore();
    store.setItem('k', '{oops');
    expect(loadQueue(store, 'k')).toEqual([]);
    store.setItem('k', JSON.stringify([{ kind: 'rm -rf' }, att('a', 'absent')]));
    expect(loadQueue(store, 'k')).toEqual([att('a', 'absent')]);
  });
  it('keeps the id a new mark will have through folding, saving and a reload, so a re-sent create carries the same id', () => {
    const store = new MemoryStore();
    const key = queueStorageKey('user', 'school', 'group');
    const made: MarkCreateOp = { ...create('a'), markId: newMarkId() };
    const queue = enqueue([made], update('b', 'tmp-a', 0, '4'));
    expect(queue).toEqual([{ ...made, value: '4', weight: 2 }]);
    saveQueue(store, key, queue);
    const reloaded = loadQueue(store, key);
    expect(reloaded[0]).toMatchObject({ kind: 'mark.create', markId: made.markId });
    saveQueue(store, key, reloaded);
    expect(loadQueue(store, key)).toEqual(reloaded);
  });
  it('gives a create saved without a mark id one when loaded, and keeps it from then on', () => {
    const store = new MemoryStore();
    const { markId: _none, ...legacy } = create('a');
    store.setItem('k', JSON.stringify([legacy, att('b', 'absent')]));
    const loaded = loadQueue(store, 'k');
    const markId = (loaded[0] as MarkCreateOp).markId;
    expect(markId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(loaded).toEqual([{ ...legacy, markId }, att('b', 'absent')]);
    saveQueue(store, 'k', loaded);
    expect((loadQueue(store, 'k')[0] as MarkCreateOp).markId).toBe(markId);
  });
  it('makes a fresh UUIDv7 for every new mark', () => {
    const ids = [newMarkId(), newMarkId()];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
  it('names the cells that wait for sending', () => {
    expect(pendingCells([att('a', 'absent'), create('b')])).toEqual(new Set(['S1|L1']));
  });
});
