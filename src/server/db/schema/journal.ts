import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import {
  ATTENDANCE_CODES, LESSON_KINDS, LESSON_STATUSES, MARK_SCALES, PERIOD_MARK_VALUES, WEEK_PARITIES,
} from '../../../shared/contract/enums.ts';
import { periods } from './calendar.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';
import { staff, students } from './people.ts';
import { rooms, subjects, teachingGroups } from './structure.ts';

/** Weekly timetable (расписание): a group's lesson on a weekday, valid over a date range. */
export const timetableSlots = pgTable(
  'timetable_slots',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    roomId: uuid('room_id'),
    /** ISO weekday, 1 = Monday … 6 = Saturday. */
    weekday: smallint('weekday').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    /** Alternating weeks: odd or even ISO weeks only; null = every week. */
    weekParity: text('week_parity'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    foreignKey({ columns: [t.schoolId, t.staffId], foreignColumns: [staff.schoolId, staff.id] }),
    foreignKey({ columns: [t.schoolId, t.roomId], foreignColumns: [rooms.schoolId, rooms.id] }),
    index('timetable_slots_group_idx').on(t.schoolId, t.groupId),
    index('timetable_slots_staff_idx').on(t.schoolId, t.staffId),
    check('timetable_slots_weekday_check', sql`weekday between 1 and 6`),
    check('timetable_slots_number_check', sql`lesson_number between 0 and 15`),
    check('timetable_slots_dates_check', sql`valid_from <= valid_to`),
    check('timetable_slots_parity_check', sql`week_parity is null or ${oneOf('week_parity', WEEK_PARITIES)}`),
  ],
);

/** КТП: the planned topics of a group's subject, in order. */
export const plannedTopics = pgTable(
  'planned_topics',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    title: text('title').notNull(),
    hours: smallint('hours').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    unique().on(t.schoolId, t.groupId, t.subjectId, t.ordinal),
  ],
);

/**
 * One dated lesson of a group: an occurrence of a timetable slot, or an extra lesson. Moving or
 * cancelling keeps the row (status, original date); `version` guards against stale writes.
 */
export const lessons = pgTable(
  'lessons',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The teacher the timetable gives the lesson to. */
    staffId: uuid('staff_id').notNull(),
    /** Замена: the teacher who actually takes this lesson instead. */
    substituteStaffId: uuid('substitute_staff_id'),
    roomId: uuid('room_id'),
    slotId: uuid('slot_id'),
    date: date('date').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    kind: text('kind').notNull().default('regular'),
    status: text('status').notNull().default('scheduled'),
    originalDate: date('original_date'),
    originalLessonNumber: smallint('original_lesson_number'),
    /** Why the lesson was moved or cancelled (shown in the journal and the diary). */
    statusReason: text('status_reason').notNull().default(''),
    topic: text('topic').notNull().default(''),
    plannedTopicId: uuid('planned_topic_id'),
    notes: text('notes').notNull().default(''),
    /** Work types done in the lesson (ids of work_types). */
    workTypeIds: jsonb('work_type_ids').$type<string[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    /** When the topic was first written (compliance: lessons with no topic). */
    topicWrittenAt: timestamp('topic_written_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    foreignKey({ columns: [t.schoolId, t.staffId], foreignColumns: [staff.schoolId, staff.id] }),
    foreignKey({ columns: [t.schoolId, t.substituteStaffId], foreignColumns: [staff.schoolId, staff.id] }),
    foreignKey({ columns: [t.schoolId, t.roomId], foreignColumns: [rooms.schoolId, rooms.id] }),
    foreignKey({ columns: [t.schoolId, t.slotId], foreignColumns: [timetableSlots.schoolId, timetableSlots.id] }),
    foreignKey({ columns: [t.schoolId, t.plannedTopicId], foreignColumns: [plannedTopics.schoolId, plannedTopics.id] }),
    index('lessons_group_date_idx').on(t.schoolId, t.groupId, t.date, t.lessonNumber),
    index('lessons_staff_date_idx').on(t.schoolId, t.staffId, t.date),
    index('lessons_substitute_date_idx').on(t.schoolId, t.substituteStaffId, t.date),
    uniqueIndex('lessons_slot_date_unique').on(t.schoolId, t.slotId, t.originalDate).where(sql`slot_id is not null`),
    check('lessons_kind_check', oneOf('kind', LESSON_KINDS)),
    check('lessons_status_check', oneOf('status', LESSON_STATUSES)),
    check('lessons_number_check', sql`lesson_number between 0 and 15`),
  ],
);

/** Виды работ with their weights, per school: «Ответ на уроке» 1, «Контрольная работа» 2, … */
export const workTypes = pgTable(
  'work_types',
  {
    ...tenantKey(),
    name: text('name').notNull(),
    weight: numeric('weight', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    /** A required control work: a missing mark is a debt («долг»). */
    isControl: boolean('is_control').notNull().default(false),
    /** Written work: its marks are due within 7 days (seed 002, 4.4.2). */
    isWritten: boolean('is_written').notNull().default(false),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    unique().on(t.schoolId, t.name),
    check('work_types_weight_check', sql`weight > 0 and weight <= 10`),
  ],
);

export const attendance = pgTable(
  'attendance',
  {
    ...tenantKey(),
    lessonId: uuid('lesson_id').notNull(),
    studentId: uuid('student_id').notNull(),
    /** Null after the mark of absence was withdrawn (the row and its history stay). */
    code: text('code'),
    reason: text('reason').notNull().default(''),
    version: integer('version').notNull().default(1),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The class teacher's weekly confirmation of the reason (seed 002, 4.3.8). */
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.lessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    unique().on(t.schoolId, t.lessonId, t.studentId),
    index('attendance_student_idx').on(t.schoolId, t.studentId),
    check('attendance_code_check', sql`code is null or ${oneOf('code', ATTENDANCE_CODES)}`),
  ],
);

/**
 * The current state of a mark; every state it ever had is a row of `mark_versions`.
 * A deleted mark keeps its row with `deleted = true`: nothing is erased.
 */
export const marks = pgTable(
  'marks',
  {
    ...tenantKey(),
    lessonId: uuid('lesson_id').notNull(),
    studentId: uuid('student_id').notNull(),
    workTypeId: uuid('work_type_id').notNull(),
    weight: numeric('weight', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    scale: text('scale').notNull(),
    value: text('value').notNull(),
    comment: text('comment').notNull().default(''),
    deleted: boolean('deleted').notNull().default(false),
    version: integer('version').notNull().default(1),
    authorUserId: uuid('author_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.lessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    foreignKey({ columns: [t.schoolId, t.workTypeId], foreignColumns: [workTypes.schoolId, workTypes.id] }),
    index('marks_lesson_idx').on(t.schoolId, t.lessonId),
    index('marks_student_idx').on(t.schoolId, t.studentId, t.createdAt),
    check('marks_scale_check', oneOf('scale', MARK_SCALES)),
  ],
);

export const markVersions = pgTable(
  'mark_versions',
  {
    schoolId: uuid('school_id').notNull(),
    markId: uuid('mark_id').notNull(),
    version: integer('version').notNull(),
    workTypeId: uuid('work_type_id').notNull(),
    weight: numeric('weight', { precision: 4, scale: 2, mode: 'number' }).notNull(),
    value: text('value').notNull(),
    comment: text('comment').notNull().default(''),
    deleted: boolean('deleted').notNull(),
    authorUserId: uuid('author_user_id'),
    reason: text('reason').notNull().default(''),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.markId, t.version] }),
    foreignKey({ columns: [t.schoolId, t.markId], foreignColumns: [marks.schoolId, marks.id] }),
  ],
);

export const homework = pgTable(
  'homework',
  {
    ...tenantKey(),
    /** The lesson it was set in. */
    lessonId: uuid('lesson_id').notNull(),
    /** The lesson it is due for; null = due date only. */
    dueLessonId: uuid('due_lesson_id'),
    dueDate: date('due_date').notNull(),
    text: text('text').notNull(),
    pages: text('pages').notNull().default(''),
    tasks: text('tasks').notNull().default(''),
    expectedMinutes: smallint('expected_minutes'),
    /** Individual homework: only the students in `homework_students`. */
    individual: boolean('individual').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    version: integer('version').notNull().default(1),
    authorUserId: uuid('author_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.lessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
    foreignKey({ columns: [t.schoolId, t.dueLessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
    index('homework_lesson_idx').on(t.schoolId, t.lessonId),
    index('homework_due_idx').on(t.schoolId, t.dueDate),
    check('homework_minutes_check', sql`expected_minutes is null or expected_minutes between 1 and 600`),
  ],
);

export const homeworkStudents = pgTable(
  'homework_students',
  {
    schoolId: uuid('school_id').notNull(),
    homeworkId: uuid('homework_id').notNull(),
    studentId: uuid('student_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.homeworkId, t.studentId] }),
    foreignKey({ columns: [t.schoolId, t.homeworkId], foreignColumns: [homework.schoolId, homework.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    index('homework_students_student_idx').on(t.schoolId, t.studentId),
  ],
);

/** A file attached to homework; the bytes live in the file storage under `storage_key`. */
export const attachments = pgTable(
  'attachments',
  {
    ...tenantKey(),
    homeworkId: uuid('homework_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    deleted: boolean('deleted').notNull().default(false),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.homeworkId], foreignColumns: [homework.schoolId, homework.id] }),
    index('attachments_homework_idx').on(t.schoolId, t.homeworkId),
    check('attachments_size_check', sql`size > 0 and size <= 20971520`),
  ],
);

/** Правила выставления итоговых: per school, versioned; a new version never rewrites the old. */
export const gradingPolicies = pgTable(
  'grading_policies',
  {
    schoolId: uuid('school_id').notNull(),
    version: integer('version').notNull(),
    /** See `GradingPolicy` in src/shared/domain/grading.ts. */
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    authorUserId: uuid('author_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.version] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  ],
);

/** Итоговая отметка of a student in a group's subject for a period, or for the year (period null). */
export const periodMarks = pgTable(
  'period_marks',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    studentId: uuid('student_id').notNull(),
    periodId: uuid('period_id'),
    academicYearId: uuid('academic_year_id').notNull(),
    value: text('value').notNull(),
    /** What the grading policy suggested when the mark was set, and why. */
    suggested: text('suggested'),
    explanation: text('explanation').notNull().default(''),
    policyVersion: integer('policy_version'),
    version: integer('version').notNull().default(1),
    authorUserId: uuid('author_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
    unique('period_marks_unique').on(t.schoolId, t.groupId, t.subjectId, t.studentId, t.periodId, t.academicYearId).nullsNotDistinct(),
    index('period_marks_student_idx').on(t.schoolId, t.studentId),
    check('period_marks_value_check', oneOf('value', PERIOD_MARK_VALUES)),
  ],
);

/** A closed period: its journal is locked for teachers. */
export const periodClosures = pgTable(
  'period_closures',
  {
    schoolId: uuid('school_id').notNull(),
    periodId: uuid('period_id').notNull(),
    closedBy: uuid('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.periodId] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
  ],
);

/** The deputy reopens a closed period for one group's lessons in a date range, with a reason, until a time. */
export const periodReopenings = pgTable(
  'period_reopenings',
  {
    ...tenantKey(),
    periodId: uuid('period_id').notNull(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id'),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    reason: text('reason').notNull(),
    openedBy: uuid('opened_by'),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    index('period_reopenings_period_idx').on(t.schoolId, t.periodId),
    check('period_reopenings_dates_check', sql`from_date <= to_date and opened_at < expires_at`),
  ],
);
