import { describe, expect, it } from 'vitest';
import { hasExamMarks, isExamValue, suggestFinalMark } from './exams.ts';

describe('which groups have exam and final marks', () => {
  it.each([
    [9, true], [11, true], [7, false], [10, false], [1, false], [null, false],
  ] as const)('a school\'s grade %s by default: %s', (grade, expected) => {
    expect(hasExamMarks({ schoolKind: 'general', grade, examSubject: false })).toBe(expected);
  });

  it('a school\'s other grade when the administration set an exam in the subject', () => {
    expect(hasExamMarks({ schoolKind: 'general', grade: 10, examSubject: true })).toBe(true);
  });

  it('a college only where the discipline ends with an examination', () => {
    expect(hasExamMarks({ schoolKind: 'college', grade: 2, examSubject: false })).toBe(false);
    expect(hasExamMarks({ schoolKind: 'college', grade: 9, examSubject: false })).toBe(false);
    expect(hasExamMarks({ schoolKind: 'college', grade: 2, examSubject: true })).toBe(true);
  });
});

describe('the values of exam and final marks', () => {
  it('grades an exam 2–5 only', () => {
    expect(['2', '3', '4', '5'].every((v) => isExamValue('exam', v))).toBe(true);
    expect(['1', 'pass', 'notAssessed', 'exempt', '', '5+'].some((v) => isExamValue('exam', v))).toBe(false);
  });

  it('takes a final mark as a year mark is taken', () => {
    expect(['2', '5', 'pass', 'fail', 'exempt', 'notAssessed'].every((v) => isExamValue('final', v))).toBe(true);
    expect(isExamValue('final', '1')).toBe(false);
  });
});

describe('the suggested final mark', () => {
  it('suggests nothing without a year mark', () => {
    expect(suggestFinalMark(null, '5')).toMatchObject({ value: null, reason: 'noYearMark', explanation: 'Нет годовой отметки' });
    expect(suggestFinalMark(undefined, undefined)).toMatchObject({ value: null, reason: 'noYearMark' });
  });

  it('is the year mark when there was no exam', () => {
    expect(suggestFinalMark('4', null)).toEqual({
      value: '4', reason: 'yearOnly', year: '4', exam: null, mean: null, tie: false, explanation: '4: годовая отметка, экзамена нет',
    });
  });

  it('carries a non-numeric year mark over', () => {
    expect(suggestFinalMark('pass', null)).toMatchObject({ value: 'pass', reason: 'yearNotNumeric', explanation: 'зачёт: годовая отметка' });
    expect(suggestFinalMark('notAssessed', '4')).toMatchObject({ value: 'notAssessed', reason: 'yearNotNumeric', explanation: 'Н/А: годовая отметка' });
    expect(suggestFinalMark('exempt', null)).toMatchObject({ value: 'exempt' });
  });

  it('is the mean of the year and the exam mark when they agree to a whole number', () => {
    expect(suggestFinalMark('5', '3')).toMatchObject({ value: '4', reason: 'mean', mean: 4, tie: false, explanation: '4 → 4: среднее годовой (5) и экзаменационной (3)' });
    expect(suggestFinalMark('4', '4')).toMatchObject({ value: '4', mean: 4, tie: false });
  });

  it('rounds a half up and leaves the decision to the teacher', () => {
    expect(suggestFinalMark('4', '5')).toEqual({
      value: '5', reason: 'mean', year: '4', exam: '5', mean: 4.5, tie: true,
      explanation: '4,5 → 5: среднее годовой (4) и экзаменационной (5), округление вверх; решает учитель',
    });
    expect(suggestFinalMark('3', '2')).toMatchObject({ value: '3', mean: 2.5, tie: true });
    expect(suggestFinalMark('5', '2')).toMatchObject({ value: '4', mean: 3.5, tie: true });
  });
});
