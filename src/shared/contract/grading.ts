import { EXPLANATION_CODES } from '../domain/grading.ts';
import { ZDate, ZId, ZTimestamp } from './common.ts';
import { PERIOD_MARK_VALUES } from './enums.ts';
import { z } from './zod.ts';

const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9;
const ZThreshold = z.number().min(1, 'От 1 до 5').max(5, 'От 1 до 5').refine(twoDecimals, 'Не больше двух знаков после запятой');
const ZWeight = z.number().positive('Больше нуля').max(10, 'Не больше 10').refine(twoDecimals, 'Не больше двух знаков после запятой');

/** The rules of a school's grading policy: see `GradingPolicy` in src/shared/domain/grading.ts. */
export const ZGradingRules = z.object({
  workTypeWeights: z.record(ZId, ZWeight).optional(),
  excludedWorkTypeIds: z.array(ZId).max(100).default([]),
  thresholds: z.object({ '3': ZThreshold, '4': ZThreshold, '5': ZThreshold }),
  minMarks: z.number().int('Целое число').min(0, 'От 0 до 20').max(20, 'От 0 до 20').default(3),
  /** Seed 001, 5.2: how many of the minimum must be written or control works; absent = none required. */
  minWrittenMarks: z.number().int('Целое число').min(0, 'От 0 до 20').max(20, 'От 0 до 20').optional(),
  notAssessedWhen: z.object({
    fewerMarksThanMin: z.boolean(),
    absentShareAbove: z.number().gt(0, 'Больше 0').lt(1, 'Меньше 1').optional(),
  }).default({ fewerMarksThanMin: true }),
  yearFrom: z.literal('periodMean').default('periodMean'),
}).superRefine((rules, ctx) => {
  const t = rules.thresholds;
  if (!(t['4'] > t['3'])) ctx.addIssue({ code: 'custom', path: ['thresholds', '4'], message: 'Порог «4» должен быть выше порога «3»' });
  if (!(t['5'] > t['4'])) ctx.addIssue({ code: 'custom', path: ['thresholds', '5'], message: 'Порог «5» должен быть выше порога «4»' });
});
export type GradingRules = z.infer<typeof ZGradingRules>;

export const ZGradingPolicy = z.object({
  /** 0 = the built-in default (the school has not written its own yet). */
  version: z.number().int(),
  isDefault: z.boolean(),
  rules: ZGradingRules,
  authorUserId: ZId.nullable(),
  createdAt: ZTimestamp.nullable(),
});
export type GradingPolicyVersion = z.infer<typeof ZGradingPolicy>;
export const ZGradingPolicyVersions = z.object({ items: z.array(ZGradingPolicy) });

/** Why a mark is suggested, as a code with numbers (the web words it in the reader's language). */
export const ZExplanation = z.object({ code: z.enum(EXPLANATION_CODES), params: z.record(z.string(), z.number()) });
export type Explanation = z.infer<typeof ZExplanation>;

export const ZSuggestion = z.object({
  value: z.enum(PERIOD_MARK_VALUES),
  mean: z.number().nullable(),
  count: z.number().int(),
  /** In Russian, as stored with a period mark. */
  explanation: z.string(),
  reason: ZExplanation,
});

export const ZPeriodMark = z.object({
  id: ZId,
  groupId: ZId,
  subjectId: ZId,
  studentId: ZId,
  periodId: ZId.nullable(),
  academicYearId: ZId,
  value: z.enum(PERIOD_MARK_VALUES),
  suggested: z.string().nullable(),
  explanation: z.string(),
  /** The explanation as a code with numbers; null for a mark set before it was kept. */
  reason: ZExplanation.nullable(),
  policyVersion: z.number().int().nullable(),
  version: z.number().int(),
  authorUserId: ZId.nullable(),
  updatedAt: ZTimestamp,
});
export type PeriodMark = z.infer<typeof ZPeriodMark>;

/** A confirmed batch: how many marks it set and until when its teacher may undo it. */
export const ZAcceptBatch = z.object({
  id: ZId,
  count: z.number().int(),
  createdAt: ZTimestamp,
  undoUntil: ZTimestamp,
});
export type AcceptBatch = z.infer<typeof ZAcceptBatch>;

/** One student's line of the period (or year) marks sheet. */
export const ZPeriodMarkLine = z.object({
  student: z.object({ id: ZId, lastName: z.string(), firstName: z.string(), middleName: z.string() }),
  suggestion: ZSuggestion,
  mark: ZPeriodMark.nullable(),
});
export const ZPeriodMarkSheet = z.object({
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.nullable(),
  academicYearId: ZId,
  policyVersion: z.number().int(),
  /** Seed 001, 5.3: period marks are due two days before the period ends; null for the year. */
  dueOn: ZDate.nullable(),
  closed: z.boolean(),
  items: z.array(ZPeriodMarkLine),
  /** The reader's own batch of accepted suggestions on this sheet that may still be undone. */
  undoable: ZAcceptBatch.nullable(),
});
export type PeriodMarkSheet = z.infer<typeof ZPeriodMarkSheet>;
export type PeriodMarkLine = z.infer<typeof ZPeriodMarkLine>;

/** A period's marks (`periodId`) or the year's (`academicYearId` without `periodId`). */
export const ZPeriodMarkQuery = z.object({
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.optional(),
  academicYearId: ZId.optional(),
}).refine((q) => q.periodId !== undefined || q.academicYearId !== undefined, {
  path: ['periodId'], message: 'Укажите период или учебный год',
});

const ZPeriodMarkValue = z.enum(PERIOD_MARK_VALUES, { error: (i) => (i.input === undefined ? 'Обязательное поле' : '2–5, зачёт, незачёт, ОСВ или Н/А') });

export const ZPeriodMarkSet = z.object({
  groupId: ZId,
  subjectId: ZId,
  studentId: ZId,
  periodId: ZId.nullable().optional(),
  academicYearId: ZId.optional(),
  value: ZPeriodMarkValue,
  /** The version the teacher saw; omitted for a mark not set yet. */
  version: z.number().int().min(1).optional(),
}).refine((b) => (b.periodId ?? undefined) !== undefined || b.academicYearId !== undefined, {
  path: ['periodId'], message: 'Укажите период или учебный год',
});
export type PeriodMarkSet = z.infer<typeof ZPeriodMarkSet>;

/**
 * Several students' marks of one sheet in one request («Принять предложенные»): all or none. Each
 * item carries the version its teacher saw (omitted for a mark not set yet).
 */
export const ZPeriodMarkBatch = z.object({
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.nullable().optional(),
  academicYearId: ZId.optional(),
  items: z.array(z.object({
    studentId: ZId,
    value: ZPeriodMarkValue,
    version: z.number().int().min(1).optional(),
  })).min(1, 'Хотя бы одна отметка').max(200, 'Не больше 200 отметок'),
}).refine((b) => (b.periodId ?? undefined) !== undefined || b.academicYearId !== undefined, {
  path: ['periodId'], message: 'Укажите период или учебный год',
}).superRefine((b, ctx) => {
  const seen = new Set<string>();
  b.items.forEach((item, i) => {
    if (seen.has(item.studentId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'studentId'], message: 'Обучающийся указан дважды' });
    seen.add(item.studentId);
  });
});
export type PeriodMarkBatch = z.infer<typeof ZPeriodMarkBatch>;
export const ZPeriodMarkList = z.object({ items: z.array(ZPeriodMark) });

export const ZPeriodParams = z.object({ schoolId: ZId, periodId: ZId });

export const ZReopeningCreate = z.object({
  groupId: ZId,
  subjectId: ZId.optional(),
  fromDate: ZDate,
  toDate: ZDate,
  reason: z.string({ error: (i) => (i.input === undefined ? 'Обязательное поле' : 'Строка') })
    .trim().min(1, 'Укажите причину').max(1000, 'Не длиннее 1000 символов'),
  hours: z.number({ error: (i) => (i.input === undefined ? 'Обязательное поле' : 'Число часов') })
    .int('Целое число').min(1, 'От 1 до 168').max(168, 'От 1 до 168'),
});
export type ReopeningCreate = z.infer<typeof ZReopeningCreate>;

export const ZReopening = z.object({
  id: ZId,
  periodId: ZId,
  groupId: ZId,
  subjectId: ZId.nullable(),
  fromDate: ZDate,
  toDate: ZDate,
  reason: z.string(),
  openedBy: ZId.nullable(),
  openedAt: ZTimestamp,
  expiresAt: ZTimestamp,
});

export const ZPeriodClosure = z.object({
  periodId: ZId,
  closed: z.boolean(),
  closedAt: ZTimestamp.nullable(),
  closedBy: ZId.nullable(),
  /** Reopenings still in force. */
  reopenings: z.array(ZReopening),
});
export type PeriodClosure = z.infer<typeof ZPeriodClosure>;

/** Before a period is closed: what is still open in its journal (lessons counted up to today). */
export const ZClosurePreview = z.object({
  periodId: ZId,
  endsOn: ZDate,
  /** The period's last day has passed (school-local). */
  ended: z.boolean(),
  /** Students × subjects (in a group) without a period mark. */
  studentsWithoutMark: z.number().int(),
  /** Lessons held (not cancelled) without a topic. */
  lessonsWithoutTopic: z.number().int(),
  /** Lessons held (not cancelled) without attendance taken (seed 003, 2.5). */
  lessonsWithoutAttendance: z.number().int(),
});
export type ClosurePreview = z.infer<typeof ZClosurePreview>;
/** One mark «Принять предложенные» would set: the student, the mark now (if any) and the value to set. */
export const ZAcceptPreviewItem = z.object({
  student: z.object({ id: ZId, lastName: z.string(), firstName: z.string(), middleName: z.string() }),
  current: z.object({ value: z.enum(PERIOD_MARK_VALUES), version: z.number().int() }).nullable(),
  value: z.enum(PERIOD_MARK_VALUES),
  reason: ZExplanation,
});
export type AcceptPreviewItem = z.infer<typeof ZAcceptPreviewItem>;

/** What one click would set, before the teacher confirms it. */
export const ZAcceptPreview = z.object({
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.nullable(),
  academicYearId: ZId,
  /** Seed 001, 5.3: the last day for the marks; «Н/А» is only accepted after it. */
  deadline: ZDate,
  deadlinePassed: z.boolean(),
  items: z.array(ZAcceptPreviewItem),
  /** Students whose suggestion is «Н/А», left out before the deadline. */
  leftOutNotAssessed: z.number().int(),
});
export type AcceptPreview = z.infer<typeof ZAcceptPreview>;

/**
 * The confirmation: exactly what the preview showed (each student, the value, the version of the
 * mark now, omitted when none). Anything different from a fresh preview is refused with 409.
 */
export const ZAcceptConfirm = ZPeriodMarkBatch;
export type AcceptConfirm = z.infer<typeof ZAcceptConfirm>;

export const ZAcceptResult = z.object({ batch: ZAcceptBatch, items: z.array(ZPeriodMark) });
export const ZAcceptBatchParams = z.object({ schoolId: ZId, batchId: ZId });
/** The undo: the marks restored (new versions) and the students whose new marks were removed. */
export const ZAcceptUndoResult = z.object({ restored: z.array(ZPeriodMark), removed: z.array(ZId) });
