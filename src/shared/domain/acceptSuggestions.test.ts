import { describe, expect, it } from 'vitest';
import { ACCEPT_UNDO_MINUTES, acceptDeadline, type AcceptLine, notAssessedAcceptable, planAccept } from './acceptSuggestions.ts';

const line = (studentId: string, suggestion: AcceptLine['suggestion'], current: AcceptLine['current'] = null): AcceptLine => ({ studentId, suggestion, current });

describe('«Принять предложенные»: which marks one click sets', () => {
  it('sets a student without a mark', () => {
    expect(planAccept([line('a', '5'), line('b', '3')], false).take.map((l) => l.studentId)).toEqual(['a', 'b']);
  });

  it('never overwrites a mark the teacher chose, nor one equal to the suggestion', () => {
    const lines = [
      line('chosen', '5', { value: '4', suggested: '5', version: 1 }),
      line('same', '5', { value: '5', suggested: '5', version: 2 }),
      line('legacy', '5', { value: '4', suggested: null, version: 1 }),
    ];
    expect(planAccept(lines, true).take).toEqual([]);
  });

  it('follows a suggestion that changed since its mark took the earlier one', () => {
    const lines = [line('a', '5', { value: '4', suggested: '4', version: 3 })];
    expect(planAccept(lines, false).take).toEqual(lines);
  });

  it('leaves Н/А out before the deadline and counts it, and sets it after', () => {
    const lines = [line('a', 'notAssessed'), line('b', '4'), line('c', 'notAssessed', { value: '3', suggested: '3', version: 1 })];
    const before = planAccept(lines, false);
    expect(before.take.map((l) => l.studentId)).toEqual(['b']);
    expect(before.leftOutNotAssessed.map((l) => l.studentId)).toEqual(['a', 'c']);
    expect(planAccept(lines, true).take.map((l) => l.studentId)).toEqual(['a', 'b', 'c']);
  });

  it('has a deadline two days before the end (seed 001, 5.3), passed only the day after it', () => {
    expect(acceptDeadline('2025-10-24')).toBe('2025-10-22');
    expect(notAssessedAcceptable('2025-10-24', '2025-10-22')).toBe(false);
    expect(notAssessedAcceptable('2025-10-24', '2025-10-23')).toBe(true);
    expect(notAssessedAcceptable('2026-05-31', '2026-05-30')).toBe(true);
  });

  it('may be undone for a few minutes', () => {
    expect(ACCEPT_UNDO_MINUTES).toBe(10);
  });
});
