import { describe, expect, it } from 'vitest';
import { flagKey, flagTarget } from './controlRemarks.ts';

describe('remarks on compliance flags (seed 001, 6.2)', () => {
  it('tells what a flag of each kind is about, a lesson by default', () => {
    expect(flagTarget('homework_late')).toBe('homework');
    expect(flagTarget('mark_late')).toBe('mark');
    expect(flagTarget('written_mark_late')).toBe('mark');
    expect(flagTarget('few_marks')).toBe('period');
    expect(flagTarget('period_mark_missing')).toBe('period');
    expect(flagTarget('topic_missing')).toBe('lesson');
    expect(flagTarget('attendance_missing')).toBe('lesson');
  });

  it('keys a flag by its kind and only the ids its kind uses', () => {
    expect(flagKey({ kind: 'topic_missing', lessonId: 'l1', groupId: 'g', subjectId: 's' })).toBe('topic_missing:l1');
    expect(flagKey({ kind: 'mark_late', lessonId: 'l1', entryId: 'm1', studentId: 'st' })).toBe('mark_late:l1:m1');
    expect(flagKey({ kind: 'period_mark_missing', periodId: 'p', groupId: 'g', subjectId: 's', studentId: 'st', lessonId: null }))
      .toBe('period_mark_missing:p:g:s:st');
    expect(flagKey({ kind: 'few_marks', periodId: 'p', groupId: 'g', subjectId: 's', studentId: 'st' }))
      .not.toBe(flagKey({ kind: 'period_mark_missing', periodId: 'p', groupId: 'g', subjectId: 's', studentId: 'st' }));
  });
});
