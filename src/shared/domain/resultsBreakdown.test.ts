import { describe, expect, it } from 'vitest';
import type { PeriodMarkValue } from '../contract/enums.ts';
import { resultsBreakdown } from './resultsBreakdown.ts';

const mark = (id: string, key: string, unit: string, value: PeriodMarkValue) => ({ id, key, unit, value });

describe('resultsBreakdown', () => {
  it('counts a student by his one mark in the subject: «5» отличник, «4» хорошист with one «4», «3» with one «3», «2» неуспевающий', () => {
    const { byKey, total } = resultsBreakdown([
      mark('1', 'maths', 'a:maths', '5'), mark('2', 'maths', 'b:maths', '4'), mark('3', 'maths', 'c:maths', '3'),
      mark('4', 'maths', 'd:maths', '2'), mark('5', 'maths', 'e:maths', 'notAssessed'), mark('6', 'maths', 'f:maths', 'exempt'),
    ]);
    expect(byKey.get('maths')).toEqual(total);
    expect(total.students).toBe(6);
    expect(total.figures).toMatchObject({
      assessed: 5, excellent: 1, good: 1, oneFour: 1, oneThree: 1, failing: 1, notAssessed: 1, progressPercent: 60, qualityPercent: 40,
      marks: { 5: 1, 4: 1, 3: 1, 2: 1 }, meanMark: 3.5,
    });
  });

  it('keeps each key apart and counts a mark shared by two keys once in the total', () => {
    const { byKey, total } = resultsBreakdown([
      mark('1', 'teacherA', 'a:maths', '5'), mark('1', 'teacherB', 'a:maths', '5'),
      mark('2', 'teacherA', 'a:physics', '2'), mark('3', 'teacherB', 'b:maths', 'pass'), mark('4', 'teacherB', 'c:maths', 'fail'),
    ]);
    expect(byKey.get('teacherA')).toMatchObject({ students: 2, figures: { assessed: 2, excellent: 1, failing: 1, progressPercent: 50 } });
    // «зачёт» keeps a student успевающий but makes him neither отличник nor хорошист; «незачёт» counts as a «2».
    expect(byKey.get('teacherB')).toMatchObject({ students: 3, figures: { assessed: 3, excellent: 1, good: 0, failing: 1 } });
    expect(total).toMatchObject({ students: 4, figures: { assessed: 4, excellent: 1, failing: 2, marks: { 5: 1, 4: 0, 3: 0, 2: 1 } } });
  });

  it('gives nothing for no marks', () => {
    const { byKey, total } = resultsBreakdown([]);
    expect(byKey.size).toBe(0);
    expect(total).toMatchObject({ students: 0, figures: { assessed: 0, progressPercent: null, sou: null } });
  });
});
