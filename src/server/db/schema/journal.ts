import { sql } from 'drizzle-orm';
import {
  boolean, check, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { ATTENDANCE_CODES, MARK_SCALES } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';
import { students } from './people.ts';
import { lessons } from './timetable.ts';

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
 * Seed 003, 2.5: attendance was taken in the lesson, even when everyone was present — when and by
 * whom it was first taken («Все присутствуют», or any attendance entry of the lesson). A lesson
 * without a row was never marked, which is not the same as all present.
 */
export const attendanceTakings = pgTable(
  'attendance_takings',
  {
    schoolId: uuid('school_id').notNull(),
    lessonId: uuid('lesson_id').notNull(),
    /** The user who took it (no foreign key, as for the audit's actors). */
    takenBy: uuid('taken_by').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.lessonId] }),
    foreignKey({ columns: [t.schoolId, t.lessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
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
