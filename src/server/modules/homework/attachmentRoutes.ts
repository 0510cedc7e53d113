import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZSchoolItemParams } from '../../../shared/contract/common.ts';
import { ATTACHMENT_MAX_BYTES, ZAttachment, ZAttachmentParams } from '../../../shared/contract/homework.ts';
import { z } from '../../../shared/contract/zod.ts';
import { AppError, badRequest } from '../../errors.ts';
import { NUL_MESSAGE, nulPath } from '../../../shared/contract/nul.ts';
import { assertCanRead, readerOf } from '../../policy/homework.ts';
import * as files from './attachmentService.ts';
import { contentDisposition } from './fileTypes.ts';
import { presentAttachment } from './presenters.ts';
import { getHomework } from './service.ts';

const tags = ['homework'];
/** The file's bytes, streamed as they are stored. */
const ZFileBytes = z.unknown().describe('Содержимое файла');
const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 413: ZError, 415: ZError };

const noFile = () => badRequest('attachment.no_file', 'Приложите файл', { file: 'Обязательное поле' });
const tooLarge = () => new AppError('attachment.too_large', 413, 'Файл больше 20 МБ', { file: 'Не больше 20 МБ' });

/** The one file of a multipart request, read into memory up to the limit (seed 002: 20 MB). */
async function readUpload(req: FastifyRequest): Promise<files.Upload> {
  if (!req.isMultipart()) throw noFile();
  try {
    const part = await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
    if (!part) throw noFile();
    if (nulPath(part.filename) !== null) throw badRequest('validation.failed', 'Проверьте заполнение полей', { file: NUL_MESSAGE });
    return { fileName: part.filename, bytes: await part.toBuffer() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw badRequest('attachment.one_file', 'По одному файлу за раз', { file: 'Один файл' });
    throw badRequest('attachment.bad_upload', 'Не удалось прочитать файл', { file: 'Неверный запрос' });
  }
}

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  // Registered here, so only these routes parse multipart bodies.
  await app.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 10, parts: 11 } });
  const publish = (schoolId: string, studentIds: string[], lessonId: string) =>
    app.diaryBus.publish({ schoolId, studentIds, kind: 'homework', lessonId, at: app.now().toISOString() });

  app.post('/schools/:schoolId/homework/:id/attachments', {
    schema: { tags, summary: 'Приложить файл к заданию (multipart, поле file)', params: ZSchoolItemParams, response: { 201: ZAttachment, ...errors } },
  }, async (req, reply) => {
    const { schoolId, id } = req.params;
    const now = app.now();
    const view = await files.writableHomework(db(), req.actor, schoolId, id, now);
    const upload = await readUpload(req);
    const done = await files.addAttachment(db(), app.storage, req.actor, view, upload, now);
    publish(schoolId, done.affected, view.hw.lessonId);
    return reply.code(201).send(presentAttachment(done.row));
  });

  app.get('/schools/:schoolId/homework/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'Скачать файл задания', params: ZAttachmentParams, response: { 200: ZFileBytes, ...errors } },
  }, async (req, reply) => {
    const { schoolId, id, attachmentId } = req.params;
    const reader = await readerOf(req, schoolId);
    const { hw, chosen } = await getHomework(db(), schoolId, id);
    await assertCanRead(db(), reader, hw, chosen);
    const { row, stream } = await files.openAttachment(db(), app.storage, schoolId, id, attachmentId);
    return reply
      .header('content-type', row.mimeType)
      .header('content-length', row.size)
      .header('content-disposition', contentDisposition(row.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });

  app.delete('/schools/:schoolId/homework/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'Убрать файл из задания', params: ZAttachmentParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    const { schoolId, id, attachmentId } = req.params;
    const view = await files.writableHomework(db(), req.actor, schoolId, id, app.now());
    const done = await files.deleteAttachment(db(), view, attachmentId);
    publish(schoolId, done.affected, view.hw.lessonId);
    return { deleted: true as const };
  });
};
