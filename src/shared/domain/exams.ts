/**
 * Exam (экзаменационная) and final (итоговая) marks, seed 002 §4.3.11: which groups have them and
 * how the final mark is suggested. The one place these rules live (server and web). Pure.
 */
import type { FivePointValue, PeriodMarkLike } from './grading.ts';

/** The kinds of marks kept in `period_marks`: a period's or (period null) the year's, an exam's, the final. */
export const MARK_KINDS = ['period', 'exam', 'final'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];
/** The kinds set once a year per subject beside the year mark. */
export const EXAM_KINDS = ['exam', 'final'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];

/** An exam is graded on the five-point scale; a student who did not sit it has no exam mark. */
export const EXAM_MARK_VALUES = ['2', '3', '4', '5'] as const;

/** Grades that end with the state final attestation (ГИА): ОГЭ after the 9th, ЕГЭ after the 11th. */
export const EXAM_GRADES: readonly number[] = [9, 11];

export type ExamScope = {
  schoolKind: 'general' | 'college';
  /** The grade of the group (a college course), null for a group without one. */
  grade: number | null;
  /** The administrator set an examination as the final control form of this subject in this group. */
  examSubject: boolean;
};

/**
 * Whether a group's subject has exam and final marks: in a school, grades 9 and 11 by default (every
 * subject gets a final mark for the certificate, the exam column stays empty where no exam was sat)
 * and any subject the administration marked as examined (e.g. a transfer exam); in a college only the
 * disciplines whose final control form is an examination, as the administration set them.
 */
export function hasExamMarks(scope: ExamScope): boolean {
  if (scope.examSubject) return true;
  return scope.schoolKind === 'general' && scope.grade !== null && EXAM_GRADES.includes(scope.grade);
}

/** Whether a value may be stored as a mark of this kind (the period kinds are checked elsewhere). */
export function isExamValue(kind: ExamKind, value: string): boolean {
  if (kind === 'exam') return (EXAM_MARK_VALUES as readonly string[]).includes(value);
  return ['2', '3', '4', '5', 'pass', 'fail', 'exempt', 'notAssessed'].includes(value);
}

export type FinalReason = 'noYearMark' | 'yearNotNumeric' | 'yearOnly' | 'mean';

export type FinalSuggestion = {
  value: PeriodMarkLike | null;
  reason: FinalReason;
  year: PeriodMarkLike | null;
  exam: FivePointValue | null;
  /** The mean of the year and the exam mark, when both are numeric. */
  mean: number | null;
  /** The mean lies exactly between two marks: rounded up, but the teacher decides. */
  tie: boolean;
  /** Russian, stored with the mark as its reason (the web renders `reason` through i18n). */
  explanation: string;
};

const isFivePoint = (v: string | null | undefined): v is FivePointValue => v === '2' || v === '3' || v === '4' || v === '5';
const NAMES: Record<PeriodMarkLike, string> = { 2: '2', 3: '3', 4: '4', 5: '5', pass: 'зачёт', fail: 'незачёт', exempt: 'ОСВ', notAssessed: 'Н/А' };

/**
 * The suggested final mark (итоговая) from the year mark and the exam mark, as the certificate rules
 * have it (Порядок заполнения аттестатов, приказ Минобрнауки № 115, п. 5.3): without an exam the
 * final mark is the year mark; with one, the arithmetic mean of the year and the exam mark, as a whole
 * number by mathematical rounding (3,5 → 4). A «.5» is named a tie: the teacher confirms either way.
 * A non-numeric year mark (зачёт, ОСВ, Н/А) carries over as it is; without a year mark nothing is suggested.
 */
export function suggestFinalMark(year: PeriodMarkLike | null | undefined, exam: FivePointValue | null | undefined): FinalSuggestion {
  const y = year ?? null;
  const e = exam ?? null;
  const base = { year: y, exam: e, mean: null, tie: false };
  if (y === null) return { ...base, value: null, reason: 'noYearMark', explanation: 'Нет годовой отметки' };
  if (!isFivePoint(y)) return { ...base, value: y, reason: 'yearNotNumeric', explanation: `${NAMES[y]}: годовая отметка` };
  if (e === null) return { ...base, value: y, reason: 'yearOnly', explanation: `${y}: годовая отметка, экзамена нет` };
  const sum = Number(y) + Number(e);
  const value = String(Math.ceil(sum / 2)) as FivePointValue;
  const tie = sum % 2 === 1;
  const mean = sum / 2;
  const shown = tie ? `${Math.floor(mean)},5` : String(mean);
  return {
    ...base, value, mean, tie,
    reason: 'mean',
    explanation: `${shown} → ${value}: среднее годовой (${y}) и экзаменационной (${e})${tie ? ', округление вверх; решает учитель' : ''}`,
  };
}
