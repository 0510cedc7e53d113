import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { main } from '../../cli/main.ts';
import { type Database, queryRows } from '../db/client.ts';
import { createAdmin } from '../modules/accounts/service.ts';
import { DEMO_LOGINS, DEMO_MUNICIPAL_LOGIN, DEMO_PASSWORD, demoLoginLines } from './accounts.ts';
import { forbidDemo } from './demoRecord.ts';
import { ensureDemoSchool } from './district.ts';

const countAll = async (database: Database) =>
  (await queryRows<{ schools: number; students: number; users: number }>(database.db, sql`
    select (select count(*)::int from schools) as schools, (select count(*)::int from students) as students,
           (select count(*)::int from users) as users`))[0]!;

describe('the demo school on first start', () => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('builds a general school and a college into an empty database, and does nothing the second time', async () => {
    expect(await ensureDemoSchool(database.db)).toBe(true);
    const first = await countAll(database);
    expect(first.schools).toBe(2);
    // The school logins and the municipal operator.
    expect(first.users).toBe(DEMO_LOGINS.length + 1);
    expect(await ensureDemoSchool(database.db)).toBe(false);
    expect(await countAll(database)).toEqual(first);
  }, 120_000);

  it('lists every demo login with the shared password, and drops one whose password was changed', async () => {
    // The logins do not depend on the journal: a short one keeps the test quick.
    await ensureDemoSchool(database.db, { today: '2026-09-02' });
    const lines = await demoLoginLines(database.db);
    expect(lines[0]).toBe('Демо-входы:');
    for (const d of [...DEMO_LOGINS, DEMO_MUNICIPAL_LOGIN]) {
      expect(lines.some((l) => l.trim().startsWith(`${d.login} `) && l.includes(DEMO_PASSWORD) && l.includes(d.roleName))).toBe(true);
    }
    await database.db.execute(sql`update users set password_hash = null where login = 'director'`);
    const after = await demoLoginLines(database.db);
    expect(after.some((l) => l.trim().startsWith('director '))).toBe(false);
    expect(after.length).toBe(lines.length - 1);
  });

  it('builds no demo once an account or a school was made another way, nor after a start with DEMO=false', async () => {
    await createAdmin(database.db, { login: 'platform', password: 'operator-secret', displayName: 'Оператор' });
    expect(await ensureDemoSchool(database.db, { today: '2026-09-02' })).toBe(false);
    expect((await countAll(database)).schools).toBe(0);

    const other = await createTestDatabase();
    try {
      await forbidDemo(other.db);
      expect(await ensureDemoSchool(other.db, { today: '2026-09-02' })).toBe(false);
      expect((await countAll(other)).users).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('records the demo\'s schools, so that removing the demo knows what is the demo', async () => {
    expect(await ensureDemoSchool(database.db, { today: '2026-09-02' })).toBe(true);
    const [recorded] = await queryRows<{ n: number; allowed: boolean }>(database.db, sql`
      select (select count(*)::int from demo_schools) as n, (select demo_allowed from deployment) as allowed`);
    expect(recorded).toEqual({ n: 2, allowed: false });
  });

  it('prints nothing for a database without demo accounts', async () => {
    expect(await demoLoginLines(database.db)).toEqual([]);
  });
});

describe('klassny demo', () => {
  const cli = useCliSandbox('klassny-demo-cli-');

  it('builds a school into an empty database, then refuses a database that has schools', async () => {
    expect(await main(['demo', '--schools', '1', '--seed', '5'])).toBe(0);
    expect(cli.out.join('\n')).toMatch(/Демо-район «.+» создан за \d+\.\d с: 1 орг\./);
    expect(cli.out.join('\n')).toContain('students');
    expect(cli.err).toEqual([]);

    expect(await main(['demo'])).toBe(1);
    expect(cli.err).toEqual(['klassny demo: в базе уже есть школы; демо-данные создаются только в пустой базе']);
  }, 120_000);

  it('refuses a number of schools out of range with one line', async () => {
    expect(await main(['demo', '--schools', '501'])).toBe(1);
    expect(cli.err).toEqual(['klassny demo: --schools: ожидалось целое число от 1 до 500']);
    expect(await main(['demo', '--seed', 'abc'])).toBe(1);
    expect(cli.err[1]).toBe('klassny demo: --seed: ожидалось целое число от 0 до 2147483647');
  });
});
