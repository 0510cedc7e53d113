import { createHash, randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { attachments, homework } from '../../src/server/db/schema/homework.ts';
import { generateDistrict } from '../../src/server/demo/district.ts';
import type { FileStorage } from '../../src/server/storage/fileStorage.ts';

/**
 * A realistic school to back up: the demo school (seed 7: people, timetable, lessons, marks,
 * homework, the audit log) with two homework attachments in `storage`, written as the system in a
 * transaction of their own (so the log holds per-row entries too).
 */
export async function schoolToBackUp(db: Db, storage: FileStorage): Promise<{ schoolId: string; fileKeys: string[] }> {
  const summary = await generateDistrict(db, { schools: 1, seed: 7 });
  const schoolId = summary.schools[0]!.id;
  const fileKeys = await attachFiles(db, storage, schoolId, 2);
  return { schoolId, fileKeys };
}

/** Stores `n` files and attaches them to the school's first homework. */
export async function attachFiles(db: Db, storage: FileStorage, schoolId: string, n: number): Promise<string[]> {
  const [first] = await db.select({ id: homework.id }).from(homework).where(eq(homework.schoolId, schoolId)).orderBy(asc(homework.id)).limit(1);
  const files = Array.from({ length: n }, (_, i) => ({ key: `${schoolId}/2026/${newId()}`, bytes: randomBytes(2000 + i) }));
  for (const f of files) await storage.put(f.key, f.bytes);
  await db.transaction((tx) => tx.insert(attachments).values(files.map((f, i) => ({
    id: newId(), schoolId, homeworkId: first!.id, fileName: `Задание ${i + 1}.pdf`, mimeType: 'application/pdf',
    size: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex'), storageKey: f.key,
  }))));
  return files.map((f) => f.key);
}
