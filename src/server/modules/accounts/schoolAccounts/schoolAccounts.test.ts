import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../../../tests/factories/accounts.ts';
import { createSchool } from '../../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent } from '../../../../../tests/factories/people.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../../tests/support/testApp.ts';
import { securityEvents, sessions, userRoles, users } from '../../../db/schema/accounts.ts';
import type { Actor } from '../../../policy/policy.ts';
import { openSession, resolveSession } from '../sessions/sessions.ts';

let t: TestContext;
let schoolId: string;
let otherId: string;
let admin: ReturnType<typeof schoolActor>;
const db = () => t.database.db;
const base = (school = schoolId) => `/api/v1/schools/${school}`;
const unknownId = '01900000-0000-7000-8000-000000000000';
const rolesOf = (userId: string) => db().select().from(userRoles).where(eq(userRoles.userId, userId)).orderBy(asc(userRoles.role));
const eventsOf = (kind: string, school = schoolId) =>
  db().select().from(securityEvents).where(and(eq(securityEvents.kind, kind), eq(securityEvents.schoolId, school)));
const client = { address: '10.1.1.1', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120' };

beforeAll(async () => {
  t = await createTestApp();
  schoolId = (await createSchool(db())).school.id;
  otherId = (await createSchool(db())).school.id;
  admin = schoolActor(schoolId, 'admin');
});
afterAll(async () => { await t.close(); });

/** A staff member of the school with an account acting as them. */
async function teacherWithAccount(school = schoolId) {
  const person = await createStaff(db(), school, { lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Игоревна' });
  const account = await createUser(db(), { roles: [{ schoolId: school, role: 'teacher', personId: person.id }] });
  return { person, ...account };
}

describe('the accounts of a school', () => {
  it('lists the accounts holding a role here, with the person each role acts as, the lock and the last sign-in', async () => {
    const { person, user } = await teacherWithAccount();
    const locked = await createUser(db(), { roles: [{ schoolId, role: 'director' }] });
    await db().update(users).set({ lockedAt: new Date() }).where(eq(users.id, locked.user.id));
    await teacherWithAccount(otherId);
    await openSession(db(), { id: user.id, isPlatformAdmin: false }, client, new Date());
    const res = await as(t.app, admin).get(`${base()}/accounts?limit=500`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { userId: string }[];
    expect(items.map((a) => a.userId).sort()).toEqual([user.id, locked.user.id].sort());
    expect(items.find((a) => a.userId === user.id)).toMatchObject({
      locked: false, lastSignInAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      roles: [{ role: 'teacher', personId: person.id, personName: 'Смирнова Ольга Игоревна' }],
    });
    expect(items.find((a) => a.userId === locked.user.id)).toMatchObject({ locked: true, lastSignInAt: null, roles: [{ role: 'director', personId: null }] });
    const directors = await as(t.app, admin).get(`${base()}/accounts?role=director`);
    expect(directors.json().items.map((a: { userId: string }) => a.userId)).toEqual([locked.user.id]);
  });

  it('pages the accounts by name without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await as(t.app, admin).get(`${base()}/accounts?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((a: { userId: string }) => a.userId));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect((await as(t.app, admin).get(`${base()}/accounts?cursor=garbage`)).statusCode).toBe(400);
  });
});

describe('granting and revoking roles', () => {
  it('grants a role acting as a record of the matching kind, and logs role.granted', async () => {
    const { user } = await teacherWithAccount();
    const child = await createStudent(db(), schoolId);
    const mother = await createGuardian(db(), schoolId);
    const res = await as(t.app, admin).post(`${base()}/accounts/${user.id}/roles`, { role: 'guardian', personId: mother.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().roles.map((r: { role: string }) => r.role)).toEqual(['guardian', 'teacher']);
    expect((await rolesOf(user.id)).map((r) => [r.role, r.personId])).toContainEqual(['guardian', mother.id]);
    const [event] = (await eventsOf('role.granted')).filter((e) => e.userId === user.id);
    expect(event?.details).toMatchObject({ role: 'guardian', personId: mother.id, by: admin.userId });
    expect(child.id).toBeDefined();
  });

  it('refuses a person of the wrong kind, unknown or of another school, bad bodies, duplicates and a taken person, changing nothing', async () => {
    const { user, person } = await teacherWithAccount();
    const rival = await teacherWithAccount();
    const student = await createStudent(db(), schoolId);
    const foreign = await createStaff(db(), otherId);
    const before = await rolesOf(user.id);
    const cases: [unknown, number, string][] = [
      [{ role: 'student', personId: person.id }, 400, 'student.not_found'],
      [{ role: 'deputy', personId: student.id }, 400, 'staff.not_found'],
      [{ role: 'deputy', personId: unknownId }, 400, 'staff.not_found'],
      [{ role: 'deputy', personId: foreign.id }, 400, 'staff.not_found'],
      [{ role: 'king', personId: person.id }, 400, 'validation.failed'],
      [{ role: 'deputy', personId: 'not-a-uuid' }, 400, 'validation.failed'],
      [{ personId: person.id }, 400, 'validation.failed'],
      [{ role: 'teacher', personId: person.id }, 409, 'account.role_held'],
      [{ role: 'deputy', personId: rival.person.id }, 409, 'account.person_taken'],
    ];
    await as(t.app, admin).post(`${base()}/accounts/${rival.user.id}/roles`, { role: 'deputy', personId: rival.person.id });
    for (const [body, status, code] of cases) {
      const res = await as(t.app, admin).post(`${base()}/accounts/${user.id}/roles`, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await rolesOf(user.id)).toEqual(before);
  });

  it('answers 404 for an unknown account and for one holding no role in this school', async () => {
    const stranger = await teacherWithAccount(otherId);
    const staffHere = await createStaff(db(), schoolId);
    for (const userId of [unknownId, stranger.user.id]) {
      const res = await as(t.app, admin).post(`${base()}/accounts/${userId}/roles`, { role: 'teacher', personId: staffHere.id });
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'account.not_found']);
      expect((await as(t.app, admin).delete(`${base()}/accounts/${userId}/roles/teacher`)).statusCode).toBe(404);
      expect((await as(t.app, admin).post(`${base()}/accounts/${userId}/sessions/end`)).statusCode).toBe(404);
    }
    expect((await rolesOf(stranger.user.id)).map((r) => r.schoolId)).toEqual([otherId]);
  });

  it('revokes a role and logs role.revoked; a role not held is 404, and the last administrator stays', async () => {
    const { user } = await teacherWithAccount();
    const res = await as(t.app, admin).delete(`${base()}/accounts/${user.id}/roles/teacher`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await rolesOf(user.id)).toEqual([]);
    expect((await eventsOf('role.revoked')).some((e) => e.userId === user.id)).toBe(true);

    const { school } = await createSchool(db());
    const only = await createUser(db(), { roles: [{ schoolId: school.id, role: 'admin' }, { schoolId: school.id, role: 'deputy' }] });
    const itsAdmin = schoolActor(school.id, 'admin');
    expect((await as(t.app, itsAdmin).delete(`${base(school.id)}/accounts/${only.user.id}/roles/teacher`)).statusCode).toBe(404);
    const last = await as(t.app, itsAdmin).delete(`${base(school.id)}/accounts/${only.user.id}/roles/admin`);
    expect([last.statusCode, last.json().error.code]).toEqual([409, 'account.last_admin']);
    expect((await as(t.app, itsAdmin).delete(`${base(school.id)}/accounts/${only.user.id}/roles/mayor`)).statusCode).toBe(400);
    expect((await rolesOf(only.user.id)).map((r) => r.role)).toEqual(['admin', 'deputy']);
  });
});

describe('ending the sessions of a person', () => {
  it('ends every session of the account at once and logs sessions.ended_by_admin', async () => {
    const { user } = await teacherWithAccount();
    const now = new Date();
    const first = await openSession(db(), { id: user.id, isPlatformAdmin: false }, client, now);
    await openSession(db(), { id: user.id, isPlatformAdmin: false }, client, now);
    const res = await as(t.app, admin).post(`${base()}/accounts/${user.id}/sessions/end`);
    expect([res.statusCode, res.json()]).toEqual([200, { ended: 2 }]);
    expect(await resolveSession(db(), first.token, new Date())).toBeNull();
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.every((s) => s.endReason === 'ended_by_admin')).toBe(true);
    expect((await eventsOf('sessions.ended_by_admin')).find((e) => e.userId === user.id)?.details).toMatchObject({ ended: 2 });
  });

  it('lets only the administrator manage accounts: 401 without an actor, 403 for the director, 404 for another school', async () => {
    const { user } = await teacherWithAccount();
    await openSession(db(), { id: user.id, isPlatformAdmin: false }, client, new Date());
    const before = [await rolesOf(user.id), await db().select().from(sessions).where(eq(sessions.userId, user.id))];
    for (const [actor, status] of [[null, 401], [schoolActor(schoolId, 'director'), 403], [schoolActor(otherId, 'admin'), 404]] as const) {
      expect((await as(t.app, actor).get(`${base()}/accounts`)).statusCode).toBe(status);
      expect((await as(t.app, actor).post(`${base()}/accounts/${user.id}/roles`, { role: 'deputy', personId: unknownId })).statusCode).toBe(status);
      expect((await as(t.app, actor).delete(`${base()}/accounts/${user.id}/roles/teacher`)).statusCode).toBe(status);
      expect((await as(t.app, actor).post(`${base()}/accounts/${user.id}/sessions/end`)).statusCode).toBe(status);
    }
    expect([await rolesOf(user.id), await db().select().from(sessions).where(eq(sessions.userId, user.id))]).toEqual(before);
  });
});

describe('the security-event log of a school', () => {
  it('records access.denied for a 403 and for a policy 404, but not for a real 404', async () => {
    const { school } = await createSchool(db());
    const student = await createStudent(db(), school.id);
    const teacher = schoolActor(school.id, 'teacher');
    const outsider = schoolActor(otherId, 'admin');
    await as(t.app, teacher).post(`${base(school.id)}/students`, { lastName: 'Иванов', firstName: 'Иван', gender: 'male', birthDate: '2014-01-01' });
    await as(t.app, teacher).get(`${base(school.id)}/students/${student.id}`);
    await as(t.app, outsider).get(`${base(school.id)}/students`);
    await as(t.app, schoolActor(school.id, 'admin')).get(`${base(school.id)}/students/${unknownId}`);
    const denied = await eventsOf('access.denied', school.id);
    expect(denied.map((e) => [e.userId, e.details.status, e.details.code]).sort()).toEqual([
      [outsider.userId, 404, 'school.not_found'],
      [teacher.userId, 403, 'policy.forbidden'],
      [teacher.userId, 404, 'student.not_found'],
    ].sort());
    expect(denied.find((e) => e.details.status === 403)?.details).toMatchObject({ action: 'student.write', method: 'POST', route: '/api/v1/schools/:schoolId/students' });
  });

  it('shows the log to the administrator and the director, newest first, filtered by kind and paged', async () => {
    const { school } = await createSchool(db());
    const teacher = schoolActor(school.id, 'teacher');
    for (let i = 0; i < 3; i++) await as(t.app, teacher).patch(`/api/v1/schools/${school.id}`, { address: `ул. Мира, ${i}` });
    const { user } = await teacherWithAccount(school.id);
    await as(t.app, schoolActor(school.id, 'admin')).post(`${base(school.id)}/accounts/${user.id}/sessions/end`);
    const read = (query: string, actor: Actor | null = schoolActor(school.id, 'director')) => as(t.app, actor).get(`${base(school.id)}/security-events${query}`);
    const all = (await read('')).json().items as { id: string; kind: string }[];
    expect(all.map((e) => e.kind)).toEqual(['sessions.ended_by_admin', 'access.denied', 'access.denied', 'access.denied']);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
    const first = (await read('?kind=access.denied&limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await read(`?kind=access.denied&limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual(all.slice(1).map((e) => e.id));
    expect(second.nextCursor).toBeNull();
    expect((await read('?kind=DROP TABLE')).statusCode).toBe(400);
    expect((await read('?cursor=abc')).statusCode).toBe(400);
    expect((await read('', schoolActor(school.id, 'deputy'))).statusCode).toBe(403);
    expect((await read('', schoolActor(otherId, 'admin'))).statusCode).toBe(404);
    expect((await read('', null)).statusCode).toBe(401);
  });
});
