import { date, foreignKey, integer, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { schools } from './organisation.ts';

// Derived read model of the journal, kept up to date by triggers in the write's own transaction
// (migration 0014_journal_day_counts): the municipal summary reads these sums instead of every
// mark and attendance row of a district. Not audited: every figure follows from audited rows.

/** Per lesson: its marks (not deleted), attendance rows, takings, homework (not deleted), codes. */
export const journalLessonCounts = pgTable(
  'journal_lesson_counts',
  {
    schoolId: uuid('school_id').notNull(),
    lessonId: uuid('lesson_id').notNull(),
    marks: integer('marks').notNull().default(0),
    attendance: integer('attendance').notNull().default(0),
    takings: integer('takings').notNull().default(0),
    homework: integer('homework').notNull().default(0),
    absent: integer('absent').notNull().default(0),
    ill: integer('ill').notNull().default(0),
    excused: integer('excused').notNull().default(0),
    late: integer('late').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.lessonId] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  ],
);

/**
 * Per school × date × group × subject × the teacher who gave the lessons (the substitute when there
 * was one): the lessons given (not cancelled) and how many of them have a topic, marks, attendance,
 * homework, and the attendance codes entered in them. Keyed that finely so that teachers writing at
 * once rarely touch the same row.
 */
export const journalDayCounts = pgTable(
  'journal_day_counts',
  {
    schoolId: uuid('school_id').notNull(),
    date: date('date').notNull(),
    groupId: uuid('group_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    staffId: uuid('staff_id').notNull(),
    given: integer('given').notNull().default(0),
    withTopic: integer('with_topic').notNull().default(0),
    withMarks: integer('with_marks').notNull().default(0),
    withAttendance: integer('with_attendance').notNull().default(0),
    withHomework: integer('with_homework').notNull().default(0),
    absent: integer('absent').notNull().default(0),
    ill: integer('ill').notNull().default(0),
    excused: integer('excused').notNull().default(0),
    late: integer('late').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.date, t.groupId, t.subjectId, t.staffId] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  ],
);

/**
 * Per school × date × student × subject: the student's marks (not deleted) in the lessons of that
 * subject on that day, cancelled lessons included («students without marks»).
 */
export const journalMarkDays = pgTable(
  'journal_mark_days',
  {
    schoolId: uuid('school_id').notNull(),
    date: date('date').notNull(),
    studentId: uuid('student_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    marks: integer('marks').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.date, t.studentId, t.subjectId] }),
    foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  ],
);
