import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { main } from '../../cli/main.ts';
import { type Database, queryRows } from '../db/client.ts';
import { createAdmin } from '../modules/accounts/service.ts';
import { placeSchool } from '../modules/organisation/service.ts';
import { ensureDemoSchool } from './district.ts';
import { deletionOrder, removeDemo } from './removeDemo.ts';

const counts = async (database: Database) => (await queryRows<Record<string, number>>(database.db, sql`
  select (select count(*)::int from schools) as schools, (select count(*)::int from users) as users,
         (select count(*)::int from regions) as regions, (select count(*)::int from students) as students,
         (select count(*)::int from demo_schools) as demo`))[0]!;

describe('klassny demo remove', () => {
  let database: Database;
  beforeEach(async () => { database = await createTestDatabase(); });
  afterEach(() => database.close());

  it('takes out the demo schools, their audit log and accounts in one go, and leaves a real school and its log alone', async () => {
    expect(await ensureDemoSchool(database.db, { today: '2026-09-02' })).toBe(true);
    const real = await placeSchool(database.db, { regionName: 'Тверская область', municipalityName: 'г. Тверь',
      school: { name: 'Школа № 7', shortName: 'Школа № 7', kind: 'general', timeZone: 'Europe/Moscow', address: '', inn: null } });
    await createAdmin(database.db, { login: 'ivanova', password: 'Школа-7-надёжно', displayName: 'Иванова', schoolId: real.id });
    await createAdmin(database.db, { login: 'platform', password: 'Оператор-платформы', displayName: 'Оператор' });
    const realLog = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_entries where school_id = ${real.id}`))[0]!.n;
    const logBefore = await realLog();
    expect(logBefore).toBeGreaterThan(0);

    const removed = await removeDemo(database.db);
    expect(removed.schools).toBe(2);
    expect(removed.users).toBeGreaterThan(5);
    expect(await counts(database)).toEqual({ schools: 1, users: 2, regions: 1, students: 0, demo: 0 });
    expect(await realLog()).toBe(logBefore);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_entries where school_id <> ${real.id}`);
    expect(left!.n).toBe(0);

    await expect(removeDemo(database.db)).rejects.toMatchObject({ code: 'demo.absent', status: 404 });
    // And the demo never comes back.
    expect(await ensureDemoSchool(database.db, { today: '2026-09-02' })).toBe(false);
  }, 180_000);

  it('keeps a real school\'s audit log append-only even under the removal\'s setting', async () => {
    const real = await placeSchool(database.db, { regionName: 'Тверская область', municipalityName: 'г. Тверь',
      school: { name: 'Школа № 7', shortName: 'Школа № 7', kind: 'general', timeZone: 'Europe/Moscow', address: '', inn: null } });
    await createAdmin(database.db, { login: 'ivanova', password: 'Школа-7-надёжно', displayName: 'Иванова', schoolId: real.id });
    await expect(database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('klassny.removing_demo_school', ${real.id}, true)`);
      await tx.execute(sql`delete from audit_entries where school_id = ${real.id}`);
    })).rejects.toSatisfy((error: Error & { cause?: Error }) => /append-only/.test(error.cause?.message ?? error.message));
  });
});

describe('the order of deletion', () => {
  it('puts children before parents and ignores a table\'s reference to itself', () => {
    expect(deletionOrder([
      { table: 'lessons', refs: ['schools', 'groups', 'lessons'] },
      { table: 'marks', refs: ['lessons', 'students'] },
      { table: 'groups', refs: [] },
      { table: 'students', refs: [] },
    ])).toEqual(['marks', 'lessons', 'students', 'groups']);
  });

  it('refuses a cycle instead of looping', () => {
    expect(() => deletionOrder([{ table: 'a', refs: ['b'] }, { table: 'b', refs: ['a'] }])).toThrow(/cycle/);
  });
});

describe('klassny demo remove on the command line', () => {
  const cli = useCliSandbox('klassny-demo-remove-');
  it('says in one line that there is no demo, and refuses an unknown subcommand', async () => {
    expect(await main(['demo', 'remove'])).toBe(1);
    expect(cli.err).toEqual(['klassny demo: В базе нет демо-данных: удалять нечего.']);
    expect(await main(['demo', 'erase'])).toBe(1);
    expect(cli.err[1]).toBe('klassny demo: неизвестная подкоманда «erase»; есть только klassny demo remove');
  }, 60_000);
});
