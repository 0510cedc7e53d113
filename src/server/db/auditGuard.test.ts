import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { as, schoolActor } from '../../../tests/support/testApp.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { type App, buildApp } from '../app.ts';
import { writtenTables } from './auditGuard.ts';
import type { Database } from './client.ts';
import { newId } from './ids.ts';
import { loginThrottle } from './schema/accounts.ts';
import { auditEntries } from './schema/audit.ts';
import { rooms } from './schema/structure.ts';

// A request's writes reach the audit triggers with its actor only through db.transaction (client.ts);
// in tests and development a write that skips it is refused rather than logged as «система».
let database: Database;
let app: App;
let schoolId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, testActors: true });
  // Routes that exist only in this test: each writes one room, the right way or the wrong way.
  app.post<{ Params: { how: string } }>('/test-writes/:how', async (req) => {
    const db = app.database.db;
    const id = newId();
    const write = {
      'root-insert': () => db.insert(rooms).values({ schoolId, id, name: `Каб. ${id}` }),
      'root-update': () => db.update(rooms).set({ note: 'сырое' }).where(eq(rooms.schoolId, schoolId)),
      'root-raw': () => db.execute(sql`delete from rooms where school_id = ${schoolId} and id = ${id}`),
      'root-unaudited': () => db.insert(loginThrottle).values({ key: `test:${id}`, failures: 1, lastFailureAt: new Date() }),
      'in-transaction': () => db.transaction((tx) => tx.insert(rooms).values({ schoolId, id, name: `Каб. ${id}` })),
    }[req.params.how]!;
    try {
      await write();
      return { id, error: null };
    } catch (error) {
      return { id, error: (error as Error).message };
    }
  });
  await app.ready();
  schoolId = (await createSchool(database.db)).school.id;
});

afterAll(async () => {
  await app.close();
  await database.close();
});

const roomsNamed = (id: string) => database.db.select().from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id)));

describe('a write outside db.transaction during a request', () => {
  it('refuses an insert into an audited table, naming the table, and writes nothing', async () => {
    const res = (await as(app, schoolActor(schoolId, 'admin')).post('/test-writes/root-insert')).json();
    expect(res.error).toMatch(/^write outside db\.transaction: insert on the audited table "rooms"/);
    expect(await roomsNamed(res.id)).toEqual([]);
  });

  it('refuses an update and a raw delete of an audited table too', async () => {
    const update = (await as(app, schoolActor(schoolId, 'admin')).post('/test-writes/root-update')).json();
    expect(update.error).toMatch(/update on the audited table "rooms"/);
    const raw = (await as(app, schoolActor(schoolId, 'admin')).post('/test-writes/root-raw')).json();
    expect(raw.error).toMatch(/delete on the audited table "rooms"/);
  });

  it('lets through a write to a table without audit (a sign-in throttle row)', async () => {
    const res = (await as(app, schoolActor(schoolId, 'admin')).post('/test-writes/root-unaudited')).json();
    expect(res.error).toBeNull();
  });

  it('lets the same write inside db.transaction through and attributes it to the actor', async () => {
    const actor = schoolActor(schoolId, 'admin');
    const res = (await as(app, actor).post('/test-writes/in-transaction')).json();
    expect(res.error).toBeNull();
    expect(await roomsNamed(res.id)).toHaveLength(1);
    const [entry] = await database.db.select().from(auditEntries)
      .where(and(eq(auditEntries.schoolId, schoolId), eq(auditEntries.entity, 'rooms'), eq(auditEntries.entityId, res.id)));
    expect(entry).toMatchObject({ operation: 'insert', actorUserId: actor.userId, actorRoles: 'admin' });
  });

  it('lets a write outside any request through: the command line and the factories are the system', async () => {
    const id = newId();
    await database.db.insert(rooms).values({ schoolId, id, name: `Каб. ${id}` });
    expect(await roomsNamed(id)).toHaveLength(1);
  });
});

describe('reading the tables a statement writes', () => {
  it('finds inserts, updates and deletes, quoted or not, and nothing in a read', () => {
    expect(writtenTables('insert into "marks" ("id") values ($1)')).toEqual([{ operation: 'insert', table: 'marks' }]);
    expect(writtenTables('UPDATE attendance SET code = $1')).toEqual([{ operation: 'update', table: 'attendance' }]);
    expect(writtenTables('with gone as (delete from "lessons" returning id) select * from gone')).toEqual([{ operation: 'delete', table: 'lessons' }]);
    expect(writtenTables('select * from "marks" where "id" = $1 for update')).toEqual([]);
  });
});
