import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../tests/factories/accounts.ts';
import { browserSession, dbNow, entriesOf } from '../../../../tests/factories/audit.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from '../../../../tests/factories/people.ts';
import { admit, insertYear, makeClass } from '../../../../tests/factories/structure.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { runAuditVerify } from '../../../cli/commands/audit.ts';
import { newId } from '../../db/ids.ts';
import { securityEvents, users } from '../../db/schema/accounts.ts';
import { auditReviews, compromiseReports } from '../../db/schema/audit.ts';
import { classes, rooms } from '../../db/schema/structure.ts';
import { REVERT_REASON } from './compromiseService.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });
const db = () => t.database.db;

type Change = { seq: number; entity: string; operation: string; entityId: string; status: string };

/** A school whose journal administrator (a teacher who also holds the admin role) is signed in with a real cookie. */
async function compromisedSchool() {
  const { school } = await createSchool(db());
  const url = `/api/v1/schools/${school.id}`;
  const admin = schoolActor(school.id, 'admin');
  const year = await insertYear(db(), school.id, { status: 'open' });
  const person = await createStaff(db(), school.id);
  const account = await createUser(db(), {
    roles: [{ schoolId: school.id, role: 'teacher', personId: person.id }, { schoolId: school.id, role: 'admin', personId: person.id }],
  });
  const room = async (name: string) => (await as(t.app, admin).post(`${url}/rooms`, { name })).json().id as string;
  const roomIds = { a: await room('А'), b: await room('Б'), c: await room('В') };
  const browser = browserSession(t.app);
  expect((await browser.login(account.login, account.password)).statusCode).toBe(200);
  return { school, url, admin, year, account, browser, roomIds };
}

/** T: just after the newest entry of the school, once the database clock has passed it. */
async function momentAfterLastEntry(schoolId: string) {
  const last = (await entriesOf(db(), schoolId)).at(-1)!;
  const moment = new Date(last.at.getTime() + 1);
  while ((await dbNow(db())) <= moment) { /* the next entries must be stamped after T */ }
  return moment;
}

const roomRow = async (schoolId: string, id: string) =>
  (await db().select().from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))))[0];

describe('a compromised login, end to end (seed 003, 4.3–4.4)', () => {
  it('ends the sessions, locks the account, voids exactly the changes after T, and reverts or confirms each', async () => {
    const s = await compromisedSchool();
    const { a, b, c } = s.roomIds;
    expect((await s.browser.patch(`${s.url}/rooms/${a}`, { name: 'А-до' })).statusCode).toBe(200);
    const since = await momentAfterLastEntry(s.school.id);

    expect((await s.browser.patch(`${s.url}/rooms/${a}`, { name: 'А-взлом' })).statusCode).toBe(200);
    const made = await s.browser.post(`${s.url}/classes`, { academicYearId: s.year.id, grade: 5, letter: 'Я' });
    expect(made.statusCode).toBe(201);
    const { id: classId, groupId } = made.json();
    expect((await s.browser.delete(`${s.url}/rooms/${b}`)).statusCode).toBe(200);
    expect((await s.browser.patch(`${s.url}/rooms/${c}`, { note: 'новая заметка' })).statusCode).toBe(200);

    const reported = await as(t.app, s.admin).post(`${s.url}/accounts/${s.account.user.id}/compromise`, {
      since: since.toISOString(), note: 'Пароль записан на доске в учительской',
    });
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({
      userId: s.account.user.id, userName: s.account.user.displayName, reportedBy: s.admin.userId, since: since.toISOString(),
      endedSessions: 1, entries: { void: 5, reverted: 0, confirmed: 0 },
    });
    const reportUrl = `${s.url}/compromise-reports/${reported.json().id}`;

    expect((await s.browser.get('/api/v1/me')).statusCode).toBe(401);
    const again = await s.browser.login(s.account.login, s.account.password);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toContain('заблокирована');
    const [locked] = await db().select().from(users).where(eq(users.id, s.account.user.id));
    expect(locked!.lockedAt).not.toBeNull();
    const events = await db().select().from(securityEvents).where(eq(securityEvents.userId, s.account.user.id));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['account.locked', 'session.ended']));
    expect(events.find((e) => e.kind === 'account.locked')!.details).toMatchObject({ reason: 'compromised', voidedChanges: 5 });

    const detail = (await as(t.app, s.admin).get(reportUrl)).json();
    const changes = detail.changes as Change[];
    expect(changes.map((ch) => [ch.entity, ch.operation, ch.entityId, ch.status])).toEqual([
      ['rooms', 'update', a, 'void'], ['classes', 'insert', classId, 'void'], ['teaching_groups', 'insert', groupId, 'void'],
      ['rooms', 'delete', b, 'void'], ['rooms', 'update', c, 'void'],
    ]);
    expect(changes[0]).toMatchObject({ before: expect.objectContaining({ name: 'А-до' }), after: expect.objectContaining({ name: 'А-взлом' }) });
    const seqOf = (entity: string, operation: string) => changes.find((ch) => ch.entity === entity && ch.operation === operation)!.seq;
    const decide = (seq: number, what: 'revert' | 'confirm') => as(t.app, s.admin).post(`${reportUrl}/entries/${seq}/${what}`);

    const renamed = await decide(changes[0]!.seq, 'revert');
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ status: 'reverted', decidedBy: s.admin.userId, revertSeq: expect.any(Number) });
    expect((await roomRow(s.school.id, a))!.name).toBe('А-до');

    const classFirst = await decide(seqOf('classes', 'insert'), 'revert');
    expect(classFirst.statusCode).toBe(409);
    expect(classFirst.json().error.code).toBe('audit.revert_conflict');
    expect((await db().select({ n: count() }).from(classes).where(eq(classes.id, classId)))[0]!.n).toBe(1);
    expect((await decide(seqOf('teaching_groups', 'insert'), 'revert')).statusCode).toBe(200);
    expect((await decide(seqOf('classes', 'insert'), 'revert')).statusCode).toBe(200);
    expect((await db().select({ n: count() }).from(classes).where(eq(classes.id, classId)))[0]!.n).toBe(0);

    expect((await decide(seqOf('rooms', 'delete'), 'revert')).statusCode).toBe(200);
    expect(await roomRow(s.school.id, b)).toMatchObject({ id: b, name: 'Б' });

    const kept = await decide(changes[4]!.seq, 'confirm');
    expect(kept.json()).toMatchObject({ status: 'confirmed', decidedBy: s.admin.userId, revertSeq: null });
    expect((await roomRow(s.school.id, c))!.note).toBe('новая заметка');
    const twice = await decide(changes[0]!.seq, 'revert');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('compromise.already_decided');

    const reverts = (await entriesOf(db(), s.school.id)).filter((e) => e.reason === REVERT_REASON);
    expect(reverts.map((e) => [e.entity, e.operation])).toEqual([
      ['rooms', 'update'], ['teaching_groups', 'delete'], ['classes', 'delete'], ['rooms', 'insert'],
    ]);
    for (const e of reverts) expect(e).toMatchObject({ actorUserId: s.admin.userId, actorRoles: 'admin' });
    expect(reverts[0]!.seq).toBe(renamed.json().revertSeq);
    const log = (await as(t.app, s.admin).get(`${s.url}/audit?entity=rooms&entityId=${a}&limit=1`)).json();
    expect(log.items[0]).toMatchObject({ operation: 'update', reason: REVERT_REASON, actor: { userId: s.admin.userId } });

    const lines: string[] = [];
    expect(await runAuditVerify(db(), s.school.id, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^Цепочка цела: \d+ запис/);
    const list = (await as(t.app, s.admin).get(`${s.url}/compromise-reports`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: reported.json().id, entries: { void: 0, reverted: 4, restored: 0, confirmed: 1 } })]);
  });

  it('refuses to revert a change overwritten since, and leaves the row and the decision as they were', async () => {
    const s = await compromisedSchool();
    const since = await momentAfterLastEntry(s.school.id);
    expect((await s.browser.patch(`${s.url}/rooms/${s.roomIds.a}`, { name: 'А-взлом' })).statusCode).toBe(200);
    const report = (await as(t.app, s.admin).post(`${s.url}/accounts/${s.account.user.id}/compromise`, { since: since.toISOString() })).json();
    expect((await as(t.app, s.admin).patch(`${s.url}/rooms/${s.roomIds.a}`, { name: 'А-исправлено' })).statusCode).toBe(200);
    const entriesBefore = (await entriesOf(db(), s.school.id)).length;
    const [change] = (await as(t.app, s.admin).get(`${s.url}/compromise-reports/${report.id}`)).json().changes as Change[];
    const res = await as(t.app, s.admin).post(`${s.url}/compromise-reports/${report.id}/entries/${change!.seq}/revert`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'audit.revert_conflict', message: expect.stringContaining('изменена') });
    expect((await roomRow(s.school.id, s.roomIds.a))!.name).toBe('А-исправлено');
    expect((await entriesOf(db(), s.school.id)).length).toBe(entriesBefore);
    const [review] = await db().select().from(auditReviews).where(eq(auditReviews.reportId, report.id));
    expect(review).toMatchObject({ status: 'void', decidedBy: null, revertSeq: null });
  });

  it('voids nothing of other people or before T, and keeps an entry with the report that voided it first', async () => {
    const s = await compromisedSchool();
    expect((await s.browser.patch(`${s.url}/rooms/${s.roomIds.a}`, { name: 'А-1' })).statusCode).toBe(200);
    const since = await momentAfterLastEntry(s.school.id);
    expect((await s.browser.patch(`${s.url}/rooms/${s.roomIds.a}`, { name: 'А-2' })).statusCode).toBe(200);
    expect((await as(t.app, s.admin).patch(`${s.url}/rooms/${s.roomIds.b}`, { name: 'Б-2' })).statusCode).toBe(200);
    const report = (user: string) => as(t.app, s.admin).post(`${s.url}/accounts/${user}/compromise`, { since: since.toISOString() });
    const first = await report(s.account.user.id);
    expect(first.json().entries.void).toBe(1);
    const second = await report(s.account.user.id);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ endedSessions: 0, entries: { void: 0 } });
  });
});

describe('who may report a compromised login', () => {
  async function classWithFamily() {
    const { school } = await createSchool(db());
    const url = `/api/v1/schools/${school.id}`;
    const year = await insertYear(db(), school.id, { status: 'open' });
    const classTeacher = await createStaff(db(), school.id);
    const klass = await makeClass(db(), school.id, year.id, 5, 'А', { classTeacherId: classTeacher.id });
    const student = await createStudent(db(), school.id);
    await admit(db(), school.id, student.id, klass.id);
    const guardian = await createGuardian(db(), school.id);
    await linkGuardian(db(), school.id, student.id, guardian.id);
    const pupil = await createUser(db(), { roles: [{ schoolId: school.id, role: 'student', personId: student.id }] });
    const parent = await createUser(db(), { roles: [{ schoolId: school.id, role: 'guardian', personId: guardian.id }] });
    const colleague = await createUser(db(), { roles: [{ schoolId: school.id, role: 'teacher', personId: classTeacher.id }] });
    return { school, url, classTeacher, pupil, parent, colleague };
  }
  const since = () => new Date(Date.now() - 60_000).toISOString();
  const report = (actor: ReturnType<typeof schoolActor> | null, url: string, userId: string, body: object = { since: since() }) =>
    as(t.app, actor).post(`${url}/accounts/${userId}/compromise`, body);

  it('lets the person themself and the class teacher of a student or of a guardian\'s child report', async () => {
    const f = await classWithFamily();
    const self = { userId: f.pupil.user.id, platformAdmin: false, roles: [{ schoolId: f.school.id, role: 'student' as const, personId: null }] };
    expect((await report(self, f.url, f.pupil.user.id)).statusCode).toBe(201);
    const teacher = schoolActor(f.school.id, 'teacher', f.classTeacher.id);
    expect((await report(teacher, f.url, f.pupil.user.id)).statusCode).toBe(201);
    expect((await report(teacher, f.url, f.parent.user.id)).statusCode).toBe(201);
    expect((await db().select({ n: count() }).from(compromiseReports).where(eq(compromiseReports.schoolId, f.school.id)))[0]!.n).toBe(3);
  });

  it('hides the account from other teachers, students and strangers, and refuses the director', async () => {
    const f = await classWithFamily();
    const otherTeacher = schoolActor(f.school.id, 'teacher', (await createStaff(db(), f.school.id)).id);
    const classTeacher = schoolActor(f.school.id, 'teacher', f.classTeacher.id);
    const stranger = schoolActor((await createSchool(db())).school.id, 'admin');
    expect((await report(otherTeacher, f.url, f.pupil.user.id)).statusCode).toBe(404);
    expect((await report(classTeacher, f.url, f.colleague.user.id)).statusCode).toBe(404);
    expect((await report(schoolActor(f.school.id, 'student'), f.url, f.pupil.user.id)).statusCode).toBe(404);
    expect((await report(schoolActor(f.school.id, 'director'), f.url, f.pupil.user.id)).statusCode).toBe(403);
    expect((await report(stranger, f.url, f.pupil.user.id)).statusCode).toBe(404);
    expect((await report(null, f.url, f.pupil.user.id)).statusCode).toBe(401);
    expect((await db().select({ n: count() }).from(compromiseReports).where(eq(compromiseReports.schoolId, f.school.id)))[0]!.n).toBe(0);
    const [pupil] = await db().select().from(users).where(eq(users.id, f.pupil.user.id));
    expect(pupil!.lockedAt).toBeNull();
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const f = await classWithFamily();
    const admin = schoolActor(f.school.id, 'admin');
    const elsewhere = await createUser(db(), { roles: [{ schoolId: (await createSchool(db())).school.id, role: 'teacher' }] });
    const cases: [string, object, number, string][] = [
      [f.pupil.user.id, {}, 400, 'since'],
      [f.pupil.user.id, { since: 'вчера' }, 400, 'since'],
      [f.pupil.user.id, { since: '2999-01-01T00:00:00Z' }, 400, 'since'],
      [f.pupil.user.id, { since: since(), note: 'я'.repeat(1001) }, 400, 'note'],
      [newId(), { since: since() }, 404, ''],
      [elsewhere.user.id, { since: since() }, 404, ''],
    ];
    for (const [userId, body, status, field] of cases) {
      const res = await report(admin, f.url, userId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect(res.json().error.fields).toHaveProperty(field);
    }
    expect((await report(admin, f.url, '42')).statusCode).toBe(400);
    expect((await db().select({ n: count() }).from(compromiseReports).where(eq(compromiseReports.schoolId, f.school.id)))[0]!.n).toBe(0);
    const [pupil] = await db().select().from(users).where(eq(users.id, f.pupil.user.id));
    expect(pupil!.lockedAt).toBeNull();
  });
});

describe('reviewing reports', () => {
  it('shows reports and decisions only to the school\'s administrator; others get 401, 403 or 404', async () => {
    const s = await compromisedSchool();
    const since = await momentAfterLastEntry(s.school.id);
    expect((await s.browser.patch(`${s.url}/rooms/${s.roomIds.a}`, { name: 'А-взлом' })).statusCode).toBe(200);
    const report = (await as(t.app, s.admin).post(`${s.url}/accounts/${s.account.user.id}/compromise`, { since: since.toISOString() })).json();
    const [change] = (await as(t.app, s.admin).get(`${s.url}/compromise-reports/${report.id}`)).json().changes as Change[];
    const paths = [
      ['GET', `${s.url}/compromise-reports`], ['GET', `${s.url}/compromise-reports/${report.id}`],
      ['POST', `${s.url}/compromise-reports/${report.id}/entries/${change!.seq}/revert`],
      ['POST', `${s.url}/compromise-reports/${report.id}/entries/${change!.seq}/confirm`],
    ] as const;
    const other = await createSchool(db());
    const stranger = schoolActor(other.school.id, 'admin');
    for (const [method, path] of paths) {
      const send = (actor: ReturnType<typeof schoolActor> | null) => (method === 'GET' ? as(t.app, actor).get(path) : as(t.app, actor).post(path));
      expect((await send(null)).statusCode, path).toBe(401);
      expect((await send(schoolActor(s.school.id, 'teacher'))).statusCode, path).toBe(403);
      expect((await send(schoolActor(s.school.id, 'director'))).statusCode, path).toBe(403);
      expect((await send(stranger)).statusCode, path).toBe(404);
    }
    const foreign = `/api/v1/schools/${other.school.id}/compromise-reports/${report.id}`;
    expect((await as(t.app, stranger).get(foreign)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${foreign}/entries/${change!.seq}/revert`)).statusCode).toBe(404);
    expect((await as(t.app, s.admin).get(`${s.url}/compromise-reports/${newId()}`)).statusCode).toBe(404);
    expect((await as(t.app, s.admin).post(`${s.url}/compromise-reports/${report.id}/entries/1/revert`)).statusCode).toBe(404);
    expect((await as(t.app, s.admin).post(`${s.url}/compromise-reports/${report.id}/entries/abc/revert`)).statusCode).toBe(400);
    expect((await as(t.app, s.admin).get(`${s.url}/compromise-reports?cursor=zzz`)).statusCode).toBe(400);
    expect((await roomRow(s.school.id, s.roomIds.a))!.name).toBe('А-взлом');
    const [review] = await db().select().from(auditReviews).where(eq(auditReviews.reportId, report.id));
    expect(review!.status).toBe('void');
  });

  it('pages through reports newest first', async () => {
    const s = await compromisedSchool();
    const since = new Date(Date.now() - 60_000).toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await as(t.app, s.admin).post(`${s.url}/accounts/${s.account.user.id}/compromise`, { since })).json().id);
    }
    const first = (await as(t.app, s.admin).get(`${s.url}/compromise-reports?limit=2`)).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const second = (await as(t.app, s.admin).get(`${s.url}/compromise-reports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
  });
});
