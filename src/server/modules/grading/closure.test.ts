import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesOf } from '../../../../tests/factories/audit.ts';
import { buildGradingWorld, gradingCount, type GradingWorld, periodMarkRows } from '../../../../tests/factories/grading.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { makeClass, unknownId } from '../../../../tests/factories/structure.ts';
import { createYear } from '../../../../tests/factories/calendar.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { AppError } from '../../errors.ts';
import { assertJournalOpen } from './locks.ts';

let t: TestContext;
let w: GradingWorld;
let otherSchool: { schoolId: string; groupId: string };
let clock = new Date('2025-10-27T09:00:00Z');
const HOUR = 3_600_000;
const base = () => `/api/v1/schools/${w.schoolId}/periods`;
const reopenBody = (extra: Record<string, unknown> = {}) => ({
  groupId: w.groupId, subjectId: w.math.id, fromDate: '2025-10-01', toDate: '2025-10-24', reason: 'Исправление ошибки в отметке за контрольную', hours: 2, ...extra,
});
const q1Mark = (value: string) => ({ groupId: w.groupId, subjectId: w.math.id, periodId: w.q1.id, studentId: w.students[0]!.id, value });
const setMark = (value: string) => as(t.app, w.actors.math).put(`/api/v1/schools/${w.schoolId}/period-marks`, q1Mark(value));
const cell = (date: string, subjectId = w.math.id) => ({ schoolId: w.schoolId, groupId: w.groupId, subjectId, date });
async function journalRefusal(date: string, subjectId?: string) {
  try {
    await assertJournalOpen(t.database.db, cell(date, subjectId), clock);
    return null;
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : String(error);
  }
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  w = await buildGradingWorld(t.database.db);
  const other = (await createSchool(t.database.db)).school.id;
  const year = await createYear(t.database.db, other, { startYear: 2025, status: 'open' });
  otherSchool = { schoolId: other, groupId: (await makeClass(t.database.db, other, year.id, 5, 'Б')).groupId };
});
afterAll(async () => { await t.close(); });

describe('closing a period', () => {
  it('shows an open period as open', async () => {
    const res = await as(t.app, w.actors.math).get(`${base()}/${w.q1.id}/closure`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ periodId: w.q1.id, closed: false, closedAt: null, closedBy: null, reopenings: [] });
  });

  it('is refused to teachers, strangers and other schools, changing nothing', async () => {
    for (const [actor, status] of [
      [w.actors.math, 403], [w.actors.classTeacher, 403], [w.actors.student, 403], [schoolActor(otherSchool.schoolId, 'admin'), 404], [null, 401],
    ] as const) {
      expect((await as(t.app, actor).post(`${base()}/${w.q1.id}/close`)).statusCode).toBe(status);
    }
    expect((await as(t.app, w.actors.student).get(`${base()}/${w.q1.id}/closure`)).statusCode).toBe(403);
    expect(await gradingCount(t.database.db, 'periodClosures', w.schoolId)).toBe(0);
  });

  it('answers 404 for an unknown period and 400 for a malformed one', async () => {
    expect((await as(t.app, w.actors.deputy).post(`${base()}/${unknownId}/close`)).statusCode).toBe(404);
    expect((await as(t.app, w.actors.deputy).get(`${base()}/${unknownId}/closure`)).statusCode).toBe(404);
    expect((await as(t.app, w.actors.deputy).post(`${base()}/12/close`)).statusCode).toBe(400);
    expect(await gradingCount(t.database.db, 'periodClosures', w.schoolId)).toBe(0);
  });

  it('lets the deputy close it, once', async () => {
    expect((await setMark('5')).statusCode).toBe(200);
    const res = await as(t.app, w.actors.deputy).post(`${base()}/${w.q1.id}/close`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ periodId: w.q1.id, closed: true, closedAt: clock.toISOString(), closedBy: w.actors.deputy.userId, reopenings: [] });
    const again = await as(t.app, w.actors.admin).post(`${base()}/${w.q1.id}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('period.already_closed');
    expect(await gradingCount(t.database.db, 'periodClosures', w.schoolId)).toBe(1);
    expect((await as(t.app, w.actors.math).get(`${base()}/${w.q1.id}/closure`)).json().closed).toBe(true);
  });

  it('locks the period\'s marks and journal for teachers, and leaves the next period open', async () => {
    const res = await setMark('4');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('journal.period_closed');
    expect((await periodMarkRows(t.database.db, w.schoolId))[0]).toMatchObject({ value: '5', version: 1 });
    expect(await journalRefusal('2025-10-01')).toBe('409 journal.period_closed');
    expect(await journalRefusal('2025-11-10')).toBeNull();
    const sheet = await as(t.app, w.actors.math).get(`/api/v1/schools/${w.schoolId}/period-marks?groupId=${w.groupId}&subjectId=${w.math.id}&periodId=${w.q1.id}`);
    expect(sheet.json().closed).toBe(true);
  });
});

describe('reopening a closed period', () => {
  it('is refused to teachers, the admin and other schools', async () => {
    for (const [actor, status] of [
      [w.actors.math, 403], [w.actors.admin, 403], [schoolActor(otherSchool.schoolId, 'deputy'), 404], [null, 401],
    ] as const) {
      expect((await as(t.app, actor).post(`${base()}/${w.q1.id}/reopen`, reopenBody())).statusCode).toBe(status);
    }
    expect(await gradingCount(t.database.db, 'periodReopenings', w.schoolId)).toBe(0);
  });

  it.each([
    ['no reason', () => reopenBody({ reason: undefined }), 'reason'],
    ['a blank reason', () => reopenBody({ reason: '   ' }), 'reason'],
    ['a range ending after the period', () => reopenBody({ toDate: '2025-11-10' }), 'toDate'],
    ['a range starting before the period', () => reopenBody({ fromDate: '2025-08-20' }), 'fromDate'],
    ['a range that ends before it starts', () => reopenBody({ fromDate: '2025-10-10', toDate: '2025-10-01' }), 'toDate'],
    ['a malformed date', () => reopenBody({ fromDate: '01.10.2025' }), 'fromDate'],
    ['0 hours', () => reopenBody({ hours: 0 }), 'hours'],
    ['more than a week', () => reopenBody({ hours: 169 }), 'hours'],
    ['fractional hours', () => reopenBody({ hours: 1.5 }), 'hours'],
    ['no hours', () => reopenBody({ hours: undefined }), 'hours'],
    ['no group', () => reopenBody({ groupId: undefined }), 'groupId'],
    ['an unknown group', () => reopenBody({ groupId: unknownId }), 'groupId'],
    ['a group of another school', () => reopenBody({ groupId: otherSchool.groupId }), 'groupId'],
    ['an unknown subject', () => reopenBody({ subjectId: unknownId }), 'subjectId'],
  ])('refuses %s with 400 and opens nothing', async (_name, body, field) => {
    const res = await as(t.app, w.actors.deputy).post(`${base()}/${w.q1.id}/reopen`, body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty([field]);
    expect(await gradingCount(t.database.db, 'periodReopenings', w.schoolId)).toBe(0);
  });

  it('answers 409 for a period that is not closed', async () => {
    const res = await as(t.app, w.actors.deputy).post(`${base()}/${w.q2.id}/reopen`, reopenBody({ fromDate: '2025-11-10', toDate: '2025-11-20' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('period.not_closed');
    expect(await gradingCount(t.database.db, 'periodReopenings', w.schoolId)).toBe(0);
  });

  it('opens the group\'s subject for the named lessons until it expires, then locks again', async () => {
    const res = await as(t.app, w.actors.director).post(`${base()}/${w.q1.id}/reopen`, reopenBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      periodId: w.q1.id, groupId: w.groupId, subjectId: w.math.id, fromDate: '2025-10-01', toDate: '2025-10-24',
      reason: 'Исправление ошибки в отметке за контрольную', openedBy: w.actors.director.userId,
      openedAt: clock.toISOString(), expiresAt: new Date(clock.getTime() + 2 * HOUR).toISOString(),
    });
    const closure = (await as(t.app, w.actors.math).get(`${base()}/${w.q1.id}/closure`)).json();
    expect(closure.reopenings).toEqual([res.json()]);

    const first = await setMark('4');
    expect(first.statusCode, first.body).toBe(409); // no version: the mark exists
    const changed = await as(t.app, w.actors.math).put(`/api/v1/schools/${w.schoolId}/period-marks`, { ...q1Mark('4'), version: 1 });
    expect(changed.statusCode).toBe(200);
    expect(await journalRefusal('2025-10-01')).toBeNull();
    expect(await journalRefusal('2025-09-15')).toBe('409 journal.period_closed');
    expect(await journalRefusal('2025-10-01', w.russian.id)).toBe('409 journal.period_closed');

    clock = new Date(clock.getTime() + 2 * HOUR - 1000);
    expect(await journalRefusal('2025-10-01')).toBeNull();
    clock = new Date(clock.getTime() + 1000);
    expect(await journalRefusal('2025-10-01')).toBe('409 journal.period_closed');
    const late = await as(t.app, w.actors.math).put(`/api/v1/schools/${w.schoolId}/period-marks`, { ...q1Mark('3'), version: 2 });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('journal.period_closed');
    expect((await as(t.app, w.actors.math).get(`${base()}/${w.q1.id}/closure`)).json().reopenings).toEqual([]);
  });

  it('reopens every subject of the group when no subject is named', async () => {
    const res = await as(t.app, w.actors.deputy).post(`${base()}/${w.q1.id}/reopen`, reopenBody({ subjectId: undefined, hours: 1 }));
    expect(res.statusCode).toBe(201);
    expect(res.json().subjectId).toBeNull();
    expect(await journalRefusal('2025-10-01', w.russian.id)).toBeNull();
  });

  it('writes every close and reopen to the audit log, with the reason', async () => {
    const entries = await entriesOf(t.database.db, w.schoolId);
    const closes = entries.filter((e) => e.entity === 'period_closures');
    const reopens = entries.filter((e) => e.entity === 'period_reopenings');
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ operation: 'insert', actorUserId: w.actors.deputy.userId, entityId: w.q1.id });
    expect(reopens).toHaveLength(2);
    expect(reopens[0]).toMatchObject({ operation: 'insert', actorUserId: w.actors.director.userId, reason: 'Исправление ошибки в отметке за контрольную' });
    expect(entries.filter((e) => e.entity === 'period_marks').length).toBeGreaterThanOrEqual(2);
  });
});
