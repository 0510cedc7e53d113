import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownId } from '../../../tests/factories/structure.ts';
import { closedYearWorld } from '../../../tests/factories/yearArchive.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../tests/support/testApp.ts';
import { verifyYearArchive } from './archiveVerify.ts';

let t: TestContext;
let w: Awaited<ReturnType<typeof closedYearWorld>>;
let work: string;
const url = (yearId: string, schoolId = w.schoolId) => `/api/v1/schools/${schoolId}/academic-years/${yearId}/archive.tar`;

beforeAll(async () => {
  t = await createTestApp();
  w = await closedYearWorld(t.database.db);
  work = mkdtempSync(path.join(tmpdir(), 'klassny-archive-api-'));
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('GET /schools/:schoolId/academic-years/:id/archive.tar', () => {
  it('gives the administrator the signed archive of a closed year as one .tar that verifies offline', async () => {
    const res = await as(t.app, schoolActor(w.schoolId, 'admin')).get(url(w.year.id));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="klassny-archive-.+\.tar"; filename\*=UTF-8''/);
    const file = path.join(work, 'download.tar');
    writeFileSync(file, res.rawPayload);
    const verdict = await verifyYearArchive(file);
    expect(verdict.lines[0]).toBe(`Архив цел: ${w.school.name}, учебный год ${w.year.name}`);
    expect(verdict.ok).toBe(true);
  });

  it('refuses a year not closed with 409, an unknown year with 404 and a malformed id with 400', async () => {
    const admin = as(t.app, schoolActor(w.schoolId, 'admin'));
    const open = await admin.get(url(w.planningYear.id));
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe('archive.year_not_closed');
    expect((await admin.get(url(unknownId))).statusCode).toBe(404);
    expect((await admin.get(url(w.otherOpenYear.id))).statusCode).toBe(404);
    expect((await admin.get(url('год-2026'))).statusCode).toBe(400);
  });

  it('is the administrator\'s only: the director, a teacher and a student get 403, another school\'s admin 404, no session 401', async () => {
    for (const role of ['director', 'deputy', 'teacher', 'student', 'guardian'] as const) {
      expect((await as(t.app, schoolActor(w.schoolId, role)).get(url(w.year.id))).statusCode, role).toBe(403);
    }
    expect((await as(t.app, schoolActor(w.otherSchoolId, 'admin')).get(url(w.year.id))).statusCode).toBe(404);
    expect((await as(t.app, null).get(url(w.year.id))).statusCode).toBe(401);
  });
});
