import { ZDate, ZGrade, ZHours, ZId, ZName, ZPageQuery } from './common.ts';
import { GROUP_KINDS, SUBJECT_KINDS } from './enums.ts';
import { z } from './zod.ts';

const ZFlag = z.stringbool({ error: 'true или false' });

// Update schemas are built from fields without defaults (a default inside `.partial()` would
// reset an omitted field on PATCH).

/* Subjects: school subjects; for colleges also disciplines, professional modules (ПМ) and МДК. */
export const ZSubject = z.object({
  id: ZId,
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  code: z.string(),
  parentId: ZId.nullable(),
  archived: z.boolean(),
});
const subjectFields = {
  name: ZName(200),
  shortName: ZName(50),
  kind: z.enum(SUBJECT_KINDS),
  code: z.string().trim().max(50, 'Не длиннее 50 символов'),
  parentId: ZId.nullable(),
  archived: z.boolean(),
};
export const ZSubjectCreate = z.object({
  ...subjectFields,
  code: subjectFields.code.default(''),
  parentId: subjectFields.parentId.default(null),
  archived: subjectFields.archived.default(false),
});
export const ZSubjectUpdate = z.object(subjectFields).partial();
export const ZSubjectQuery = ZPageQuery.extend({ kind: z.enum(SUBJECT_KINDS).optional(), archived: ZFlag.optional() });
export type Subject = z.infer<typeof ZSubject>;

export const ZRoom = z.object({ id: ZId, name: z.string(), capacity: z.number().int().nullable(), note: z.string() });
const roomFields = {
  name: ZName(100),
  capacity: z.number().int('Целое число').min(1, 'От 1 до 1000').max(1000, 'От 1 до 1000').nullable(),
  note: z.string().trim().max(500, 'Не длиннее 500 символов'),
};
export const ZRoomCreate = z.object({
  ...roomFields,
  capacity: roomFields.capacity.default(null),
  note: roomFields.note.default(''),
});
export const ZRoomUpdate = z.object(roomFields).partial();
export type Room = z.infer<typeof ZRoom>;

/* Classes: 5 «А» in a school; a college group whose code («ТМ-21») is held in `letter`. */
export const ZClass = z.object({
  id: ZId,
  academicYearId: ZId,
  grade: z.number().int(),
  letter: z.string(),
  /** «5А» in a school, the group code in a college. */
  name: z.string(),
  classTeacherId: ZId.nullable(),
  masterId: ZId.nullable(),
  shift: z.number().int(),
  /** The teaching group of the whole class (kind `class`). */
  groupId: ZId.nullable(),
});
const classFields = {
  grade: ZGrade,
  letter: ZName(20),
  classTeacherId: ZId.nullable(),
  masterId: ZId.nullable(),
  shift: z.union([z.literal(1), z.literal(2)], { error: 'Смена 1 или 2' }),
};
export const ZClassCreate = z.object({
  ...classFields,
  academicYearId: ZId,
  classTeacherId: classFields.classTeacherId.default(null),
  masterId: classFields.masterId.default(null),
  shift: classFields.shift.default(1),
});
export const ZClassUpdate = z.object(classFields).partial();
export const ZClassQuery = ZPageQuery.extend({
  academicYearId: ZId.optional(),
  grade: ZGrade.optional(),
  classTeacherId: ZId.optional(),
});
export type Class = z.infer<typeof ZClass>;

/* Teaching groups: who sits in a lesson. */
export const ZTeachingGroup = z.object({
  id: ZId,
  academicYearId: ZId,
  name: z.string(),
  kind: z.enum(GROUP_KINDS),
  classId: ZId.nullable(),
});
/** Kind `class` is made only together with its class. */
export const CREATABLE_GROUP_KINDS = ['subgroup', 'crossClass', 'extracurricular', 'additional'] as const;
export const ZTeachingGroupCreate = z.object({
  academicYearId: ZId,
  name: ZName(200),
  kind: z.enum(CREATABLE_GROUP_KINDS),
  classId: ZId.nullable().default(null),
});
export const ZTeachingGroupUpdate = z.object({ name: ZName(200) }).partial();
export const ZTeachingGroupQuery = ZPageQuery.extend({
  academicYearId: ZId.optional(),
  classId: ZId.optional(),
  kind: z.enum(GROUP_KINDS).optional(),
});
export type TeachingGroup = z.infer<typeof ZTeachingGroup>;

/** A member on a date: a class group lists its enrolled students (`memberId` null). */
export const ZGroupMember = z.object({
  memberId: ZId.nullable(),
  groupId: ZId,
  studentId: ZId,
  startsOn: ZDate,
  endsOn: ZDate.nullable(),
});
export const ZGroupMembers = z.object({ items: z.array(ZGroupMember) });
export const ZGroupMembersQuery = z.object({ on: ZDate });
export const ZGroupMemberCreate = z.object({ studentId: ZId, startsOn: ZDate });
export const ZGroupMemberEnd = z.object({ endsOn: ZDate });
export const ZGroupMemberMove = z.object({ toGroupId: ZId, on: ZDate });
export const ZGroupMemberMoved = z.object({ ended: ZGroupMember, started: ZGroupMember });
export const ZGroupMemberParams = z.object({ schoolId: ZId, id: ZId, memberId: ZId });
export type GroupMember = z.infer<typeof ZGroupMember>;

/* Teaching load: teacher × group × subject × hours per week, for the year or one period. */
export const ZAssignment = z.object({
  id: ZId,
  academicYearId: ZId,
  staffId: ZId,
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.nullable(),
  hoursPerWeek: z.number(),
});
export const ZAssignmentCreate = z.object({
  staffId: ZId,
  groupId: ZId,
  subjectId: ZId,
  periodId: ZId.nullable().default(null),
  hoursPerWeek: ZHours,
});
export const ZAssignmentUpdate = z.object({ staffId: ZId, hoursPerWeek: ZHours }).partial();
export const ZAssignmentQuery = ZPageQuery.extend({
  academicYearId: ZId.optional(),
  staffId: ZId.optional(),
  groupId: ZId.optional(),
  subjectId: ZId.optional(),
});
export type Assignment = z.infer<typeof ZAssignment>;

/* Curriculum (учебный план): weekly hours per grade and subject. */
export const ZCurriculumHours = z.object({
  id: ZId,
  academicYearId: ZId,
  grade: z.number().int(),
  subjectId: ZId,
  hoursPerWeek: z.number(),
});
export const ZCurriculumCreate = z.object({ academicYearId: ZId, grade: ZGrade, subjectId: ZId, hoursPerWeek: ZHours });
export const ZCurriculumUpdate = z.object({ hoursPerWeek: ZHours }).partial();
export const ZCurriculumQuery = ZPageQuery.extend({
  academicYearId: ZId.optional(),
  grade: ZGrade.optional(),
  subjectId: ZId.optional(),
});
export type CurriculumHours = z.infer<typeof ZCurriculumHours>;

/**
 * Seed 002, 4.4.4: the hours taught must match the curriculum. One line per class, subject and
 * track: the whole class, or each subgroup that has its own load in the subject.
 */
export const ZCurriculumMismatch = z.object({
  classId: ZId,
  className: z.string(),
  grade: z.number().int(),
  subjectId: ZId,
  /** The subgroup whose students get `assignedHours`; null for the whole class when it is not split in the subject. */
  groupId: ZId.nullable(),
  curriculumHours: z.number().nullable(),
  assignedHours: z.number(),
});
export const ZCurriculumCheckQuery = z.object({ academicYearId: ZId });
export const ZCurriculumCheck = z.object({ items: z.array(ZCurriculumMismatch) });
export type CurriculumMismatch = z.infer<typeof ZCurriculumMismatch>;
