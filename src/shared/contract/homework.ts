import { ZDate, ZId, ZPageQuery, ZTimestamp } from './common.ts';
import { ZLesson, ZLessonUpdate } from './timetable.ts';
import { z } from './zod.ts';

/** Seed 002: files up to 20 MB. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const text = (max: number) => z.string().trim().max(max, `Не длиннее ${max} символов`);

// No defaults here: `.partial()` keeps them, and an update must not reset what it does not name.
const homeworkFields = {
  text: text(5000).min(1, 'Не может быть пустым'),
  /** Seed 000 §3: pages of the textbook («с. 45–47»). */
  pages: text(200),
  /** Task numbers («№ 12, 14а»). */
  tasks: text(500),
  /** The lesson it is due for; by default the group's next lesson of the subject. */
  dueLessonId: ZId,
  dueDate: ZDate,
  expectedMinutes: z.number().int('Целое число').min(1, 'От 1 до 600 минут').max(600, 'От 1 до 600 минут').nullable(),
  /** Individual homework: only these students of the group (empty = the whole group). */
  studentIds: z.array(ZId).max(200, 'Не больше 200 обучающихся'),
};

export const ZHomeworkCreate = z.object({
  ...homeworkFields,
  pages: homeworkFields.pages.default(''),
  tasks: homeworkFields.tasks.default(''),
  dueLessonId: homeworkFields.dueLessonId.optional(),
  dueDate: homeworkFields.dueDate.optional(),
  expectedMinutes: homeworkFields.expectedMinutes.optional(),
  studentIds: homeworkFields.studentIds.default([]),
});
export type HomeworkCreate = z.infer<typeof ZHomeworkCreate>;

/** Every change carries the version the client saw: a stale one answers 409 with the current homework. */
export const ZHomeworkUpdate = z.object(homeworkFields).partial().extend({
  version: z.number().int('Целое число').min(1, 'Неверная версия'),
});
export type HomeworkUpdate = z.infer<typeof ZHomeworkUpdate>;

export const ZHomeworkDeleteQuery = z.object({
  version: z.coerce.number().int('Целое число').min(1, 'Неверная версия').optional(),
});

export const ZLessonHomeworkParams = z.object({ schoolId: ZId, lessonId: ZId });
export const ZAttachmentParams = z.object({ schoolId: ZId, id: ZId, attachmentId: ZId });

export const ZHomeworkQuery = ZPageQuery.extend({
  groupId: ZId.optional(),
  /** One student's homework (a guardian choosing a child, staff looking at one student). */
  studentId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** Which date `from`/`to` apply to: the due date (the diary) or the lesson's date (the journal). */
  by: z.enum(['due', 'lesson']).default('due'),
});
export type HomeworkQuery = z.infer<typeof ZHomeworkQuery>;

export const ZAttachment = z.object({
  id: ZId,
  homeworkId: ZId,
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: ZTimestamp,
});
export type Attachment = z.infer<typeof ZAttachment>;

export const ZHomework = z.object({
  id: ZId,
  schoolId: ZId,
  lessonId: ZId,
  groupId: ZId,
  subjectId: ZId,
  lessonDate: ZDate,
  dueLessonId: ZId.nullable(),
  dueDate: ZDate,
  text: z.string(),
  pages: z.string(),
  tasks: z.string(),
  expectedMinutes: z.number().int().nullable(),
  individual: z.boolean(),
  /** The chosen students of individual homework, as far as the reader may see them. */
  studentIds: z.array(ZId),
  attachments: z.array(ZAttachment),
  version: z.number().int(),
  authorUserId: ZId.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Homework = z.infer<typeof ZHomework>;

/** Files the lesson page sends with one save (seed 002: each up to 20 MB). */
export const LESSON_SAVE_MAX_FILES = 5;

/**
 * `POST /lessons/:id/save`: the lesson page's one «Сохранить» — the lesson's topic, notes and work
 * types, the homework being written (new or changed), the files added to it and the files removed
 * from it, all in one transaction. Sent as JSON, or as multipart/form-data with this object as JSON
 * in the field `data` and the new files in the fields `file`.
 */
export const ZLessonSave = z.object({
  lesson: ZLessonUpdate.optional(),
  homework: z.discriminatedUnion('kind', [
    ZHomeworkCreate.extend({ kind: z.literal('create') }),
    // Only the version: nothing of the homework itself changes, files are added or removed.
    ZHomeworkUpdate.extend({ kind: z.literal('update'), id: ZId }),
  ]).optional(),
  /** Files of the changed homework to remove (soft delete, as `DELETE .../attachments/:id`). */
  removeAttachmentIds: z.array(ZId).max(50, 'Не больше 50 файлов').default([]),
});
export type LessonSave = z.input<typeof ZLessonSave>;

export const ZLessonSaved = z.object({ lesson: ZLesson, homework: ZHomework.nullable() });
export type LessonSaved = z.infer<typeof ZLessonSaved>;
