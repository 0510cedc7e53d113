import { describe, expect, it } from 'vitest';
import { journalDebts } from './debts.ts';

const control = new Set(['kr']);
const stays = [
  { studentId: 'a', startsOn: '2025-09-01', endsOn: null },
  { studentId: 'b', startsOn: '2025-09-01', endsOn: '2025-09-15' },
  { studentId: 'c', startsOn: '2025-10-01', endsOn: null },
];
const page = (over: Partial<Parameters<typeof journalDebts>[0]> = {}) => journalDebts({
  lessons: [{ id: 'l1', date: '2025-09-10', status: 'scheduled', workTypeIds: ['kr'] }],
  marks: [], attendance: [], stays, controlWorkTypeIds: control, today: '2025-10-20', ...over,
});

describe('debts', () => {
  it('owes a control work mark from every student who was in the group and present', () => {
    expect(page()).toEqual([{ studentId: 'a', lessonId: 'l1' }, { studentId: 'b', lessonId: 'l1' }]);
  });

  it('clears a debt with a current mark of that work type, not with another or a deleted one', () => {
    expect(page({ marks: [{ lessonId: 'l1', studentId: 'a', workTypeId: 'kr' }, { lessonId: 'l1', studentId: 'b', workTypeId: 'answer' }] }))
      .toEqual([{ studentId: 'b', lessonId: 'l1' }]);
    expect(page({ marks: [{ lessonId: 'l1', studentId: 'a', workTypeId: 'kr', deleted: true }] })).toHaveLength(2);
  });

  it('owes nothing for the absent, ill or excused, but does for the late', () => {
    const attendance = [{ lessonId: 'l1', studentId: 'a', code: 'ill' }, { lessonId: 'l1', studentId: 'b', code: 'late' }];
    expect(page({ attendance })).toEqual([{ studentId: 'b', lessonId: 'l1' }]);
    expect(page({ attendance: [{ lessonId: 'l1', studentId: 'a', code: null }] })).toHaveLength(2);
  });

  it('owes nothing for lessons of today or later, cancelled ones, or without control work', () => {
    expect(page({ today: '2025-09-10' })).toEqual([]);
    expect(page({ lessons: [{ id: 'l1', date: '2025-09-10', status: 'cancelled', workTypeIds: ['kr'] }] })).toEqual([]);
    expect(page({ lessons: [{ id: 'l1', date: '2025-09-10', status: 'scheduled', workTypeIds: ['answer'] }] })).toEqual([]);
  });
});
