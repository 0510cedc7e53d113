import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ZLessonSave } from '../../../shared/contract/homework.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest } from '../../errors.ts';
import { recipientsOf } from '../../policy/homework.ts';
import type { Actor } from '../../policy/policy.ts';
import { studentIdsInGroupOn } from '../../roster/groupStays.ts';
import type { FileStorage } from '../../storage/fileStorage.ts';
import { lessonUpdateOf, writeLessonUpdate } from '../timetable/lessonsService.ts';
import { getLesson, type LessonRow } from '../timetable/service.ts';
import { type CheckedFile, checkedFiles, type Upload } from './attachmentService.ts';
import * as q from './queries.ts';
import {
  assertCanWriteHomework, getHomework, homeworkCreateOf, homeworkUpdateOf, type HomeworkView, staleOrGone, writeHomeworkCreate, writeHomeworkUpdate,
} from './service.ts';

type Input = z.output<typeof ZLessonSave>;

const nothing = () => badRequest('validation.nothing_to_update', 'Нет изменений для сохранения');
const needsHomework = (field: string) =>
  badRequest('lesson_save.no_homework', 'Файлы прикрепляются к заданию: заполните задание', { [field]: 'Нет задания, к которому прикрепить' });

/** Rolls the transaction back from inside: the write found its version stale or its row gone. */
class Stale extends Error {
  constructor(readonly error: () => Promise<AppError>) {
    super('stale');
  }
}

/**
 * The lesson page's one «Сохранить»: topic, notes, work types, the homework being written and its
 * files, in one transaction. Every check runs first; a refusal of any part writes nothing, and
 * bytes stored for a transaction that did not commit are removed.
 */
export async function saveLessonPage(
  db: Db, storage: FileStorage, actor: Actor | null, lesson: LessonRow, input: Input, uploads: Upload[], now: Date,
) {
  const hwInput = input.homework;
  const hwChanges = hwInput?.kind === 'update'
    ? Object.entries(hwInput).some(([key, value]) => !['kind', 'id', 'version'].includes(key) && value !== undefined)
    : false;
  const lessonChanges = input.lesson ? Object.values(input.lesson).filter((v) => v !== undefined).length > 1 : false;
  const fileChanges = uploads.length > 0 || input.removeAttachmentIds.length > 0;
  if (!lessonChanges && hwInput?.kind !== 'create' && !hwChanges && !fileChanges) throw nothing();
  if (!hwInput && uploads.length > 0) throw needsHomework('file');
  if (hwInput?.kind !== 'update' && input.removeAttachmentIds.length > 0) throw needsHomework('removeAttachmentIds');

  // Checks, nothing written yet.
  const lessonPatch = input.lesson && lessonChanges ? await lessonUpdateOf(db, actor, lesson, input.lesson, now) : null;
  let created: Awaited<ReturnType<typeof homeworkCreateOf>> | null = null;
  let before: HomeworkView | null = null;
  let updated: Awaited<ReturnType<typeof homeworkUpdateOf>> | null = null;
  if (hwInput?.kind === 'create') {
    const { kind: _kind, ...body } = hwInput;
    created = await homeworkCreateOf(db, actor, lesson, body, now);
  } else if (hwInput?.kind === 'update') {
    const { kind: _kind, id, ...body } = hwInput;
    before = await getHomework(db, lesson.schoolId, id);
    if (before.hw.lessonId !== lesson.id) {
      throw badRequest('lesson_save.other_lesson', 'Задание другого урока', { 'homework.id': 'Задание задано на другом уроке' });
    }
    await assertCanWriteHomework(db, actor, before.hw, now);
    updated = await homeworkUpdateOf(db, before, body, now);
    const live = new Set(before.files.map((f) => f.id));
    const fields: Record<string, string> = {};
    input.removeAttachmentIds.forEach((fileId, i) => {
      if (!live.has(fileId)) fields[`removeAttachmentIds.${i}`] = 'Файла нет в этом задании';
    });
    if (Object.keys(fields).length > 0) throw badRequest('attachment.not_found', 'Файл не найден', fields);
  }
  const files: CheckedFile[] = await checkedFiles(uploads, 'file');
  const homeworkId = created?.id ?? before?.hw.id ?? null;
  const stored = files.map(() => {
    const id = newId();
    return { id, storageKey: `${lesson.schoolId}/${now.getUTCFullYear()}/${id}` };
  });

  let lessonRow = lesson;
  try {
    await db.transaction(async (tx) => {
      if (lessonPatch && input.lesson) lessonRow = await writeLessonUpdate(tx, lesson, input.lesson.version, lessonPatch);
      if (created) await writeHomeworkCreate(tx, created);
      if (updated && before && (hwChanges || fileChanges)) {
        // Files alone leave the homework's row as it is, but still only on the version the teacher saw.
        const current = hwChanges
          ? await writeHomeworkUpdate(tx, updated)
          : (await q.findHomework(tx, updated.schoolId, updated.id))?.version === updated.version;
        if (!current) throw new Stale(() => staleOrGone(db, lesson.schoolId, updated.id));
        await q.deleteAttachments(tx, lesson.schoolId, updated.id, input.removeAttachmentIds);
      }
      await q.insertAttachments(tx, files.map((file, i) => ({
        schoolId: lesson.schoolId, id: stored[i]!.id, homeworkId: homeworkId!, fileName: file.fileName, mimeType: file.mime,
        size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'), storageKey: stored[i]!.storageKey,
        uploadedBy: actor?.userId ?? null, createdAt: now,
      })));
      await Promise.all(files.map((file, i) => storage.put(stored[i]!.storageKey, file.bytes)));
    });
  } catch (error) {
    await Promise.all(stored.map((s) => storage.remove(s.storageKey).catch(() => undefined)));
    if (error instanceof Stale) throw await error.error();
    throw error;
  }

  const after = homeworkId ? await getHomework(db, lesson.schoolId, homeworkId) : null;
  const students = new Set<string>();
  if (before) for (const id of await recipientsOf(db, before.hw, before.chosen)) students.add(id);
  if (after) for (const id of await recipientsOf(db, after.hw, after.chosen)) students.add(id);
  const lessonStudents = lessonPatch ? await studentIdsInGroupOn(db, lesson.schoolId, lesson.groupId, lesson.date) : [];
  return { lesson: lessonPatch ? lessonRow : await getLesson(db, lesson.schoolId, lesson.id), homework: after, homeworkStudents: [...students], lessonStudents };
}
