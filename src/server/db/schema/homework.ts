import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantKey, updatedAt } from './columns.ts';
import { students } from './people.ts';
import { lessons } from './timetable.ts';

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
    index('homework_due_lesson_idx').on(t.schoolId, t.dueLessonId),
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
