import { EXAM_KINDS, isExamValue } from '../domain/exams.ts';
import { ZId, ZTimestamp } from './common.ts';
import { PERIOD_MARK_VALUES } from './enums.ts';
import { z } from './zod.ts';

// Exam (экзаменационная) and final (итоговая) marks, seed 002 §4.3.11; rules in src/shared/domain/exams.ts.

export const ZExamKind = z.enum(EXAM_KINDS, { error: (i) => (i.input === undefined ? 'Обязательное поле' : 'exam или final') });

/** The exam and final marks of a group's subject in a year. */
export const ZExamMarkQuery = z.object({ groupId: ZId, subjectId: ZId, academicYearId: ZId });
export type ExamMarkQuery = z.infer<typeof ZExamMarkQuery>;

export const ZExamMark = z.object({
  id: ZId,
  kind: ZExamKind,
  groupId: ZId,
  subjectId: ZId,
  studentId: ZId,
  academicYearId: ZId,
  value: z.enum(PERIOD_MARK_VALUES),
  suggested: z.string().nullable(),
  explanation: z.string(),
  version: z.number().int(),
  authorUserId: ZId.nullable(),
  updatedAt: ZTimestamp,
});
export type ExamMark = z.infer<typeof ZExamMark>;

/** The suggested final mark and why (`reason` is rendered through i18n; `explanation` is the stored Russian). */
export const ZFinalSuggestion = z.object({
  value: z.enum(PERIOD_MARK_VALUES).nullable(),
  reason: z.enum(['noYearMark', 'yearNotNumeric', 'yearOnly', 'mean']),
  year: z.enum(PERIOD_MARK_VALUES).nullable(),
  exam: z.enum(['2', '3', '4', '5']).nullable(),
  mean: z.number().nullable(),
  tie: z.boolean(),
  explanation: z.string(),
});
export type FinalSuggestion = z.infer<typeof ZFinalSuggestion>;

export const ZExamMarkLine = z.object({
  student: z.object({ id: ZId, lastName: z.string(), firstName: z.string(), middleName: z.string() }),
  yearMark: z.enum(PERIOD_MARK_VALUES).nullable(),
  exam: ZExamMark.nullable(),
  final: ZExamMark.nullable(),
  suggestion: ZFinalSuggestion,
});
export type ExamMarkLine = z.infer<typeof ZExamMarkLine>;

export const ZExamMarkSheet = z.object({
  groupId: ZId,
  subjectId: ZId,
  academicYearId: ZId,
  /** Whether this group's subject has exam and final marks at all (grades 9 and 11, examined subjects). */
  available: z.boolean(),
  closed: z.boolean(),
  items: z.array(ZExamMarkLine),
});
export type ExamMarkSheet = z.infer<typeof ZExamMarkSheet>;

export const ZExamMarkSet = z.object({
  groupId: ZId,
  subjectId: ZId,
  academicYearId: ZId,
  studentId: ZId,
  kind: ZExamKind,
  value: z.enum(PERIOD_MARK_VALUES, { error: (i) => (i.input === undefined ? 'Обязательное поле' : '2–5, зачёт, незачёт, ОСВ или Н/А') }),
  /** The version the teacher saw; omitted for a mark not set yet. */
  version: z.number().int().min(1).optional(),
}).superRefine((b, ctx) => {
  if (!isExamValue(b.kind, b.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Экзамен оценивается от 2 до 5' });
});
export type ExamMarkSet = z.infer<typeof ZExamMarkSet>;

/** Subjects of groups whose final control form is an examination, as the administration set them. */
export const ZExamSubjectQuery = z.object({ academicYearId: ZId.optional(), groupId: ZId.optional() });
export const ZExamSubject = z.object({ groupId: ZId, subjectId: ZId, exam: z.boolean() });
export type ExamSubject = z.infer<typeof ZExamSubject>;
export const ZExamSubjectList = z.object({ items: z.array(z.object({ groupId: ZId, subjectId: ZId })) });
