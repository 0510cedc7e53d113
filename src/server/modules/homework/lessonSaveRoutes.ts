import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZSchoolItemParams } from '../../../shared/contract/common.ts';
import { NUL_MESSAGE, nulPath } from '../../../shared/contract/nul.ts';
import { ATTACHMENT_MAX_BYTES, LESSON_SAVE_MAX_FILES, ZLessonSave, ZLessonSaved } from '../../../shared/contract/homework.ts';
import { presentLesson } from '../timetable/presenters.ts';
import { AppError, badRequest } from '../../errors.ts';
import { assertReachesLesson, lessonReach } from '../../policy/lessons.ts';
import { getLesson } from '../timetable/service.ts';
import type { Upload } from './attachmentService.ts';
import { saveLessonPage } from './lessonSave.ts';
import { presentHomework } from './presenters.ts';

const tags = ['homework'];
const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 413: ZError, 415: ZError };

const invalid = (fields: Record<string, string>) => badRequest('validation.failed', 'Проверьте заполнение полей', fields);

/** The body as JSON, or the multipart form's `data` field and its files (up to the limits of seed 002). */
async function readBody(req: FastifyRequest): Promise<{ data: unknown; uploads: Upload[] }> {
  if (!req.isMultipart()) return { data: req.body ?? {}, uploads: [] };
  let data: unknown = {};
  const uploads: Upload[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: LESSON_SAVE_MAX_FILES, fields: 1, parts: LESSON_SAVE_MAX_FILES + 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw badRequest('attachment.bad_upload', 'Не удалось прочитать файл', { file: 'Файлы передаются в поле file' });
        if (nulPath(part.filename) !== null) throw invalid({ file: NUL_MESSAGE });
        uploads.push({ fileName: part.filename, bytes: await part.toBuffer() });
      } else if (part.fieldname === 'data') {
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw invalid({ data: 'Неверный JSON' });
        }
        const nul = nulPath(data);
        if (nul !== null) throw invalid({ [nul]: NUL_MESSAGE });
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('attachment.too_large', 413, 'Файл больше 20 МБ', { file: 'Не больше 20 МБ' });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
      throw badRequest('attachment.too_many', `Не больше ${LESSON_SAVE_MAX_FILES} файлов за одно сохранение`, { file: `Не больше ${LESSON_SAVE_MAX_FILES} файлов` });
    }
    throw badRequest('attachment.bad_upload', 'Не удалось прочитать файл', { file: 'Неверный запрос' });
  }
  return { data, uploads };
}

/** `{lesson: {topic: …}}` → `lesson.topic`, as the validation of every other route names fields. */
function parsed(data: unknown) {
  const result = ZLessonSave.safeParse(data);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message;
  throw invalid(fields);
}

/** The lesson page's one «Сохранить» (lesson, homework and its files in one transaction). */
export const lessonSaveRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  await app.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: LESSON_SAVE_MAX_FILES, fields: 1, parts: LESSON_SAVE_MAX_FILES + 1 } });

  app.post('/schools/:schoolId/lessons/:id/save', {
    schema: {
      tags,
      summary: 'Сохранить урок одним действием: тема, заметки, виды работ, задание и его файлы (JSON или multipart: поле data и файлы в полях file)',
      params: ZSchoolItemParams,
      response: { 200: ZLessonSaved, ...errors },
    },
  }, async (req) => {
    const { schoolId, id } = req.params;
    const lesson = assertReachesLesson(await lessonReach(req, schoolId), await getLesson(db(), schoolId, id));
    const { data, uploads } = await readBody(req);
    const input = parsed(data);
    const now = app.now();
    const done = await saveLessonPage(db(), app.storage, req.actor, lesson, input, uploads, now);
    const at = now.toISOString();
    if (done.lessonStudents.length > 0) app.diaryBus.publish({ schoolId, studentIds: done.lessonStudents, kind: 'lesson', lessonId: id, at });
    if (done.homework) app.diaryBus.publish({ schoolId, studentIds: done.homeworkStudents, kind: 'homework', lessonId: id, at });
    return {
      lesson: presentLesson(done.lesson),
      homework: done.homework ? presentHomework(done.homework.hw, done.homework.chosen, done.homework.files) : null,
    };
  });
};
