import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, pgTable, primaryKey, smallint, text, time, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { HOLIDAY_KINDS, PERIOD_KINDS, YEAR_STATUSES } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { schools } from './organisation.ts';

export const academicYears = pgTable(
  'academic_years',
  {
    ...tenantKey(),
    name: text('name').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status').notNull().default('planning'),
    /** 5- or 6-day school week. */
    weekDays: smallint('week_days').notNull().default(5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    unique().on(t.schoolId, t.name),
    uniqueIndex('academic_years_one_open').on(t.schoolId).where(sql`status = 'open'`),
    check('academic_years_status_check', oneOf('status', YEAR_STATUSES)),
    check('academic_years_dates_check', sql`starts_on < ends_on`),
    check('academic_years_week_days_check', sql`week_days in (5, 6)`),
  ],
);

export const periods = pgTable(
  'periods',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** Grade band the period applies to, e.g. 1–9 quarters, 10–11 halves. */
    gradeFrom: smallint('grade_from').notNull(),
    gradeTo: smallint('grade_to').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    unique().on(t.schoolId, t.academicYearId, t.gradeFrom, t.name),
    check('periods_kind_check', oneOf('kind', PERIOD_KINDS)),
    check('periods_dates_check', sql`starts_on <= ends_on`),
    check('periods_grades_check', sql`grade_from between 1 and 12 and grade_to between grade_from and 12`),
  ],
);

export const holidays = pgTable(
  'holidays',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Null band = the whole school; e.g. the extra February week for grade 1 only. */
    gradeFrom: smallint('grade_from'),
    gradeTo: smallint('grade_to'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    check('holidays_kind_check', oneOf('kind', HOLIDAY_KINDS)),
    check('holidays_dates_check', sql`starts_on <= ends_on`),
  ],
);

export const bellSchedules = pgTable(
  'bell_schedules',
  {
    ...tenantKey(),
    academicYearId: uuid('academic_year_id').notNull(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId, t.academicYearId], foreignColumns: [academicYears.schoolId, academicYears.id] }),
    unique().on(t.schoolId, t.academicYearId, t.name),
  ],
);

export const bells = pgTable(
  'bells',
  {
    schoolId: uuid('school_id').notNull(),
    bellScheduleId: uuid('bell_schedule_id').notNull(),
    lessonNumber: smallint('lesson_number').notNull(),
    startsAt: time('starts_at').notNull(),
    endsAt: time('ends_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.bellScheduleId, t.lessonNumber] }),
    foreignKey({ columns: [t.schoolId, t.bellScheduleId], foreignColumns: [bellSchedules.schoolId, bellSchedules.id] }).onDelete('cascade'),
    check('bells_times_check', sql`starts_at < ends_at`),
    check('bells_number_check', sql`lesson_number between 0 and 15`),
  ],
);
