import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, found, notFound } from '../../errors.ts';
import { recipientsOf } from '../../policy/homework.ts';
import { homeworkNotFound } from '../../policy/notFound.ts';
import type { Actor } from '../../policy/policy.ts';
import { type FileStorage, StorageKeyNotFound } from '../../storage/fileStorage.ts';
import { detectAllowedType, displayName } from './fileTypes.ts';
import * as q from './queries.ts';
import { assertCanWriteHomework, getHomework, type HomeworkView } from './service.ts';

export const attachmentNotFound = () => notFound('attachment', 'Файл не найден');

export type Upload = { fileName: string | undefined; bytes: Buffer };

/** The homework a file is added to or removed from, after the writer and lock checks. */
export async function writableHomework(db: Db, actor: Actor | null, schoolId: string, homeworkId: string, now: Date): Promise<HomeworkView> {
  const view = await getHomework(db, schoolId, homeworkId);
  await assertCanWriteHomework(db, actor, view.hw, now);
  return view;
}

/**
 * Checks the bytes by content, then records the file and stores it in one step: the row is
 * committed only once the bytes are in storage, and bytes whose row did not commit are removed.
 */
export async function addAttachment(db: Db, storage: FileStorage, actor: Actor | null, view: HomeworkView, upload: Upload, now: Date) {
  const { hw } = view;
  const [file] = await checkedFiles([upload], 'file');
  const id = newId();
  const storageKey = `${hw.schoolId}/${now.getUTCFullYear()}/${id}`;
  try {
    const row = await db.transaction(async (tx) => {
      // The homework may have been deleted while the file was arriving.
      if (!(await q.findHomework(tx, hw.schoolId, hw.id))) throw homeworkNotFound();
      return storeAttachment(tx, storage, { schoolId: hw.schoolId, homeworkId: hw.id, id, storageKey, actor, now }, file!);
    });
    return { row, affected: await recipientsOf(db, hw, view.chosen) };
  } catch (error) {
    await storage.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

/** An upload whose bytes passed the content check: its type and display name. */
export type CheckedFile = Upload & { mime: string; fileName: string };

/**
 * Every file checked by content before anything is written; a refusal names the file's field
 * (`file`, or `file.2` for the third of several).
 */
export async function checkedFiles(uploads: Upload[], field: string): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  for (const [i, upload] of uploads.entries()) {
    const key = uploads.length > 1 || field !== 'file' ? `${field}.${i}` : field;
    if (upload.bytes.length === 0) throw badRequest('attachment.empty', 'Файл пустой', { [key]: 'Файл пустой' });
    const type = await detectAllowedType(upload.bytes);
    if (!type) {
      throw new AppError('attachment.forbidden_type', 415, 'Такой тип файла не принимается: PDF, изображения, документы, текст, аудио или видео', {
        [key]: 'Недопустимый тип файла',
      });
    }
    out.push({ ...upload, mime: type.mime, fileName: displayName(upload.fileName, type) });
  }
  return out;
}

/** The file's row and bytes, inside the caller's transaction (the caller removes the key if it does not commit). */
export async function storeAttachment(
  tx: Db, storage: FileStorage, at: { schoolId: string; homeworkId: string; id: string; storageKey: string; actor: Actor | null; now: Date }, file: CheckedFile,
) {
  const inserted = await q.insertAttachment(tx, {
    schoolId: at.schoolId, id: at.id, homeworkId: at.homeworkId, fileName: file.fileName, mimeType: file.mime,
    size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'), storageKey: at.storageKey,
    uploadedBy: at.actor?.userId ?? null, createdAt: at.now,
  });
  await storage.put(at.storageKey, file.bytes);
  return inserted;
}

/** A live file of a live homework, and its bytes. */
export async function openAttachment(db: Db, storage: FileStorage, schoolId: string, homeworkId: string, id: string) {
  const row = found(await q.findAttachment(db, schoolId, homeworkId, id), attachmentNotFound);
  let stream: Readable;
  try {
    stream = await storage.get(row.storageKey);
  } catch (error) {
    if (error instanceof StorageKeyNotFound) throw new AppError('attachment.missing', 404, 'Файл не найден в хранилище');
    throw error;
  }
  return { row, stream };
}

/** Soft delete: the record stays (and the bytes with it), the file disappears from the homework. */
export async function deleteAttachment(db: Db, view: HomeworkView, id: string) {
  const { hw } = view;
  found(await q.findAttachment(db, hw.schoolId, hw.id, id), attachmentNotFound);
  const removed = await db.transaction((tx) => q.deleteAttachment(tx, hw.schoolId, id));
  if (!removed) throw attachmentNotFound();
  return { affected: await recipientsOf(db, hw, view.chosen) };
}
