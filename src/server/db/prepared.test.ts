import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import type { Database } from './client.ts';
import { param, preparedPerDb, uuidArray } from './prepared.ts';

let database: Database;
let other: Database;
beforeAll(async () => { [database, other] = await Promise.all([createTestDatabase(), createTestDatabase()]); });
afterAll(async () => { await Promise.all([database.close(), other.close()]); });

const id = '01900000-0000-7000-8000-000000000000';

describe('prepared statements', () => {
  it('are built once per database handle', () => {
    const built: unknown[] = [];
    const statements = preparedPerDb((db) => { built.push(db); return { db }; });
    expect(statements(database.db)).toBe(statements(database.db));
    expect(statements(other.db)).not.toBe(statements(database.db));
    expect(built).toEqual([database.db, other.db]);
  });

  it('take typed placeholders, a uuid[] as its literal, and run again with new values', async () => {
    const count = preparedPerDb((db) => db.select({ n: sql<number>`cardinality(${param('ids', 'uuid[]')}) + ${param('extra', 'int')}` })
      .from(sql`(select 1) as one`).prepare('klassny_test_prepared'));
    expect(await count(database.db).execute({ ids: uuidArray([id, id]), extra: 0 })).toEqual([{ n: 2 }]);
    expect(await count(database.db).execute({ ids: uuidArray([]), extra: 5 })).toEqual([{ n: 5 }]);
    expect(await count(other.db).execute({ ids: uuidArray([id]), extra: 1 })).toEqual([{ n: 2 }]);
  });
});
