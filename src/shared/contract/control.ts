import { COMPLIANCE_FLAG_KINDS } from '../domain/compliance.ts';
import { REMARK_MAX_LENGTH } from '../domain/controlRemarks.ts';
import { ZDate, ZId, ZTimestamp } from './common.ts';
import { z } from './zod.ts';

// The deputy's compliance board (issue 5): flags shown, never blocking the teacher.

export const ZControlFlagsQuery = z.object({
  /** Lessons from … to (school-local dates, both included). */
  from: ZDate,
  to: ZDate,
  staffId: ZId.optional(),
  classId: ZId.optional(),
}).refine((q) => q.from <= q.to, { message: 'Начало не позже конца', path: ['to'] })
  .refine((q) => q.from >= '2000-01-01' && Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'Не больше одного учебного года', path: ['to'],
  });

export const ZComplianceFlagKind = z.enum(COMPLIANCE_FLAG_KINDS);

/** A remark of the deputy (director, admin) on a flag (seed 001, 6.2): audited, never edited. */
export const ZControlRemark = z.object({
  id: ZId,
  text: z.string(),
  authorName: z.string(),
  createdAt: ZTimestamp,
});

export const ZComplianceFlag = z.object({
  kind: ZComplianceFlagKind,
  /** The flag's stable key (shared/domain/controlRemarks.ts `flagKey`): what remarks are attached by. */
  key: z.string(),
  /** The rule broken, and where it is written. */
  rule: z.string(),
  citation: z.string(),
  staffId: ZId,
  classId: ZId.nullable(),
  groupId: ZId,
  groupName: z.string(),
  subjectId: ZId,
  subjectName: z.string(),
  /** The lesson (null for few_marks, which concerns a whole period). */
  lessonId: ZId.nullable(),
  lessonDate: ZDate.nullable(),
  /** The homework or mark entered late. */
  entryId: ZId.nullable(),
  studentId: ZId.nullable(),
  studentName: z.string().nullable(),
  /** When the entry was made (late homework and marks; attendance taken after the lesson's day). */
  enteredAt: ZTimestamp.nullable(),
  /** few_marks: the period, its deadline for period marks, the marks there are and the minimum. */
  periodId: ZId.nullable(),
  deadline: ZDate.nullable(),
  marks: z.number().int().nullable(),
  minMarks: z.number().int().nullable(),
  /**
   * few_marks where the policy requires written or control works among the minimum (seed 001, 5.2,
   * `minWrittenMarks`): how many of the marks are for such works, and how many are required; null
   * otherwise.
   */
  writtenMarks: z.number().int().nullable(),
  minWrittenMarks: z.number().int().nullable(),
  /** The deputy's remarks on this flag, oldest first. */
  remarks: z.array(ZControlRemark),
});

const ZCounts = z.record(ZComplianceFlagKind, z.number().int());

export const ZControlGroup = z.object({
  /** The teacher's or the class's id; null collects the groups outside any class. */
  id: ZId.nullable(),
  name: z.string(),
  counts: ZCounts,
  total: z.number().int(),
  flags: z.array(ZComplianceFlag),
});

export const ZControlFlags = z.object({
  from: ZDate,
  to: ZDate,
  today: ZDate,
  totals: ZCounts,
  byTeacher: z.array(ZControlGroup),
  byClass: z.array(ZControlGroup),
});

const ZRange = z.object({ from: ZDate, to: ZDate })
  .refine((q) => q.from <= q.to, { message: 'Начало не позже конца', path: ['to'] })
  .refine((q) => q.from >= '2000-01-01' && Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: 'Не больше одного учебного года', path: ['to'],
  });

/** A teacher's own flags, and a class teacher's board of his class: only the range. */
export const ZControlRangeQuery = ZRange;

/**
 * A remark on one flag, named by its kind and the ids of what it is about (the flag's own fields):
 * a lesson for a lesson's flag; the lesson and the homework or mark (`entryId`) for a late entry;
 * the period, group, subject and student for few or missing period marks.
 */
export const ZControlRemarkCreate = z.object({
  kind: ZComplianceFlagKind,
  lessonId: ZId.nullish(),
  entryId: ZId.nullish(),
  studentId: ZId.nullish(),
  periodId: ZId.nullish(),
  groupId: ZId.nullish(),
  subjectId: ZId.nullish(),
  text: z.string({ error: 'Обязательное поле' }).trim()
    .min(1, 'Напишите замечание').max(REMARK_MAX_LENGTH, `Не длиннее ${REMARK_MAX_LENGTH} символов`),
});

export const ZControlRemarkCreated = ZControlRemark.extend({ flagKey: z.string() });

export type ControlRemark = z.infer<typeof ZControlRemark>;
export type ControlRemarkCreate = z.infer<typeof ZControlRemarkCreate>;
export type ControlRemarkCreated = z.infer<typeof ZControlRemarkCreated>;
export type ControlRangeQuery = z.infer<typeof ZControlRangeQuery>;
export type ControlFlagsQuery = z.infer<typeof ZControlFlagsQuery>;
export type ComplianceFlag = z.infer<typeof ZComplianceFlag>;
export type ControlGroup = z.infer<typeof ZControlGroup>;
export type ControlFlags = z.infer<typeof ZControlFlags>;
