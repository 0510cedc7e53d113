import { ZDate, ZId, ZName, ZPageQuery } from './common.ts';
import { LESSON_KINDS, LESSON_STATUSES, WEEK_PARITIES } from './enums.ts';
import { z } from './zod.ts';

// Update schemas are built from fields without defaults: a default inside `.partial()` would
// quietly reset an omitted field on PATCH.

const ZWeekday = z.number().int('Целое число').min(1, 'От 1 (понедельник) до 6 (суббота)').max(6, 'От 1 (понедельник) до 6 (суббота)');
const ZLessonNumber = z.number().int('Целое число').min(0, 'От 0 до 15').max(15, 'От 0 до 15');
const ZVersion = z.number().int('Целое число').min(1, 'Не меньше 1');
const ZText = (max: number) => z.string().trim().max(max, `Не длиннее ${max} символов`);
const ZCount = z.number().int();

export const ZSlot = z.object({
  id: ZId,
  groupId: ZId,
  subjectId: ZId,
  staffId: ZId,
  roomId: ZId.nullable(),
  weekday: z.number().int(),
  lessonNumber: z.number().int(),
  validFrom: ZDate,
  validTo: ZDate,
  weekParity: z.enum(WEEK_PARITIES).nullable(),
});
const slotFields = {
  groupId: ZId,
  subjectId: ZId,
  staffId: ZId,
  roomId: ZId.nullable(),
  weekday: ZWeekday,
  lessonNumber: ZLessonNumber,
  validFrom: ZDate,
  validTo: ZDate,
  weekParity: z.enum(WEEK_PARITIES).nullable(),
};
export const ZSlotCreate = z.object({ ...slotFields, roomId: slotFields.roomId.optional(), weekParity: slotFields.weekParity.optional() });
export const ZSlotUpdate = z.object(slotFields).partial();
export const ZSlotQuery = ZPageQuery.extend({
  academicYearId: ZId.optional(),
  groupId: ZId.optional(),
  staffId: ZId.optional(),
  roomId: ZId.optional(),
  /** Only slots valid on this date. */
  on: ZDate.optional(),
});

/** What a timetable change did to the lessons of future dates. */
export const ZRegeneration = z.object({
  inserted: ZCount,
  removed: ZCount,
  /** Future lessons that already hold a topic, marks, attendance or homework: kept as they are, to be moved or cancelled by hand. */
  kept: z.array(z.object({ id: ZId, date: ZDate, lessonNumber: z.number().int() })),
});
export const ZSlotChange = ZSlot.extend({ lessons: ZRegeneration });
export const ZSlotDeleted = z.object({ deleted: z.literal(true), lessons: ZRegeneration });
export type Slot = z.infer<typeof ZSlot>;
export type SlotCreate = z.infer<typeof ZSlotCreate>;
export type SlotUpdate = z.infer<typeof ZSlotUpdate>;
export type Regeneration = z.infer<typeof ZRegeneration>;

export const ZGenerate = z.object({
  academicYearId: ZId,
  from: ZDate.optional(),
  to: ZDate.optional(),
  groupIds: z.array(ZId).min(1, 'Хотя бы одна группа').max(1000, 'Не больше 1000 групп').optional(),
});
export const ZGenerated = z.object({ from: ZDate, to: ZDate, slots: ZCount, inserted: ZCount });

export const ZLesson = z.object({
  id: ZId,
  groupId: ZId,
  subjectId: ZId,
  staffId: ZId,
  substituteStaffId: ZId.nullable(),
  roomId: ZId.nullable(),
  slotId: ZId.nullable(),
  date: ZDate,
  lessonNumber: z.number().int(),
  kind: z.enum(LESSON_KINDS),
  status: z.enum(LESSON_STATUSES),
  originalDate: ZDate.nullable(),
  originalLessonNumber: z.number().int().nullable(),
  statusReason: z.string(),
  topic: z.string(),
  plannedTopicId: ZId.nullable(),
  notes: z.string(),
  workTypeIds: z.array(ZId),
  version: z.number().int(),
  topicWrittenAt: z.string().nullable(),
});
export const ZLessonQuery = ZPageQuery.extend({
  groupId: ZId.optional(),
  /** The teacher's lessons, and those he takes as a substitute. */
  staffId: ZId.optional(),
  subjectId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export const ZLessonUpdate = z.object({
  version: ZVersion,
  topic: ZText(500).optional(),
  /** A topic of the thematic plan: fills `topic` unless one is sent. */
  plannedTopicId: ZId.nullable().optional(),
  notes: ZText(2000).optional(),
  workTypeIds: z.array(ZId).max(20, 'Не больше 20 видов работ').optional(),
});
export const ZExtraLesson = z.object({
  groupId: ZId,
  subjectId: ZId,
  date: ZDate,
  lessonNumber: ZLessonNumber,
  roomId: ZId.nullable().optional(),
  topic: ZText(500).optional(),
});
export const ZLessonMove = z.object({ version: ZVersion, date: ZDate, lessonNumber: ZLessonNumber, reason: ZText(500).optional() });
export const ZLessonCancel = z.object({ version: ZVersion, reason: ZName(500) });
export const ZSubstitution = z.object({ version: ZVersion, staffId: ZId.nullable() });
export type Lesson = z.infer<typeof ZLesson>;
export type LessonUpdate = z.infer<typeof ZLessonUpdate>;

export const ZMyLessonsQuery = z.object({ date: ZDate.optional() });
export const ZMyLesson = z.object({
  id: ZId,
  date: ZDate,
  lessonNumber: z.number().int(),
  status: z.enum(LESSON_STATUSES),
  kind: z.enum(LESSON_KINDS),
  groupId: ZId,
  groupName: z.string(),
  subjectId: ZId,
  subjectName: z.string(),
  roomId: ZId.nullable(),
  roomName: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** He takes this lesson instead of its own teacher. */
  substitution: z.boolean(),
  substituteStaffId: ZId.nullable(),
  /** The lesson's own teacher («Иванова А. П.»): whom he substitutes. */
  teacherName: z.string(),
  /** Who takes the lesson instead of its own teacher, if anyone. */
  substituteName: z.string().nullable(),
  topic: z.string(),
  topicFilled: z.boolean(),
  attendanceFilled: z.boolean(),
  /** Homework was set in this lesson. */
  homeworkSet: z.boolean(),
  version: z.number().int(),
});
export const ZMyLessons = z.object({ date: ZDate, items: z.array(ZMyLesson) });
export type MyLesson = z.infer<typeof ZMyLesson>;
export type MyLessons = z.infer<typeof ZMyLessons>;

export const ZTimesheetQuery = z.object({ staffId: ZId.optional(), from: ZDate, to: ZDate });
export const ZTimesheetRow = z.object({
  staffId: ZId,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  /** Held by him as planned (scheduled or moved, no substitute). */
  given: ZCount,
  /** Held by him instead of another teacher. */
  asSubstitute: ZCount,
  /** His lessons that another teacher took. */
  substituted: ZCount,
  cancelled: ZCount,
});
export const ZTimesheet = z.object({ from: ZDate, to: ZDate, items: z.array(ZTimesheetRow) });

export const ZPlannedTopic = z.object({
  id: ZId,
  groupId: ZId,
  subjectId: ZId,
  ordinal: z.number().int(),
  title: z.string(),
  hours: z.number().int(),
  /** Lessons (not cancelled) that took this topic. */
  lessonsCount: ZCount,
});
const ZOrdinal = z.number().int('Целое число').min(1, 'От 1 до 1000').max(1000, 'От 1 до 1000');
const ZTopicHours = z.number().int('Целое число').min(1, 'От 1 до 100').max(100, 'От 1 до 100');
const topicFields = { ordinal: ZOrdinal, title: ZName(500), hours: ZTopicHours };
export const ZPlannedTopicCreate = z.object({ groupId: ZId, subjectId: ZId, ...topicFields, hours: ZTopicHours.default(1) });
export const ZPlannedTopicUpdate = z.object(topicFields).partial();
export const ZPlannedTopicQuery = z.object({ groupId: ZId, subjectId: ZId });
export const ZPlanReplace = z.object({
  groupId: ZId,
  subjectId: ZId,
  topics: z.array(z.object({ title: ZName(500), hours: ZTopicHours.default(1) })).max(1000, 'Не больше 1000 тем'),
});
export const ZPlan = z.object({ items: z.array(ZPlannedTopic) });
export type PlannedTopic = z.infer<typeof ZPlannedTopic>;

/** The lesson editor's page: the lesson with what its form needs, in one request. */
export const ZLessonContext = z.object({
  lesson: ZLesson,
  groupName: z.string(),
  subjectName: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** The lesson's own teacher and, if another takes it, the substitute («Иванова А. П.»). */
  teacherName: z.string(),
  substituteName: z.string().nullable(),
  /** The period holding the lesson's date (for the group's grade), for the journal's link. */
  periodId: ZId.nullable(),
  /** The group's students on the lesson's date, by name (individual homework). */
  students: z.array(z.object({ id: ZId, name: z.string(), shortName: z.string() })),
  /** The group's next lessons of the subject (not cancelled): what a homework may be due for. */
  nextLessons: z.array(z.object({ id: ZId, date: ZDate, lessonNumber: z.number().int() })),
  /** The КТП of the group's subject. */
  plannedTopics: z.array(ZPlannedTopic),
  /** Whether the actor may write this lesson (his subject in the group, or his substitution). */
  canWrite: z.boolean(),
  /** The period of its date is closed for teachers: the server's refusal, shown before any edit. */
  locked: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type LessonContext = z.infer<typeof ZLessonContext>;
