import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, numeric, pgTable, primaryKey, smallint, text, unique, uuid,
} from 'drizzle-orm/pg-core';
import {
  ENROLMENT_END_EVENTS, ENROLMENT_START_EVENTS, GROUP_KINDS, SUBJECT_KINDS,
} from '../../../shared/contract/enums.ts';
import { academicYears, periods } from './calendar.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';
import { staff, students } from './people.ts';

export const subjects = pgTable(
  'subjects',
  {
    ...tenantKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').notNull().default('subject'),
    /** College index such as «ПМ.01» or «МДК.01.01»; empty for school subjects. */
    code: text('code').notNull().default(''),
    /** An МДК belongs to its professional module. */
    parentId: uuid('parent_id'),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    foreignKey({ columns: [t.schoolId, t.parentId], foreignColumns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.name),
    check('subjects_kind_check', oneOf('kind', SUBJECT_KINDS)),
  ],
);

export const rooms = pgTable(
  'rooms',
  {
    ...tenantKey(),
    name: text('name').notNull(),
    capacity: smallint('capacity'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    unique().on(t.schoolId, t.name),
    check('rooms_capacity_check', sql`capacity is null or capacity > 0`),
  ],
);

/** A class (5 «А») or a college group; belongs to one academic year. */
export const classes = pgTable(
  'classes',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    grade: smallint('grade').notNull(),
    letter: text('letter').notNull(),
    /** Class teacher, or the curator of a college group. */
    classTeacherId: uuid('class_teacher_id'),
    /** College: master of industrial training. */
    masterId: uuid('master_id'),
    shift: smallint('shift').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    foreignKey({ columns: [t.schoolId, t.classTeacherId], foreignColumns: [staff.schoolId, staff.id] }),
    foreignKey({ columns: [t.schoolId, t.masterId], foreignColumns: [staff.schoolId, staff.id] }),
    unique().on(t.schoolId, t.academicYearId, t.grade, t.letter),
    check('classes_grade_check', sql`grade between 1 and 12`),
    check('classes_shift_check', sql`shift in (1, 2)`),
  ],
);

/** One stay of a student in a class: how and when it began and ended, with the order behind each. */
export const enrolments = pgTable(
  'enrolments',
  {
    ...tenantKey(),
    studentId: uuid('student_id').notNull(),
    classId: uuid('class_id').notNull(),
    startsOn: date('starts_on').notNull(),
    startEvent: text('start_event').notNull(),
    startOrderNumber: text('start_order_number').notNull(),
    startOrderDate: date('start_order_date').notNull(),
    /** Last day in the class; null while the student is still there. */
    endsOn: date('ends_on'),
    endEvent: text('end_event'),
    endOrderNumber: text('end_order_number'),
    endOrderDate: date('end_order_date'),
    endReason: text('end_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
    index('enrolments_student_idx').on(t.schoolId, t.studentId, t.startsOn),
    index('enrolments_class_idx').on(t.schoolId, t.classId, t.startsOn),
    check('enrolments_start_event_check', oneOf('start_event', ENROLMENT_START_EVENTS)),
    check('enrolments_end_event_check', sql`end_event is null or ${oneOf('end_event', ENROLMENT_END_EVENTS)}`),
    check('enrolments_end_check', sql`(ends_on is null) = (end_event is null) and (ends_on is null or ends_on >= starts_on)`),
  ],
);

/**
 * Who sits in a lesson: the whole class (kind `class`, members are the class's enrolments),
 * a subgroup of a class, a cross-class group, or an extracurricular / additional-education group.
 */
export const teachingGroups = pgTable(
  'teaching_groups',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    classId: uuid('class_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
    unique().on(t.schoolId, t.academicYearId, t.name),
    index('teaching_groups_class_idx').on(t.schoolId, t.classId),
    check('teaching_groups_kind_check', oneOf('kind', GROUP_KINDS)),
    check('teaching_groups_class_check', sql`kind not in ('class', 'subgroup') or class_id is not null`),
  ],
);

/** Membership of a non-class group, dated so that moves between subgroups keep their history. */
export const groupMembers = pgTable(
  'group_members',
  {
    ...tenantKey(),
    groupId: uuid('group_id').notNull(),
    studentId: uuid('student_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    index('group_members_group_idx').on(t.schoolId, t.groupId, t.startsOn),
    index('group_members_student_idx').on(t.schoolId, t.studentId),
    check('group_members_dates_check', sql`ends_on is null or ends_on >= starts_on`),
  ],
);

/** Teaching load: teacher × group × subject × hours per week, for the year or one period. */
export const assignments = pgTable(
  'assignments',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    periodId: uuid('period_id'),
    hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    foreignKey({ columns: [t.schoolId, t.staffId], foreignColumns: [staff.schoolId, staff.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
    unique('assignments_unique').on(t.schoolId, t.groupId, t.subjectId, t.staffId, t.periodId).nullsNotDistinct(),
    index('assignments_staff_idx').on(t.schoolId, t.staffId),
    check('assignments_hours_check', sql`hours_per_week > 0 and hours_per_week <= 40`),
  ],
);

/** Curriculum (учебный план): weekly hours per grade and subject in a year. */
export const curriculumHours = pgTable(
  'curriculum_hours',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    grade: smallint('grade').notNull(),
    subjectId: uuid('subject_id').notNull(),
    hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1, mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    unique().on(t.schoolId, t.academicYearId, t.grade, t.subjectId),
    check('curriculum_hours_grade_check', sql`grade between 1 and 12`),
    check('curriculum_hours_hours_check', sql`hours_per_week > 0 and hours_per_week <= 40`),
  ],
);

