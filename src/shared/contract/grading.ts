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

export const ZSuggestion = z.object({
  value: z.enum(PERIOD_MARK_VALUES),
  mean: z.number().nullable(),
  count: z.number().int(),
  explanation: z.string(),
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
  policyVersion: z.number().int().nullable(),
  version: z.number().int(),
  authorUserId: ZId.nullable(),
  updatedAt: ZTimestamp,
});
export type PeriodMark = z.infer<typeof ZPeriodMark>;

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
