import type { Attachment, Homework } from '../../../shared/contract/homework.ts';
import type { AttachmentRow, HomeworkWithLesson } from './queries.ts';

export const presentAttachment = (a: AttachmentRow): Attachment => ({
  id: a.id,
  homeworkId: a.homeworkId,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
});

export const presentHomework = (h: HomeworkWithLesson, studentIds: string[], files: AttachmentRow[]): Homework => ({
  id: h.id,
  schoolId: h.schoolId,
  lessonId: h.lessonId,
  groupId: h.groupId,
  subjectId: h.subjectId,
  lessonDate: h.lessonDate,
  dueLessonId: h.dueLessonId,
  dueDate: h.dueDate,
  text: h.text,
  pages: h.pages,
  tasks: h.tasks,
  expectedMinutes: h.expectedMinutes,
  individual: h.individual,
  studentIds,
  attachments: files.map(presentAttachment),
  version: h.version,
  authorUserId: h.authorUserId,
  createdAt: h.createdAt.toISOString(),
  updatedAt: h.updatedAt.toISOString(),
});
