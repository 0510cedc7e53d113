import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/factories/accounts.ts';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { TEST_SECRET_KEY, totpCode } from '../../../tests/factories/totp.ts';
import { as, platformAdmin, schoolActor } from '../../../tests/support/testApp.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type App, buildApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { securityEvents } from '../db/schema/accounts.ts';
import type { Actor } from '../policy/policy.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';

let database: Database;
let app: App;
let schoolId: string;
let dirs: string[];
let totpAdmin: Actor;
let clock = new Date('2026-12-07T09:00:00Z');
const temp = () => mkdtemp(path.join(tmpdir(), 'klassny-backup-api-'));

beforeAll(async () => {
  database = await createTestDatabase();
  dirs = [await temp(), await temp()];
  app = await buildApp({
    database, testActors: true, now: () => clock, secretKey: TEST_SECRET_KEY, webRoot: null, storage: localDiskStorage(await temp()),
    backups: { dirs, sameDisk: false, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60 },
  });
  await app.ready();
  schoolId = (await createSchool(database.db)).school.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const url = () => `/api/v1/schools/${schoolId}/backups`;

/** A real administrator account of the school, with TOTP enrolled and confirmed. */
async function adminWithTotp() {
  const account = await createUser(database.db, { roles: [{ schoolId, role: 'admin' }] });
  const actor: Actor = { userId: account.user.id, platformAdmin: false, roles: [{ schoolId, role: 'admin', personId: null }] };
  const started = await as(app, actor).post('/api/v1/me/totp');
  expect(started.statusCode).toBe(201);
  const secret = started.json().secret as string;
  expect((await as(app, actor).post('/api/v1/me/totp/confirm', { code: totpCode(secret, clock) })).statusCode).toBe(200);
  clock = new Date(clock.getTime() + 30_000);
  return { actor, secret };
}

const events = (kind: string) => database.db.select().from(securityEvents)
  .where(and(eq(securityEvents.kind, kind as 'backup.downloaded'), eq(securityEvents.schoolId, schoolId)));

describe('«Резервные копии»', () => {
  it('shows the destinations with free space, makes a copy now and lists it verified', async () => {
    const admin = schoolActor(schoolId, 'admin');
    const before = await as(app, admin).get(url());
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ sameDisk: false, overdue: true, copies: [], lastGoodAt: null });
    expect(before.json().destinations).toHaveLength(2);
    expect(before.json().destinations[0].freeBytes).toBeGreaterThan(0);

    const made = await as(app, admin).post(url());
    expect(made.statusCode).toBe(200);
    const overview = made.json();
    expect(overview.copies).toHaveLength(2);
    expect(overview.copies.every((c: { outcome: string; verifiedAt: string | null }) => c.outcome === 'ok' && c.verifiedAt)).toBe(true);
    expect(overview).toMatchObject({ overdue: false, destinationFailed: false });
    for (const dir of dirs) expect(await readdir(dir)).toEqual([overview.copies[0].fileName]);
  });

  it('refuses the teacher, the deputy and the director (403) and no one signed in (401)', async () => {
    for (const role of ['teacher', 'deputy', 'director'] as const) {
      expect((await as(app, schoolActor(schoolId, role)).get(url())).statusCode).toBe(403);
      expect((await as(app, schoolActor(schoolId, role)).post(url())).statusCode).toBe(403);
    }
    expect((await as(app, null).get(url())).statusCode).toBe(401);
  });

  it('downloads a copy only with a current code of the administrator\'s second factor, and logs it', async () => {
    const admin = schoolActor(schoolId, 'admin');
    const copy = (await as(app, admin).get(url())).json().copies[0] as { id: string; fileName: string; bytes: number };
    const download = `${url()}/${copy.id}/download`;
    // An administrator without a second factor is told to turn it on.
    const without = await as(app, admin).post(download, { code: '123456' });
    expect(without.statusCode).toBe(409);
    expect(without.json().error.code).toBe('backup.totp_required');

    const { actor, secret } = await adminWithTotp();
    totpAdmin = actor;
    expect((await as(app, actor).get('/api/v1/me')).json().permissions[schoolId]).toContain('backup.manage');
    expect((await as(app, actor).post(download, {})).statusCode).toBe(400);
    const good = totpCode(secret, clock);
    const wrong = good === '000000' ? '000001' : '000000';
    const refused = await as(app, actor).post(download, { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('backup.invalid_code');
    expect(await events('backup.downloaded')).toEqual([]);
    expect(await events('backup.download_refused')).toHaveLength(1);

    const res = await as(app, actor).post(download, { code: good });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(copy.fileName);
    expect(res.rawPayload.length).toBe(copy.bytes);
    const [logged] = await events('backup.downloaded');
    expect(logged).toMatchObject({ userId: actor.userId, details: { file: copy.fileName, with: 'totp' } });
    // The same code again is refused: it is used up, as at sign-in.
    expect((await as(app, actor).post(download, { code: good })).statusCode).toBe(400);
    expect((await as(app, actor).post(`${url()}/00000000-0000-7000-8000-000000000000/download`, { code: good })).statusCode).toBe(404);
  });

  it('lets the platform operator in, and not a school\'s admin once the server holds a second school', async () => {
    const other = (await createSchool(database.db)).school.id;
    expect((await as(app, schoolActor(other, 'admin')).get(url())).statusCode).toBe(404);
    expect((await as(app, platformAdmin()).get(url())).statusCode).toBe(200);
    const res = await as(app, schoolActor(schoolId, 'admin')).get(url());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('backup.other_schools');
    // The menu no longer offers the screen to him.
    expect((await as(app, totpAdmin).get('/api/v1/me')).json().permissions[schoolId]).not.toContain('backup.manage');
  });
});
