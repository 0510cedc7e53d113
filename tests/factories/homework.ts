import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { asc, count, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/client.ts';
import { attachments, homework, homeworkStudents } from '../../src/server/db/schema/homework.ts';
import { TEST_ACTOR_HEADER } from '../../src/server/plugins/actor.ts';
import type { Actor } from '../../src/server/policy/policy.ts';
import { localDiskStorage } from '../../src/server/storage/fileStorage.ts';
import type { TestContext } from '../support/testApp.ts';
import { createTestDatabase } from '../support/testDatabase.ts';

/** The real app on a private database, storing files in a private temp folder (`filesDir`). */
export async function createHomeworkApp(options: { now?: () => Date } = {}): Promise<TestContext & { filesDir: string }> {
  const filesDir = await mkdtemp(path.join(tmpdir(), 'klassny-files-'));
  const database = await createTestDatabase();
  const app = await buildApp({ database, testActors: true, now: options.now, storage: localDiskStorage(filesDir) });
  await app.ready();
  return {
    app,
    database,
    filesDir,
    async close() {
      await app.close();
      await database.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** Every file under the storage folder (temp files included): a refused upload must leave none. */
export async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** The homework, chosen-student and attachment rows of a school, to compare around a refused write. */
export async function homeworkRows(db: Db, schoolId: string) {
  return {
    homework: await db.select().from(homework).where(eq(homework.schoolId, schoolId)).orderBy(asc(homework.id)),
    students: await db.select().from(homeworkStudents).where(eq(homeworkStudents.schoolId, schoolId))
      .orderBy(asc(homeworkStudents.homeworkId), asc(homeworkStudents.studentId)),
    attachments: await db.select().from(attachments).where(eq(attachments.schoolId, schoolId)).orderBy(asc(attachments.id)),
  };
}

export const attachmentCount = async (db: Db, schoolId: string) =>
  (await db.select({ n: count() }).from(attachments).where(eq(attachments.schoolId, schoolId)))[0]!.n;

/** A multipart/form-data body with one file in the field `file`, as a browser's form sends it. */
export function multipart(fileName: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----klassny${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** POSTs a file as `actor`. */
export function upload(ctx: TestContext, actor: Actor | null, url: string, fileName: string, bytes: Buffer, contentType?: string) {
  const body = multipart(fileName, bytes, contentType);
  const options: InjectOptions = { method: 'POST', url, payload: body.payload, headers: { ...body.headers } };
  if (actor) options.headers![TEST_ACTOR_HEADER] = JSON.stringify(actor);
  return ctx.app.inject(options);
}

/** A small valid PDF (one empty page). */
export const pdfBytes = () => Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A 1×1 red PNG. */
export function pngBytes(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A zip archive of stored (uncompressed) entries: office documents are zip containers. */
export function zipBytes(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt32BE(0, 2); // flags, method = stored
    common.writeUInt32LE(0, 6); // time, date
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(fileName.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, fileName, data]);
    const central = Buffer.alloc(46 + fileName.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    fileName.copy(central, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal Word document: the container's content types name a wordprocessing main part. */
export const docxBytes = () => zipBytes({
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<w:document/>',
});
