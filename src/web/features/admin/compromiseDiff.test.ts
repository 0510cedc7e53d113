import { describe, expect, it } from 'vitest';
import { changedFields, valueKind } from './compromiseDiff.ts';

const mark = { school_id: 's', id: 'm', lesson_id: 'l', student_id: 'st', work_type_id: 'w', weight: 1, scale: 'five', value: '4', comment: '', deleted: false, version: 1, author_user_id: 'u', created_at: '2025-09-10T06:00:00+00:00', updated_at: '2025-09-10T06:00:00+00:00' };

describe('what a voided change did', () => {
  it('lists only the changed, meaningful fields of an update', () => {
    const after = { ...mark, value: '2', comment: 'взлом', version: 2, updated_at: '2025-09-10T07:00:00+00:00' };
    expect(changedFields('update', mark, after)).toEqual([
      { field: 'value', before: '4', after: '2' },
      { field: 'comment', before: '', after: 'взлом' },
    ]);
  });

  it('shows a changed reference as a change, but leaves references and empty values out of an insert or delete', () => {
    expect(changedFields('update', mark, { ...mark, work_type_id: 'w2' })).toEqual([{ field: 'work_type_id', before: 'w', after: 'w2' }]);
    expect(changedFields('insert', null, mark).map((f) => f.field)).toEqual(['weight', 'scale', 'value']);
    expect(changedFields('insert', null, { ...mark, deleted: true }).map((f) => f.field)).toContain('deleted');
    expect(changedFields('delete', mark, null).map((f) => [f.field, f.before, f.after])).toContainEqual(['value', '4', null]);
  });

  it('never shows a password hash, even if a table had one', () => {
    expect(changedFields('update', { password_hash: 'a' }, { password_hash: 'b' })).toEqual([]);
  });
});

describe('how a value is shown', () => {
  it('tells empty, yes/no, references, codes, times and numbers apart', () => {
    expect(valueKind('comment', '')).toEqual({ kind: 'empty' });
    expect(valueKind('comment', null)).toEqual({ kind: 'empty' });
    expect(valueKind('deleted', true)).toEqual({ kind: 'bool', value: true });
    expect(valueKind('student_id', 'x')).toEqual({ kind: 'reference' });
    expect(valueKind('code', 'absent')).toEqual({ kind: 'code', field: 'code', value: 'absent' });
    expect(valueKind('closed_at', '2025-09-10T06:00:00.123+00:00')).toEqual({ kind: 'time', at: new Date('2025-09-10T06:00:00.123Z') });
    expect(valueKind('date', '2025-09-10')).toEqual({ kind: 'text', value: '2025-09-10' });
    expect(valueKind('weight', '2.00')).toEqual({ kind: 'text', value: '2' });
    expect(valueKind('weight', 1.5)).toEqual({ kind: 'text', value: '1.5' });
    expect(valueKind('pages', ['1', '2'])).toEqual({ kind: 'text', value: '["1","2"]' });
  });
});
