import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHomeworkApp, homeworkRows, pdfBytes, pngBytes, storedFiles } from '../../../../tests/factories/homework.ts';
import { insertWorkType, type JournalWorld, journalWorld } from '../../../../tests/factories/journal.ts';
import { as, schoolActor } from '../../../../tests/support/testApp.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { TEST_ACTOR_HEADER } from '../../plugins/actor.ts';
import type { Actor } from '../../policy/policy.ts';
import type { LessonRow } from '../timetable/service.ts';

let t: Awaited<ReturnType<typeof createHomeworkApp>>;
let w: JournalWorld;
let lesson: LessonRow;
let next: LessonRow;
let other: LessonRow;
let earlier: LessonRow;
let workTypeId: string;
const url = (path: string) => `/api/v1/schools/${w.schoolId}${path}`;
const save = (id = lesson.id) => url(`/lessons/${id}/save`);
const teacher = () => schoolActor(w.schoolId, 'teacher', w.teacher.id);

/** multipart/form-data as the lesson page sends it: the JSON in `data`, each file in a `file` field. */
function multipart(data: unknown, files: { name: string; bytes: Buffer }[]) {
  const boundary = `----klassny${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  if (data !== undefined) {
    const json = typeof data === 'string' ? data : JSON.stringify(data);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${json}\r\n`));
  }
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function send(actor: Actor | null, data: unknown, files: { name: string; bytes: Buffer }[] = [], id = lesson.id) {
  const body = multipart(data, files);
  const options: InjectOptions = { method: 'POST', url: save(id), payload: body.payload, headers: { ...body.headers } };
  if (actor) options.headers![TEST_ACTOR_HEADER] = JSON.stringify(actor);
  return t.app.inject(options);
}

const lessonRow = async (id = lesson.id) => (await t.database.db.select().from(lessons).where(eq(lessons.id, id)))[0]!;

/** Nothing written and nothing stored: lessons, homework, files and the storage folder as they were. */
async function expectUntouched(attempt: () => Promise<{ statusCode: number; json(): { error: { code: string; fields?: Record<string, string> } } }>, status: number, code: string) {
  const before = { lessons: await lessonRow(), other: await lessonRow(other.id), rows: await homeworkRows(t.database.db, w.schoolId), files: await storedFiles(t.filesDir) };
  const res = await attempt();
  expect(res.statusCode).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect({ lessons: await lessonRow(), other: await lessonRow(other.id), rows: await homeworkRows(t.database.db, w.schoolId), files: await storedFiles(t.filesDir) })
    .toEqual(before);
  return res.json().error;
}

beforeAll(async () => {
  t = await createHomeworkApp({ now: () => new Date('2025-10-06T09:00:00Z') });
  w = await journalWorld(t.database.db);
  workTypeId = (await insertWorkType(t.database.db, w.schoolId)).id;
  lesson = await w.lesson('2025-10-06', { lessonNumber: 2 });
  next = await w.lesson('2025-10-08', { lessonNumber: 1 });
  other = await w.lesson('2025-10-07', { lessonNumber: 1 });
  earlier = await w.lesson('2025-10-03', { lessonNumber: 1 });
});
afterAll(async () => { await t.close(); });

describe('the lesson page\'s one save', () => {
  let homeworkId: string;
  let pngId: string;

  it('writes the topic, notes, work types, a new homework and its files in one request, audited as the teacher', async () => {
    const res = await send(teacher(), {
      lesson: { version: 1, topic: 'Дроби', notes: 'Повторить сокращение', workTypeIds: [workTypeId] },
      homework: { kind: 'create', text: 'Решить № 12', pages: 'с. 45', dueLessonId: next.id },
    }, [{ name: 'Схема.png', bytes: pngBytes() }, { name: 'Параграф.pdf', bytes: pdfBytes() }]);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved.lesson).toMatchObject({ id: lesson.id, topic: 'Дроби', notes: 'Повторить сокращение', workTypeIds: [workTypeId], version: 2 });
    expect(saved.homework).toMatchObject({ lessonId: lesson.id, text: 'Решить № 12', pages: 'с. 45', dueLessonId: next.id, version: 1 });
    expect(saved.homework.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['Параграф.pdf', 'Схема.png']);
    homeworkId = saved.homework.id;
    pngId = saved.homework.attachments.find((a: { fileName: string }) => a.fileName === 'Схема.png').id;
    expect(await storedFiles(t.filesDir)).toEqual(saved.homework.attachments.map((a: { id: string }) => `${w.schoolId}/2025/${a.id}`).sort());
    expect((await lessonRow()).topicWrittenAt).toEqual(new Date('2025-10-06T09:00:00Z'));

    const entries = await t.database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, w.schoolId), inArray(auditEntries.entityId, [lesson.id, homeworkId, ...saved.homework.attachments.map((a: { id: string }) => a.id)])))
      .orderBy(asc(auditEntries.seq));
    // The lesson's own insert came from the test's setup; the save is one transaction of four rows.
    const saveEntries = entries.filter((e) => !(e.entity === 'lessons' && e.operation === 'insert'));
    expect(saveEntries.map((e) => [e.entity, e.operation])).toEqual([
      ['lessons', 'update'], ['homework', 'insert'], ['attachments', 'insert'], ['attachments', 'insert'],
    ]);
    expect(new Set(saveEntries.map((e) => e.at.getTime())).size).toBe(1);
  });

  it('changes the homework, adds a file and removes one, on the version the teacher saw', async () => {
    const res = await send(teacher(), {
      homework: { kind: 'update', id: homeworkId, version: 1, text: 'Решить № 12 и 14' },
      removeAttachmentIds: [pngId],
    }, [{ name: 'Ещё.png', bytes: pngBytes() }]);
    expect(res.statusCode, res.body).toBe(200);
    const hw = res.json().homework;
    expect(hw).toMatchObject({ text: 'Решить № 12 и 14', version: 2 });
    expect(hw.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['Ещё.png', 'Параграф.pdf']);
    expect(res.json().lesson).toMatchObject({ topic: 'Дроби', version: 2 });
  });

  it('adds a file alone to the homework without changing its version', async () => {
    const res = await send(teacher(), { homework: { kind: 'update', id: homeworkId, version: 2 } }, [{ name: 'Третий.png', bytes: pngBytes() }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().homework).toMatchObject({ version: 2 });
    expect(res.json().homework.attachments).toHaveLength(3);
  });

  it('takes JSON as well (no files)', async () => {
    const res = await as(t.app, teacher()).post(save(), { lesson: { version: 2, notes: 'Без файлов' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lesson: { notes: 'Без файлов', version: 3 }, homework: null });
  });
});

describe('a refused save writes nothing', () => {
  it('a stale lesson version: 409 with the lesson as it is, the new homework and its file not written either', async () => {
    const error = await expectUntouched(() => send(teacher(), {
      lesson: { version: 1, topic: 'Из старой вкладки' }, homework: { kind: 'create', text: 'Не должно появиться' },
    }, [{ name: 'x.png', bytes: pngBytes() }]), 409, 'lesson.stale');
    expect(error).toMatchObject({ current: { topic: 'Дроби' } });
  });

  it('a stale homework version: 409, the lesson\'s topic not written', async () => {
    const current = await lessonRow();
    const hw = (await homeworkRows(t.database.db, w.schoolId)).homework[0]!;
    await expectUntouched(() => send(teacher(), {
      lesson: { version: current.version, topic: 'Новая тема' }, homework: { kind: 'update', id: hw.id, version: 1, text: 'Старое' },
    }), 409, 'homework.stale');
  });

  it('bad fields: 400 naming them by their place in the body', async () => {
    const current = await lessonRow();
    const error = await expectUntouched(() => send(teacher(), {
      lesson: { version: current.version, topic: 'x'.repeat(501) }, homework: { kind: 'create', text: '   ', expectedMinutes: 0 },
    }), 400, 'validation.failed');
    expect(Object.keys(error.fields!).sort()).toEqual(['homework.expectedMinutes', 'homework.text', 'lesson.topic']);
  });

  it('a due lesson before this one: 400 on the field, the topic not written', async () => {
    const current = await lessonRow();
    const error = await expectUntouched(() => send(teacher(), {
      lesson: { version: current.version, topic: 'Тема' }, homework: { kind: 'create', text: 'Задача', dueLessonId: earlier.id },
    }), 400, 'homework.due_invalid');
    expect(error.fields).toEqual({ dueLessonId: 'Урок должен быть позже урока, на котором задано' });
  });

  it('a file of a forbidden type: 415, nothing stored', async () => {
    const current = await lessonRow();
    await expectUntouched(() => send(teacher(), {
      lesson: { version: current.version, topic: 'Тема' }, homework: { kind: 'create', text: 'Задача' },
    }, [{ name: 'ok.png', bytes: pngBytes() }, { name: 'page.html', bytes: Buffer.from('<html><script>alert(1)</script></html>') }]), 415, 'attachment.forbidden_type');
  });

  it('files without a homework, a removal of a file not in it, a homework of another lesson, nothing at all, broken JSON', async () => {
    const current = await lessonRow();
    const hw = (await homeworkRows(t.database.db, w.schoolId)).homework[0]!;
    const files = [{ name: 'a.png', bytes: pngBytes() }];
    expect((await expectUntouched(() => send(teacher(), { lesson: { version: current.version, topic: 'Т' } }, files), 400, 'lesson_save.no_homework')).fields)
      .toEqual({ file: 'Нет задания, к которому прикрепить' });
    expect((await expectUntouched(() => send(teacher(), { homework: { kind: 'update', id: hw.id, version: hw.version }, removeAttachmentIds: [other.id] }), 400, 'attachment.not_found')).fields)
      .toEqual({ 'removeAttachmentIds.0': 'Файла нет в этом задании' });
    await expectUntouched(() => send(teacher(), { homework: { kind: 'update', id: hw.id, version: hw.version, text: 'Чужое' } }, [], other.id), 400, 'lesson_save.other_lesson');
    await expectUntouched(() => send(teacher(), { lesson: { version: current.version } }), 400, 'validation.nothing_to_update');
    expect((await expectUntouched(() => send(teacher(), '{"lesson":'), 400, 'validation.failed')).fields).toEqual({ data: 'Неверный JSON' });
  });

  it('a NUL character in the multipart data or a file name: 400 on that field, nothing written or stored', async () => {
    const current = await lessonRow();
    expect((await expectUntouched(() => send(teacher(), { lesson: { version: current.version, topic: 'Дро\u0000би' } }), 400, 'validation.failed')).fields)
      .toEqual({ 'lesson.topic': 'Недопустимый символ (NUL, \\u0000)' });
    expect((await expectUntouched(() => send(teacher(), { lesson: { version: current.version, topic: 'Т' }, homework: { kind: 'create', text: 'Задача' } },
      [{ name: 'a\u0000.png', bytes: pngBytes() }]), 400, 'validation.failed')).fields).toEqual({ file: 'Недопустимый символ (NUL, \\u0000)' });
  });

  it('callers who may not write the lesson: nobody, a student, a teacher of another group, of another school, of another subject', async () => {
    const current = await lessonRow();
    const body = { lesson: { version: current.version, topic: 'Чужая тема' }, homework: { kind: 'create', text: 'Чужое задание' } };
    const outcomes = [];
    for (const actor of [null, schoolActor(w.schoolId, 'student', w.students.antonov.id), schoolActor(w.schoolId, 'teacher', w.stranger.id),
      schoolActor(w.otherSchoolId, 'teacher', w.teacher.id), schoolActor(w.schoolId, 'teacher', w.russianTeacher.id)]) {
      const before = { lesson: await lessonRow(), rows: await homeworkRows(t.database.db, w.schoolId), files: await storedFiles(t.filesDir) };
      const res = await send(actor, body, [{ name: 'a.png', bytes: pngBytes() }]);
      outcomes.push([res.statusCode, res.json().error?.code]);
      expect({ lesson: await lessonRow(), rows: await homeworkRows(t.database.db, w.schoolId), files: await storedFiles(t.filesDir) }).toEqual(before);
    }
    expect(outcomes).toEqual([
      [401, 'auth.required'], [403, 'policy.forbidden'], [404, 'lesson.not_found'], [404, 'school.not_found'], [403, 'journal.read_only'],
    ]);
  });
});
