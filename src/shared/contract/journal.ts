import { ZDate, ZId, ZName, ZSchoolParams } from './common.ts';
import { ATTENDANCE_CODES, GROUP_KINDS, LESSON_KINDS, LESSON_STATUSES, MARK_SCALES } from './enums.ts';
import { z } from './zod.ts';

// Update schemas are built from fields without defaults (a default inside `.partial()` would
// reset an omitted field on PATCH).

const ZFlag = z.stringbool({ error: 'true или false' });
const ZVersion = z.number().int('Целое число').min(1, 'Не меньше 1');
const ZVersionQuery = z.coerce.number().int('Целое число').min(1, 'Не меньше 1');
const ZReason = z.string().trim().max(500, 'Не длиннее 500 символов');
const ZComment = z.string().trim().max(1000, 'Не длиннее 1000 символов');
/** Weights are kept with two decimals: 0.01 … 10. */
const ZWeight = z.number().positive('Больше нуля').max(10, 'Не больше 10')
  .refine((w) => Math.abs(Math.round(w * 100) - w * 100) < 1e-6, 'Не больше двух знаков после запятой');

/* Work types (виды работ) with their weights: «Ответ на уроке» 1, «Контрольная работа» 2, … */
export const ZWorkType = z.object({
  id: ZId,
  name: z.string(),
  weight: z.number(),
  /** A required control work: a missing mark is a debt («долг»). */
  isControl: z.boolean(),
  /** Written work: its marks are due within a week (seed 002, 4.4.2). */
  isWritten: z.boolean(),
  archived: z.boolean(),
});
const workTypeFields = { name: ZName(100), weight: ZWeight, isControl: z.boolean(), isWritten: z.boolean(), archived: z.boolean() };
export const ZWorkTypeCreate = z.object({
  ...workTypeFields,
  isControl: workTypeFields.isControl.default(false),
  isWritten: workTypeFields.isWritten.default(false),
  archived: workTypeFields.archived.default(false),
});
export const ZWorkTypeUpdate = z.object(workTypeFields).partial();
export const ZWorkTypeQuery = z.object({ archived: ZFlag.optional() });
export const ZWorkTypeList = z.object({ items: z.array(ZWorkType) });
export type WorkType = z.infer<typeof ZWorkType>;

/* Marks: several per student per lesson; every change is a new version, nothing is erased. */
const ZMarkValue = z.union([z.string().trim(), z.number().int('Целое число').transform(String)], { error: 'Отметка' })
  .pipe(z.string().min(1, 'Не может быть пустым').max(10, 'Неверная отметка'));

export const ZMark = z.object({
  id: ZId,
  lessonId: ZId,
  studentId: ZId,
  workTypeId: ZId,
  weight: z.number(),
  scale: z.enum(MARK_SCALES),
  value: z.string(),
  comment: z.string(),
  deleted: z.boolean(),
  version: z.number().int(),
  authorUserId: ZId.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZMarkCreate = z.object({
  /**
   * The mark's id, chosen by the client (UUID) so that a retried create cannot make it twice: the
   * same id again answers the mark already saved. Without it the server chooses one.
   */
  id: ZId.optional(),
  studentId: ZId,
  workTypeId: ZId,
  value: ZMarkValue,
  scale: z.enum(MARK_SCALES).default('five'),
  /** Defaults to the work type's weight. */
  weight: ZWeight.optional(),
  comment: ZComment.default(''),
});
export const ZMarkUpdate = z.object({
  /** The version the client saw. */
  version: ZVersion,
  value: ZMarkValue.optional(),
  workTypeId: ZId.optional(),
  weight: ZWeight.optional(),
  comment: ZComment.optional(),
  /** Why the mark is corrected: kept in its history and the audit log. */
  reason: ZReason.optional(),
});
/** DELETE carries the version in the query (`?version=3`) or in a JSON body. */
export const ZMarkDeleteQuery = z.object({ version: ZVersionQuery.optional(), reason: ZReason.optional() });
export const ZMarkDeleteBody = z.object({ version: ZVersion.optional(), reason: ZReason.optional() }).nullish();
export const ZMarkVersion = z.object({
  version: z.number().int(),
  workTypeId: ZId,
  weight: z.number(),
  value: z.string(),
  comment: z.string(),
  deleted: z.boolean(),
  authorUserId: ZId.nullable(),
  reason: z.string(),
  at: z.string(),
});
export const ZMarkHistory = z.object({ mark: ZMark, versions: z.array(ZMarkVersion) });
export const ZLessonParams = ZSchoolParams.extend({ lessonId: ZId });
export type Mark = z.infer<typeof ZMark>;
export type MarkVersion = z.infer<typeof ZMarkVersion>;

/* Attendance: н — absent, б — ill, у — excused, оп — late; null withdraws the absence (the row stays). */
export const ZAttendance = z.object({
  id: ZId,
  lessonId: ZId,
  studentId: ZId,
  code: z.enum(ATTENDANCE_CODES).nullable(),
  reason: z.string(),
  version: z.number().int(),
  recordedBy: ZId,
  recordedAt: z.string(),
  confirmedBy: ZId.nullable(),
  confirmedAt: z.string().nullable(),
});
export const ZAttendancePut = z.object({
  code: z.enum(ATTENDANCE_CODES, { error: 'Одно из: absent, ill, excused, late или null' }).nullable(),
  reason: ZReason.optional(),
  /** The version the client saw; required once the cell has a row. */
  version: ZVersion.optional(),
});
export const ZAttendanceParams = ZLessonParams.extend({ studentId: ZId });
export const ZAttendanceList = z.object({ items: z.array(ZAttendance) });
/** Seed 003, 2.5: attendance was taken in the lesson (by whom, when), even when everyone was present. */
export const ZAttendanceTaking = z.object({
  lessonId: ZId,
  takenBy: ZId,
  takenAt: z.string(),
});
export type AttendanceTaking = z.infer<typeof ZAttendanceTaking>;
export type Attendance = z.infer<typeof ZAttendance>;

/* The class teacher's weekly check of absences (seed 002, 4.3.8). */
export const ZClassParams = ZSchoolParams.extend({ classId: ZId });
export const ZAbsenceQuery = z.object({ from: ZDate, to: ZDate });
export const ZAbsence = ZAttendance.extend({
  date: z.string(),
  lessonNumber: z.number().int(),
  groupId: ZId,
  subjectId: ZId,
  studentName: z.string(),
});
export const ZAbsenceList = z.object({ items: z.array(ZAbsence) });
export const ZAbsenceConfirm = z.object({
  ids: z.array(ZId).min(1, 'Выберите хотя бы один пропуск').max(500, 'Не больше 500 за раз'),
  /** A corrected reason per absence id. */
  reasons: z.record(ZId, ZReason).optional(),
});
export type Absence = z.infer<typeof ZAbsence>;

/* The journal page of a group's subject for a period. */
export const ZJournalQuery = z.object({ groupId: ZId, subjectId: ZId, periodId: ZId });
export const ZJournal = z.object({
  group: z.object({ id: ZId, name: z.string(), kind: z.enum(GROUP_KINDS), classId: ZId.nullable() }),
  subject: z.object({ id: ZId, name: z.string(), shortName: z.string() }),
  period: z.object({ id: ZId, name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  students: z.array(z.object({ id: ZId, name: z.string(), shortName: z.string() })),
  lessons: z.array(z.object({
    id: ZId,
    date: z.string(),
    lessonNumber: z.number().int(),
    topic: z.string(),
    status: z.enum(LESSON_STATUSES),
    kind: z.enum(LESSON_KINDS),
    workTypeIds: z.array(ZId),
    substituteStaffId: ZId.nullable(),
    /** When attendance was first taken in the lesson (seed 003, 2.5); null: never taken, which is not «all present». */
    attendanceTakenAt: z.string().nullable(),
  })),
  marks: z.array(ZMark.omit({ deleted: true, createdAt: true })),
  attendance: z.array(ZAttendance.pick({ id: true, lessonId: true, studentId: true, code: true, reason: true, version: true })),
  workTypes: z.array(ZWorkType),
  /** Required control work without a mark (долг): the student was there and has no mark of that work type. */
  debts: z.array(z.object({ studentId: ZId, lessonId: ZId })),
  /** Weighted mean of the five-point marks per student id, by the school's grading policy; null without marks. */
  weightedMeans: z.record(z.string(), z.number().nullable()),
  /** The policy's part that decides a mean, so that the page recomputes it exactly as the server does. */
  meanRules: z.object({ workTypeWeights: z.record(ZId, z.number()).optional(), excludedWorkTypeIds: z.array(ZId) }),
  /** Whether the actor teaches this subject to the group (and so may write its cells). */
  canWrite: z.boolean(),
  /**
   * Seed 003, 4.4: the page's journal changes under review, made by a login reported compromised
   * and voided at once (the page shows the values from before them) until the administrator
   * restores or confirms them: the students' cells (a mark, an attendance entry) and the lessons
   * whose topic, homework or attendance taken was changed.
   */
  underReview: z.object({
    lessons: z.array(ZId),
    cells: z.array(z.object({ lessonId: ZId, studentId: ZId })),
  }),
});
export type Journal = z.infer<typeof ZJournal>;
