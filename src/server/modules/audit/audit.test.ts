import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesOf, entryCount, tamper } from '../../../../tests/factories/audit.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from '../../../../tests/factories/people.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { main } from '../../../cli/main.ts';
import { runAuditVerify } from '../../../cli/commands/audit.ts';
import { newId } from '../../db/ids.ts';
import { rooms } from '../../db/schema/structure.ts';
import { useBulkAudit } from './service.ts';
import { verifyChains } from './verify.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });
const db = () => t.database.db;

async function schoolWithAdmin() {
  const { school } = await createSchool(db());
  return { school, admin: schoolActor(school.id, 'admin'), url: `/api/v1/schools/${school.id}` };
}

/** Three entries: a room created, renamed and deleted by the admin. */
async function roomHistory() {
  const s = await schoolWithAdmin();
  const created = await as(t.app, s.admin).post(`${s.url}/rooms`, { name: '101', capacity: 30 });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await as(t.app, s.admin).patch(`${s.url}/rooms/${id}`, { name: '102' })).statusCode).toBe(200);
  expect((await as(t.app, s.admin).delete(`${s.url}/rooms/${id}`)).statusCode).toBe(200);
  return { ...s, roomId: id };
}

async function verify(schoolId?: string) {
  const lines: string[] = [];
  const code = await runAuditVerify(db(), schoolId, (line) => lines.push(line));
  return { code, lines };
}

describe('capturing every change', () => {
  it('records each API write with actor, roles, address, before and after, chained over the previous entry', async () => {
    const { school, admin, roomId } = await roomHistory();
    const entries = await entriesOf(db(), school.id);
    expect(entries.map((e) => [e.seq, e.entity, e.entityId, e.operation])).toEqual([
      [1, 'rooms', roomId, 'insert'], [2, 'rooms', roomId, 'update'], [3, 'rooms', roomId, 'delete'],
    ]);
    for (const e of entries) expect(e).toMatchObject({ actorUserId: admin.userId, actorRoles: 'admin', address: '127.0.0.1', reason: null });
    expect(entries[0]!.before).toBeNull();
    expect(entries[0]!.after).toMatchObject({ id: roomId, school_id: school.id, name: '101', capacity: 30 });
    expect(entries[1]!.before).toMatchObject({ name: '101' });
    expect(entries[1]!.after).toMatchObject({ name: '102' });
    expect(entries[2]!.before).toMatchObject({ name: '102' });
    expect(entries[2]!.after).toBeNull();
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes nothing for a refused or failed request', async () => {
    const { school, admin, url } = await schoolWithAdmin();
    expect((await as(t.app, admin).post(`${url}/rooms`, { name: '201' })).statusCode).toBe(201);
    const before = await entryCount(db(), school.id);
    expect((await as(t.app, admin).post(`${url}/rooms`, { name: '201' })).statusCode).toBe(409);
    expect((await as(t.app, admin).post(`${url}/rooms`, { name: '' })).statusCode).toBe(400);
    expect((await as(t.app, schoolActor(school.id, 'teacher')).post(`${url}/rooms`, { name: '202' })).statusCode).toBe(403);
    expect((await as(t.app, admin).delete(`${url}/rooms/${newId()}`)).statusCode).toBe(404);
    expect(await entryCount(db(), school.id)).toBe(before);
  });

  it('records a write made outside any request as the system, shown as «система»', async () => {
    const { school, admin, url } = await schoolWithAdmin();
    const person = await createStaff(db(), school.id);
    const [entry] = await entriesOf(db(), school.id);
    expect(entry).toMatchObject({ entity: 'staff', entityId: person.id, operation: 'insert', actorUserId: null, actorRoles: null, address: null });
    const page = (await as(t.app, admin).get(`${url}/audit`)).json();
    expect(page.items[0].actor).toEqual({ userId: null, name: 'система', roles: null });
  });

  it('keys a row without an id by its key columns', async () => {
    const { school } = await schoolWithAdmin();
    const student = await createStudent(db(), school.id);
    const guardian = await createGuardian(db(), school.id);
    await linkGuardian(db(), school.id, student.id, guardian.id);
    const link = (await entriesOf(db(), school.id)).find((e) => e.entity === 'student_guardians');
    expect(link?.entityId).toBe(`${student.id}/${guardian.id}`);
  });

  it('writes no entry for an update that changes nothing', async () => {
    const { school, admin, url } = await schoolWithAdmin();
    const id = (await as(t.app, admin).post(`${url}/rooms`, { name: '301' })).json().id;
    expect((await as(t.app, admin).patch(`${url}/rooms/${id}`, { name: '301' })).statusCode).toBe(200);
    expect((await entriesOf(db(), school.id)).map((e) => e.operation)).toEqual(['insert']);
  });

  it('writes one summary entry per statement in bulk mode, and only inside that transaction', async () => {
    const { school } = await schoolWithAdmin();
    await db().transaction(async (tx) => {
      await useBulkAudit(tx);
      await tx.insert(rooms).values(['1', '2', '3'].map((name) => ({ schoolId: school.id, id: newId(), name })));
    });
    await db().insert(rooms).values({ schoolId: school.id, id: newId(), name: '4' });
    const entries = await entriesOf(db(), school.id);
    expect(entries.map((e) => [e.entity, e.entityId, e.operation, e.after])).toEqual([
      ['rooms', null, 'bulk', { operation: 'insert', rows: 3 }],
      ['rooms', entries[1]!.entityId, 'insert', expect.objectContaining({ name: '4' })],
    ]);
  });

  it('numbers entries without gaps when writes of one school run at once', async () => {
    const { school, admin, url } = await schoolWithAdmin();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => as(t.app, admin).post(`${url}/rooms`, { name: `К-${i}` })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect((await entriesOf(db(), school.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verify(school.id)).toEqual({ code: 0, lines: ['Цепочка цела: 8 записей'] });
  });
});

describe('the log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of its entries, whoever asks', async () => {
    const { school } = await roomHistory();
    const kept = await entriesOf(db(), school.id);
    await expect(db().execute(sql`update audit_entries set reason = 'правка' where school_id = ${school.id}`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_entries where school_id = ${school.id}`)).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_entries cascade`)).rejects.toThrow();
    expect(await entriesOf(db(), school.id)).toEqual(kept);
  });

  it('refuses TRUNCATE of an audited table, which would empty it past the log', async () => {
    const { school } = await schoolWithAdmin();
    await db().insert(rooms).values({ schoolId: school.id, id: newId(), name: '1' });
    await expect(db().execute(sql`truncate rooms`)).rejects.toThrow();
    expect(await entryCount(db(), school.id)).toBe(1);
  });
});

describe('klassny audit verify', () => {
  it('finds an untouched chain intact and counts its entries', async () => {
    const { school } = await roomHistory();
    expect(await verify(school.id)).toEqual({ code: 0, lines: ['Цепочка цела: 3 записи'] });
  });

  it('names the entry whose content was changed behind the log\'s back', async () => {
    const { school } = await roomHistory();
    await tamper(db(), sql`update audit_entries set after = jsonb_set(after, '{name}', '"999"') where school_id = ${school.id} and seq = 2`);
    const [chain] = await verifyChains(db(), school.id);
    expect(chain).toMatchObject({ schoolId: school.id, entries: 3, broken: { seq: 2, entity: 'rooms', problem: 'hash' } });
    const { code, lines } = await verify(school.id);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`школа ${school.id}, запись № 2 (rooms, `);
    expect(lines[0]).toContain('запись изменена');
  });

  it('names the next entry when a changed one was re-hashed to hide it', async () => {
    const { school } = await roomHistory();
    await tamper(db(), sql`update audit_entries set after = jsonb_set(after, '{name}', '"999"') where school_id = ${school.id} and seq = 2`);
    await tamper(db(), sql`update audit_entries set hash = klassny_audit_hash(prev_hash, seq, school_id, id, at, actor_user_id,
      actor_roles, address, entity, entity_id, operation, before, after, reason) where school_id = ${school.id} and seq = 2`);
    expect((await verifyChains(db(), school.id))[0]!.broken).toMatchObject({ seq: 3, problem: 'link' });
  });

  it('notices entries removed from the middle and from the end', async () => {
    const middle = await roomHistory();
    await tamper(db(), sql`delete from audit_entries where school_id = ${middle.school.id} and seq = 2`);
    expect((await verifyChains(db(), middle.school.id))[0]!.broken).toMatchObject({ seq: 3, problem: 'seq' });
    const end = await roomHistory();
    await tamper(db(), sql`delete from audit_entries where school_id = ${end.school.id} and seq = 3`);
    expect((await verifyChains(db(), end.school.id))[0]!.broken).toMatchObject({ seq: 3, problem: 'missing' });
    expect((await verify(end.school.id)).code).toBe(1);
  });

  it('checks every school when none is named, and reports each broken one', async () => {
    const sound = await roomHistory();
    const broken = await roomHistory();
    await tamper(db(), sql`update audit_entries set address = '10.0.0.1' where school_id = ${broken.school.id} and seq = 1`);
    const chains = await verifyChains(db());
    expect(chains.find((c) => c.schoolId === sound.school.id)?.broken).toBeNull();
    const { code, lines } = await verify();
    expect(code).toBe(1);
    expect(lines.some((l) => l.includes(`школа ${broken.school.id}, запись № 1`))).toBe(true);
    expect(lines.some((l) => l.includes(sound.school.id))).toBe(false);
  });

  it('the command refuses an unknown subcommand and a malformed school id', async () => {
    expect(await main(['audit', 'check'])).toBe(1);
    expect(await main(['audit', 'verify', '--school', '42'])).toBe(1);
  });
});

describe('reading the log', () => {
  it('lists newest first, filters by entity, row, actor and time, and pages with a cursor', async () => {
    const { school, admin, url, roomId } = await roomHistory();
    const other = (await as(t.app, admin).post(`${url}/rooms`, { name: '400' })).json().id;
    const all = (await as(t.app, admin).get(`${url}/audit`)).json();
    expect(all.items.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(all.items[3]).toMatchObject({
      entity: 'rooms', entityId: roomId, operation: 'insert', before: null, address: '127.0.0.1',
      actor: { userId: admin.userId, name: admin.userId, roles: 'admin' },
    });
    const ofRoom = (await as(t.app, admin).get(`${url}/audit?entity=rooms&entityId=${roomId}`)).json();
    expect(ofRoom.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2, 1]);
    expect((await as(t.app, admin).get(`${url}/audit?entityId=${other}`)).json().items).toHaveLength(1);
    expect((await as(t.app, admin).get(`${url}/audit?actorUserId=${newId()}`)).json().items).toEqual([]);
    const at = all.items[0].at as string;
    expect((await as(t.app, admin).get(`${url}/audit?from=${at}`)).json().items.map((e: { seq: number }) => e.seq)).toContain(4);
    expect((await as(t.app, admin).get(`${url}/audit?to=2000-01-01T00:00:00Z`)).json().items).toEqual([]);
    const first = (await as(t.app, admin).get(`${url}/audit?limit=3`)).json();
    expect(first.items.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2]);
    const second = (await as(t.app, admin).get(`${url}/audit?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ seq: 1 })], nextCursor: null });
    expect((await as(t.app, schoolActor(school.id, 'deputy')).get(`${url}/audit`)).statusCode).toBe(200);
    expect((await as(t.app, schoolActor(school.id, 'director')).get(`${url}/audit`)).statusCode).toBe(200);
  });

  it('refuses strangers, other roles and bad filters', async () => {
    const { school, admin, url } = await roomHistory();
    const stranger = schoolActor((await createSchool(db())).school.id, 'admin');
    expect((await as(t.app, null).get(`${url}/audit`)).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(school.id, 'teacher')).get(`${url}/audit`)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(school.id, 'guardian')).get(`${url}/audit`)).statusCode).toBe(403);
    expect((await as(t.app, stranger).get(`${url}/audit`)).statusCode).toBe(404);
    for (const query of ['actorUserId=42', 'from=вчера', 'limit=0', 'cursor=abc', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z']) {
      const res = await as(t.app, admin).get(`${url}/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    expect((await as(t.app, admin).get(`/api/v1/schools/42/audit`)).statusCode).toBe(400);
  });
});
