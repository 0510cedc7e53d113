import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentCount, createHomeworkApp, docxBytes, homeworkRows, pdfBytes, pngBytes, storedFiles, upload, zipBytes,
} from '../../../../tests/factories/homework.ts';
import { closePeriod, type JournalWorld, journalWorld } from '../../../../tests/factories/journal.ts';
import { createGuardian, linkGuardian } from '../../../../tests/factories/people.ts';
import { unknownId } from '../../../../tests/factories/structure.ts';
import { as, schoolActor } from '../../../../tests/support/testApp.ts';
import type { Actor } from '../../policy/policy.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/contract/homework.ts';

let t: Awaited<ReturnType<typeof createHomeworkApp>>;
let w: JournalWorld;
let teacher: Actor;
let homeworkId: string;
let individualId: string;
const url = (path: string) => `/api/v1/schools/${w.schoolId}${path}`;
const files = (id = homeworkId) => url(`/homework/${id}/attachments`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await createHomeworkApp({ now: () => new Date('2025-10-06T09:00:00Z') });
  w = await journalWorld(t.database.db);
  teacher = schoolActor(w.schoolId, 'teacher', w.teacher.id);
  const lesson = await w.lesson('2025-10-06');
  homeworkId = (await as(t.app, teacher).post(url(`/lessons/${lesson.id}/homework`), { text: 'Прочитать параграф' })).json().id;
  individualId = (await as(t.app, teacher).post(url(`/lessons/${lesson.id}/homework`), { text: 'Карточка', studentIds: [w.students.antonov.id] })).json().id;
});
afterAll(async () => { await t.close(); });

/** Nothing was recorded or stored: the rows and the storage folder are as they were. */
async function expectNothingStored(attempt: () => Promise<{ statusCode: number; json(): { error: { code: string } } }>, status: number, code: string) {
  const rowsBefore = await homeworkRows(t.database.db, w.schoolId);
  const filesBefore = await storedFiles(t.filesDir);
  const res = await attempt();
  expect(res.statusCode).toBe(status);
  expect(res.json().error.code).toBe(code);
  expect(await homeworkRows(t.database.db, w.schoolId)).toEqual(rowsBefore);
  expect(await storedFiles(t.filesDir)).toEqual(filesBefore);
}

describe('uploading a file', () => {
  it('stores a PDF under a server-made key with its sha256 and size, and lists it on the homework', async () => {
    const pdf = pdfBytes();
    const res = await upload(t, teacher, files(), 'Параграф 12.pdf', pdf, 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ homeworkId, fileName: 'Параграф 12.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });
    expect(await storedFiles(t.filesDir)).toEqual([`${w.schoolId}/2025/${file.id}`]);
    const hw = (await as(t.app, teacher).get(url(`/homework/${homeworkId}`))).json();
    expect(hw.attachments).toEqual([file]);
  });

  it('hands the same bytes back to the group\'s student with a download-only disposition and nosniff', async () => {
    const png = pngBytes();
    const created = (await upload(t, teacher, files(), 'Рисунок 1.png', png, 'image/png')).json();
    expect(created).toMatchObject({ mimeType: 'image/png', size: png.length });
    const res = await as(t.app, schoolActor(w.schoolId, 'student', w.students.borisova.id)).get(files() + `/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(png)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_______ 1.png"; filename*=UTF-8''${encodeURIComponent('Рисунок 1.png')}`,
    );
  });

  it('judges by content: a Word document and plain text pass, a PNG named .pdf keeps its own type', async () => {
    const docx = await upload(t, teacher, files(), 'Задание.docx', docxBytes());
    expect(docx.json()).toMatchObject({ mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: 'Задание.docx' });
    const text = await upload(t, teacher, files(), '../../etc/passwd', Buffer.from('Упражнение 5: списать, вставить буквы. 3 < 5\n'), 'text/html');
    expect(text.json()).toMatchObject({ mimeType: 'text/plain; charset=utf-8', fileName: 'passwd.txt' });
    const renamed = await upload(t, teacher, files(), 'scan.pdf', pngBytes(), 'application/pdf');
    expect(renamed.json()).toMatchObject({ mimeType: 'image/png', fileName: 'scan.pdf.png' });
  });

  it('refuses a file of 20 MB and one byte with 413, recording and storing nothing', async () => {
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20);
    pdfBytes().copy(big);
    await expectNothingStored(() => upload(t, teacher, files(), 'big.pdf', big, 'application/pdf'), 413, 'attachment.too_large');
  });

  it('refuses executables, scripts, HTML, SVG and other types with 415, recording and storing nothing', async () => {
    const forbidden: [string, Buffer][] = [
      ['program.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)])],
      ['homework.pdf', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')],
      ['page.txt', Buffer.from('  <html><body>hi</body></html>')],
      ['picture.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['run.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['archive.docx', zipBytes({ 'virus.exe': 'MZ' })],
      ['binary.txt', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe])],
      ['elf.pdf', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100)])],
    ];
    for (const [name, bytes] of forbidden) {
      await expectNothingStored(() => upload(t, teacher, files(), name, bytes, 'application/pdf'), 415, 'attachment.forbidden_type');
    }
  });

  it('refuses an empty file or a request without a file with 400', async () => {
    await expectNothingStored(() => upload(t, teacher, files(), 'empty.pdf', Buffer.alloc(0)), 400, 'attachment.empty');
    await expectNothingStored(() => as(t.app, teacher).post(files(), { file: 'not a file' }), 400, 'attachment.no_file');
  });

  it('lets only the lesson\'s teacher upload: 401, 403, 404 to others, storing nothing', async () => {
    const pdf = pdfBytes();
    await expectNothingStored(() => upload(t, null, files(), 'a.pdf', pdf), 401, 'auth.required');
    await expectNothingStored(() => upload(t, schoolActor(w.schoolId, 'deputy'), files(), 'a.pdf', pdf), 403, 'journal.read_only');
    await expectNothingStored(() => upload(t, schoolActor(w.schoolId, 'student', w.students.antonov.id), files(), 'a.pdf', pdf), 404, 'homework.not_found');
    await expectNothingStored(() => upload(t, schoolActor(w.otherSchoolId, 'admin'), files(), 'a.pdf', pdf), 404, 'homework.not_found');
    await expectNothingStored(() => upload(t, teacher, files(unknownId), 'a.pdf', pdf), 404, 'homework.not_found');
  });
});

describe('downloading and removing a file', () => {
  let fileId: string;
  let individualFileId: string;
  let mother: Actor;
  let otherParent: Actor;
  beforeAll(async () => {
    fileId = (await upload(t, teacher, files(), 'lesson.pdf', pdfBytes())).json().id;
    individualFileId = (await upload(t, teacher, files(individualId), 'card.pdf', pdfBytes())).json().id;
    const g1 = await createGuardian(t.database.db, w.schoolId);
    await linkGuardian(t.database.db, w.schoolId, w.students.antonov.id, g1.id);
    const g2 = await createGuardian(t.database.db, w.schoolId);
    await linkGuardian(t.database.db, w.schoolId, w.students.pupilB.id, g2.id);
    mother = schoolActor(w.schoolId, 'guardian', g1.id);
    otherParent = schoolActor(w.schoolId, 'guardian', g2.id);
  });

  it('serves those who may read the homework and hides it (404) from everyone else', async () => {
    const get = (actor: Actor | null, hw: string, id: string) => as(t.app, actor).get(files(hw) + `/${id}`);
    for (const actor of [mother, schoolActor(w.schoolId, 'teacher', w.classTeacher.id), schoolActor(w.schoolId, 'director')]) {
      expect((await get(actor, homeworkId, fileId)).statusCode).toBe(200);
    }
    expect((await get(mother, individualId, individualFileId)).statusCode).toBe(200);
    expect((await get(schoolActor(w.schoolId, 'student', w.students.borisova.id), individualId, individualFileId)).statusCode).toBe(404);
    expect((await get(otherParent, homeworkId, fileId)).statusCode).toBe(404);
    expect((await get(schoolActor(w.schoolId, 'teacher', w.stranger.id), homeworkId, fileId)).statusCode).toBe(404);
    expect((await get(schoolActor(w.otherSchoolId, 'admin'), homeworkId, fileId)).statusCode).toBe(404);
    expect((await get(mother, homeworkId, individualFileId)).statusCode).toBe(404);
    expect((await get(mother, homeworkId, unknownId)).statusCode).toBe(404);
    expect((await get(null, homeworkId, fileId)).statusCode).toBe(401);
  });

  it('removes softly: the record stays marked deleted, the file is no longer served or listed', async () => {
    const before = await attachmentCount(t.database.db, w.schoolId);
    expect((await as(t.app, mother).delete(files() + `/${fileId}`)).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(w.schoolId, 'admin')).delete(files() + `/${fileId}`)).statusCode).toBe(403);
    const res = await as(t.app, teacher).delete(files() + `/${fileId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await attachmentCount(t.database.db, w.schoolId)).toBe(before);
    expect((await homeworkRows(t.database.db, w.schoolId)).attachments.find((a) => a.id === fileId)).toMatchObject({ deleted: true });
    expect((await as(t.app, mother).get(files() + `/${fileId}`)).statusCode).toBe(404);
    expect((await as(t.app, teacher).delete(files() + `/${fileId}`)).statusCode).toBe(404);
    const hw = (await as(t.app, teacher).get(url(`/homework/${homeworkId}`))).json();
    expect(hw.attachments.map((a: { id: string }) => a.id)).not.toContain(fileId);
  });

  it('refuses uploads and removals in a closed period with 409, storing nothing', async () => {
    await closePeriod(t.database.db, w.schoolId, w.q1.id);
    await expectNothingStored(() => upload(t, teacher, files(), 'late.pdf', pdfBytes()), 409, 'journal.period_closed');
    await expectNothingStored(() => as(t.app, teacher).delete(files(individualId) + `/${individualFileId}`), 409, 'journal.period_closed');
  });
});
