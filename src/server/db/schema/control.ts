import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { COMPLIANCE_FLAG_KINDS } from '../../../shared/domain/compliance.ts';
import { REMARK_MAX_LENGTH } from '../../../shared/domain/controlRemarks.ts';
import { periods } from './calendar.ts';
import { createdAt, oneOf, tenantKey } from './columns.ts';
import { schools } from './organisation.ts';
import { staff, students } from './people.ts';
import { classes, subjects, teachingGroups } from './structure.ts';
import { lessons } from './timetable.ts';

/**
 * A remark of the deputy (director, admin) on a compliance flag (seed 001, 6.2): the teacher reads
 * it beside the flag. Flags are recomputed, never stored; `flag_key` (shared/domain/controlRemarks.ts)
 * names the flag, the id columns keep what it was about. Remarks are added, never edited.
 */
export const controlRemarks = pgTable(
  'control_remarks',
  {
    ...tenantKey(),
    flagKind: text('flag_kind').notNull(),
    flagKey: text('flag_key').notNull(),
    lessonId: uuid('lesson_id'),
    /** The homework or mark of a late-entry flag (no foreign key: either table). */
    entryId: uuid('entry_id'),
    studentId: uuid('student_id'),
    periodId: uuid('period_id'),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    text: text('body').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    foreignKey({ columns: [t.schoolId, t.lessonId], foreignColumns: [lessons.schoolId, lessons.id] }),
    foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
    foreignKey({ columns: [t.schoolId, t.periodId], foreignColumns: [periods.schoolId, periods.id] }),
    foreignKey({ columns: [t.schoolId, t.groupId], foreignColumns: [teachingGroups.schoolId, teachingGroups.id] }),
    foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
    index('control_remarks_flag_idx').on(t.schoolId, t.flagKey, t.createdAt),
    check('control_remarks_kind_check', oneOf('flag_kind', COMPLIANCE_FLAG_KINDS)),
    check('control_remarks_text_check', sql.raw(`char_length(btrim(body)) between 1 and ${REMARK_MAX_LENGTH}`)),
  ],
);

/**
 * Seed 001, 3.3: the class teacher (curator) marks the class's personal data as checked; one row
 * per check, kept.
 */
export const classDataChecks = pgTable(
  'class_data_checks',
  {
    ...tenantKey(),
    classId: uuid('class_id').notNull(),
    /** The school-local day of the check. */
    checkedOn: date('checked_on').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
    checkedByUserId: uuid('checked_by_user_id').notNull(),
    /** The class teacher's staff record when it was he who checked (null for the administrator). */
    checkedByStaffId: uuid('checked_by_staff_id'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
    foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
    foreignKey({ columns: [t.schoolId, t.checkedByStaffId], foreignColumns: [staff.schoolId, staff.id] }),
    index('class_data_checks_class_idx').on(t.schoolId, t.classId, t.checkedAt),
  ],
);
