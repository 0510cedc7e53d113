import { sql } from 'drizzle-orm';
import {
  check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { LESSON_KINDS, LESSON_STATUSES, WEEK_PARITIES } from '../../../shared/contract/enums.ts';
import { createdAt, oneOf, tenantKey, updatedAt } from './columns.ts';
import { staff } from './people.ts';
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
