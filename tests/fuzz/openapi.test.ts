import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/client.ts';
import { outboxMailer } from '../../src/server/mail/mailer.ts';
import { localDiskStorage } from '../../src/server/storage/fileStorage.ts';
import { journalWorld } from '../factories/journal.ts';
import { createTestDatabase } from '../support/testDatabase.ts';
import { platformAdmin, schoolActor } from '../support/testApp.ts';
import { type FuzzActor, runFuzz, type World } from './openApiFuzz.ts';

// `npm run fuzz` sets FUZZ_REQUESTS (≥ 50,000) and may set FUZZ_SEED; `npm test` runs one round.
const total = Number(process.env.FUZZ_REQUESTS ?? 0);
const seed = Number(process.env.FUZZ_SEED ?? 16);

let database: Database;
let app: App;
let world: World;
let actors: FuzzActor[];

beforeAll(async () => {
  database = await createTestDatabase();
  // Whatever the fuzzer makes the app write (mail, files, backups) goes to a temporary folder.
  const scratch = mkdtempSync(path.join(tmpdir(), 'klassny-fuzz-'));
  app = await buildApp({
    database, testActors: true, webRoot: null, mailer: outboxMailer(path.join(scratch, 'outbox')), storage: localDiskStorage(path.join(scratch, 'files')),
    archiveKeys: { dir: path.join(scratch, 'keys') },
    backups: { dirs: [path.join(scratch, 'backups')], sameDisk: true, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60 },
  });
  await app.ready();
  const w = await journalWorld(database.db);
  const lesson = await w.lesson('2025-10-06');
  world = {
    schoolId: w.schoolId,
    ids: {
      id: lesson.id, lessonId: lesson.id, studentId: w.students.antonov.id, staffId: w.teacher.id, teacherId: w.teacher.id, personId: w.teacher.id,
      classId: w.classA.id, groupId: w.classA.groupId!, subjectId: w.maths.id, yearId: w.year.id, periodId: w.q1.id,
    },
  };
  actors = [
    { name: 'anonymous', actor: null },
    { name: 'teacher', actor: schoolActor(w.schoolId, 'teacher', w.teacher.id) },
    { name: 'admin', actor: schoolActor(w.schoolId, 'admin') },
    { name: 'platform admin', actor: platformAdmin() },
  ];
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

it('answers every operation × bad inputs × caller without a 5xx and without internals in any body', async () => {
  const started = performance.now();
  const result = await runFuzz(app, world, actors, total ? { seed, total } : { seed, rounds: 1 });
  console.log(`fuzz (${inject('database')}): seed ${seed}, ${result.requests} requests, by status ${JSON.stringify(result.byStatus)}, ${result.findings.length} findings, ${Math.round(performance.now() - started)} ms`);
  expect(result.findings.slice(0, 20)).toEqual([]);
}, total ? 3_600_000 : 120_000);
