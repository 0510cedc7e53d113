import { sql } from 'drizzle-orm';
import {
  check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { PERIOD_MARK_VALUES } from '../../../shared/contract/enums.ts';
import { MARK_KINDS } from '../../../shared/domain/exams.ts';
import { periods } from './calendar.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';
import { students } from './people.ts';
import { subjects, teachingGroups } from './structure.ts';

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

/**
 * Итоговая отметка of a student in a group's subject for a period, or for the year (period null);
 * and, of kind `exam` / `final` (period null), the year's экзаменационная and итоговая marks (seed 002, 4.3.11).
 */
export const periodMarks = pgTable(
  'period_marks',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    studentId: uuid('student_id').notNull(),
    periodId: uuid('period_id'),
    academicYearId: uuid('academic_year_id').notNull(),
    /** `period` (a period's or the year's mark), `exam` or `final`: see src/shared/domain/exams.ts. */
    kind: text('kind').notNull().default('period'),
    value: text('value').notNull(),
    /** What the grading policy suggested when the mark was set, and why. */
    suggested: text('suggested'),
    explanation: text('explanation').notNull().default(''),
    /** The same why as a code with numbers (`Explanation` in shared/domain/grading.ts); null for marks set before it was kept. */
    reason: jsonb('reason').$type<{ code: string; params: Record<string, number> }>(),
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
    unique('period_marks_unique').on(t.schoolId, t.groupId, t.subjectId, t.studentId, t.periodId, t.academicYearId, t.kind).nullsNotDistinct(),
    index('period_marks_student_idx').on(t.schoolId, t.studentId),
    // A period's marks as one range (the reports read a whole school's period at once).
    index('period_marks_period_idx').on(t.schoolId, t.periodId),
    check('period_marks_value_check', oneOf('value', PERIOD_MARK_VALUES)),
    check('period_marks_kind_check', oneOf('kind', MARK_KINDS)),
    // Exam and final marks are the year's; an exam is graded 2–5 (src/shared/domain/exams.ts).
    check('period_marks_kind_period_check', sql`kind = 'period' or period_id is null`),
    check('period_marks_exam_value_check', sql`kind <> 'exam' or value in ('2', '3', '4', '5')`),
  ],
);

/**
 * Seed 002, 4.3.11: a group's subject whose final control form is an examination (a college's
 * examined discipline, a school's transfer exam). Grades 9 and 11 of a school have exams without it.
 */
export const examSubjects = pgTable(
  'exam_subjects',
  {
    schoolId: uuid('school_id').notNull(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    setBy: uuid('set_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.groupId, t.subjectId] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  ],
);

/** What one item of an accepted batch changed: the mark, its version after, and its state before (null: it did not exist). */
export type AcceptedItem = {
  studentId: string;
  markId: string;
  versionAfter: number;
  before: { value: string; suggested: string | null; explanation: string; reason: unknown; policyVersion: number | null; authorUserId: string | null; updatedAt: string } | null;
};

/**
 * «Принять предложенные»: one batch of accepted suggestions on a sheet, kept so its teacher can undo
 * it for a few minutes (ACCEPT_UNDO_MINUTES); the undo writes new versions of the marks.
 */
export const periodMarkAccepts = pgTable(
  'period_mark_accepts',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    periodId: uuid('period_id'),
    academicYearId: uuid('academic_year_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    createdAt: createdAt(),
    undoUntil: timestamp('undo_until', { withTimezone: true, mode: 'date' }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true, mode: 'date' }),
    items: jsonb('items').$type<AcceptedItem[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
    index('period_mark_accepts_slot_idx').on(t.schoolId, t.groupId, t.subjectId, t.academicYearId, t.createdAt),
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
