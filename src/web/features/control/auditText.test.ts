import { describe, expect, it } from 'vitest';
import { describeChange, formatDate, formatInstant, lessonIdOf, studentIdOf } from './auditText.ts';

const names = {
  workTypes: new Map([['wt1', 'Ответ на уроке'], ['wt2', 'Контрольная работа']]),
  students: new Map([['s1', 'Иванов И.']]),
  periods: new Map([['p1', '1 четверть']]),
  groups: new Map([['g1', '5А']]),
  subjects: new Map([['m', 'Математика']]),
};
const mark = (extra: Record<string, unknown>) => ({ lesson_id: 'l1', student_id: 's1', work_type_id: 'wt1', weight: 1, value: '4', deleted: false, comment: '', ...extra });

describe('describing an audit entry in words', () => {
  it('tells a new mark, a corrected mark, a deleted mark', () => {
    expect(describeChange({ entity: 'marks', operation: 'insert', before: null, after: mark({}) }, names)).toEqual([
      { key: 'markNew', params: { student: 'Иванов И.', workType: 'Ответ на уроке', weight: '1', value: '4' } },
    ]);
    expect(describeChange({ entity: 'marks', operation: 'update', before: mark({}), after: mark({ value: '5' }) }, names)).toEqual([
      { key: 'markChanged', params: { student: 'Иванов И.', workType: 'Ответ на уроке', weight: '1', before: '4', after: '5' } },
    ]);
    expect(describeChange({ entity: 'marks', operation: 'update', before: mark({}), after: mark({ deleted: true }) }, names)[0]!.key).toBe('markDeleted');
    const retyped = describeChange({ entity: 'marks', operation: 'update', before: mark({}), after: mark({ work_type_id: 'wt2', weight: 2 }) }, names);
    expect(retyped.map((l) => l.key)).toEqual(['weightChanged', 'workTypeChanged']);
    expect(retyped[1]!.params).toMatchObject({ before: 'Ответ на уроке', after: 'Контрольная работа' });
  });

  it('tells attendance by its journal letters', () => {
    const row = { lesson_id: 'l1', student_id: 's1', code: 'absent', reason: '' };
    expect(describeChange({ entity: 'attendance', operation: 'insert', before: null, after: row }, names)).toEqual([
      { key: 'attendance', params: { student: 'Иванов И.', before: '—', after: 'н' } },
    ]);
    expect(describeChange({ entity: 'attendance', operation: 'update', before: row, after: { ...row, code: 'ill', reason: 'справка' } }, names)).toEqual([
      { key: 'attendance', params: { student: 'Иванов И.', before: 'н', after: 'б' } },
      { key: 'attendanceReason', params: { student: 'Иванов И.', before: '—', after: 'справка' } },
    ]);
  });

  it('tells a topic written and a lesson moved, ignoring technical columns', () => {
    const lesson = { id: 'l1', topic: '', date: '2025-10-06', version: 1, updated_at: 'x' };
    expect(describeChange({ entity: 'lessons', operation: 'update', before: lesson, after: { ...lesson, topic: 'Дроби', version: 2, updated_at: 'y' } })).toEqual([
      { key: 'topic', params: { before: '—', after: 'Дроби' } },
    ]);
    expect(describeChange({ entity: 'lessons', operation: 'update', before: lesson, after: { ...lesson, date: '2025-10-07' } })).toEqual([
      { key: 'lessonDate', params: { before: '06.10.2025', after: '07.10.2025' } },
    ]);
  });

  it('tells closures and reopenings with the period, group, range and expiry', () => {
    expect(describeChange({ entity: 'period_closures', operation: 'insert', before: null, after: { period_id: 'p1' } }, names)).toEqual([
      { key: 'periodClosed', params: { period: '1 четверть' } },
    ]);
    const reopened = describeChange({
      entity: 'period_reopenings', operation: 'insert', before: null,
      after: { period_id: 'p1', group_id: 'g1', subject_id: null, from_date: '2025-10-01', to_date: '2025-10-06', expires_at: '2025-10-27T11:00:00+00:00' },
    }, names, 'UTC');
    expect(reopened).toEqual([{ key: 'periodReopened', params: { period: '1 четверть', group: '5А', subject: '', from: '01.10.2025', to: '06.10.2025', until: '27.10.2025 11:00' } }]);
  });

  it('falls back to the changed columns for other records, and to a summary for bulk entries', () => {
    expect(describeChange({ entity: 'rooms', operation: 'update', before: { id: 'r', name: '101', capacity: 30 }, after: { id: 'r', name: '102', capacity: 30 } })).toEqual([
      { key: 'field', params: { field: 'name', before: '101', after: '102' } },
    ]);
    expect(describeChange({ entity: 'marks', operation: 'bulk', before: null, after: { rows: 3 } })).toEqual([{ key: 'bulk', params: { entity: 'marks' } }]);
  });

  it('finds the lesson and the student an entry belongs to', () => {
    expect(lessonIdOf({ entity: 'lessons', entityId: 'l9', before: null, after: {} })).toBe('l9');
    expect(lessonIdOf({ entity: 'marks', entityId: 'm', before: mark({}), after: null })).toBe('l1');
    expect(lessonIdOf({ entity: 'period_closures', entityId: 'p1', before: null, after: { period_id: 'p1' } })).toBeNull();
    expect(studentIdOf({ before: null, after: mark({}) })).toBe('s1');
  });

  it('formats school dates and instants the Russian way', () => {
    expect(formatDate('2025-10-06')).toBe('06.10.2025');
    expect(formatInstant('2025-10-27T02:05:00Z', 'Asia/Barnaul')).toBe('27.10.2025 09:05');
  });

  it('tells a deputy\'s remark on a flag and a class\'s personal-data check', () => {
    expect(describeChange({ entity: 'control_remarks', operation: 'insert', before: null, after: { lesson_id: 'l1', body: 'Заполните тему' } }, names))
      .toEqual([{ key: 'remark', params: { text: 'Заполните тему' } }]);
    expect(describeChange({ entity: 'class_data_checks', operation: 'insert', before: null, after: { class_id: 'c1', checked_on: '2025-10-20' } }, names))
      .toEqual([{ key: 'dataChecked', params: { date: '20.10.2025' } }]);
  });
});
