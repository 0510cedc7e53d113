import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tamper } from '../../../tests/factories/audit.ts';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../tests/support/testApp.ts';
import { jobRuns } from '../db/schema/jobs.ts';
import { JobRunner } from './runner.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });
const db = () => t.database.db;

/** A school in Moscow with three audit entries: a room created, renamed and deleted by its admin. */
async function schoolWithHistory() {
  const { school } = await createSchool(db());
  await db().execute(sql`update schools set time_zone = 'Europe/Moscow' where id = ${school.id}`);
  const admin = schoolActor(school.id, 'admin');
  const url = `/api/v1/schools/${school.id}`;
  const id = (await as(t.app, admin).post(`${url}/rooms`, { name: '101', capacity: 30 })).json().id as string;
  expect((await as(t.app, admin).patch(`${url}/rooms/${id}`, { name: '102' })).statusCode).toBe(200);
  expect((await as(t.app, admin).delete(`${url}/rooms/${id}`)).statusCode).toBe(200);
  return { schoolId: school.id, admin, url };
}

/** The weekly job as the server runs it: the registry's own jobs, Sunday 03:15 Moscow time. */
async function runSundayCheck() {
  const runner = new JobRunner({ database: t.database, now: () => new Date('2026-12-06T00:15:00Z') });
  try {
    return await runner.tick();
  } finally {
    await runner.stop();
  }
}

/** What the school's administrator sees in «Журнал безопасности». */
async function securityLog(s: { admin: ReturnType<typeof schoolActor>; url: string }, kind: string) {
  const res = await as(t.app, s.admin).get(`${s.url}/security-events?kind=${kind}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as { kind: string; schoolId: string; details: Record<string, unknown> }[];
}

describe('the weekly audit check', () => {
  it('writes an intact chain into the school\'s security log with the number of entries checked', async () => {
    const s = await schoolWithHistory();
    const { runs } = await runSundayCheck();
    expect(runs.find((r) => r.schoolId === s.schoolId)).toMatchObject({
      job: 'audit-verify', scheduledFor: new Date('2026-12-06T00:00:00Z'), outcome: 'ok', details: { entries: 3, intact: true },
    });
    expect(await securityLog(s, 'audit.verified')).toEqual([expect.objectContaining({ schoolId: s.schoolId, details: { entries: 3 } })]);
    expect(await securityLog(s, 'audit.verify_failed')).toEqual([]);
  });

  it('writes a tampered chain into the school\'s security log with the first broken entry, as a finding, not a failed run', async () => {
    const s = await schoolWithHistory();
    await tamper(db(), sql`update audit_entries set after = jsonb_set(after, '{name}', '"999"') where school_id = ${s.schoolId} and seq = 2`);
    await runSundayCheck();
    const [event] = await securityLog(s, 'audit.verify_failed');
    expect(event).toMatchObject({ schoolId: s.schoolId, details: { entries: 3, seq: 2, entity: 'rooms', reason: 'hash' } });
    expect(event!.details.entryAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await securityLog(s, 'audit.verified')).toEqual([]);
    expect(await securityLog(s, 'job.failed')).toEqual([]);
    const rows = await db().select().from(jobRuns).where(and(eq(jobRuns.job, 'audit-verify'), eq(jobRuns.schoolId, s.schoolId)));
    expect(rows.map((r) => [r.attempt, r.outcome, r.details])).toEqual([[1, 'ok', { entries: 3, intact: false, brokenSeq: 2, problem: 'hash' }]]);
  });

  it('checks each school once a week: a second pass in the same week writes nothing new', async () => {
    const s = await schoolWithHistory();
    await runSundayCheck();
    expect((await runSundayCheck()).runs.filter((r) => r.schoolId === s.schoolId)).toEqual([]);
    expect(await securityLog(s, 'audit.verified')).toHaveLength(1);
  });
});
