import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { loadConfig } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';
import { openConfiguredDatabase, startServer } from '../../server/main.ts';
import { eq } from 'drizzle-orm';
import { users } from '../../server/db/schema/index.ts';
import { hashPassword } from '../../server/modules/accounts/passwords.ts';
import { createAdmin } from '../../server/modules/accounts/service.ts';
import { main } from '../main.ts';

const SETTINGS = { PUBLIC_URL: 'https://journal.school.ru', TRUST_PROXY: 'true', HOST: '127.0.0.1', SECRET_KEY: 'k'.repeat(40), PORT: '0', LOG_LEVEL: 'silent', JOBS: 'false' };

describe('klassny doctor', () => {
  const cli = useCliSandbox('klassny-doctor-');
  afterEach(() => {
    for (const name of Object.keys(SETTINGS)) delete process.env[name];
  });

  /** A deployment as docs/deploy.md describes it: migrated, behind a proxy, with a fresh copy on another disk. */
  function configured(): string {
    Object.assign(process.env, SETTINGS);
    const external = path.join(cli.dir, 'usb');
    mkdirSync(external);
    writeFileSync(path.join(external, 'klassny-2026-12-07T03-00-00-000Z-1a2b.tar'), '');
    return external;
  }
  const line = (start: string) => cli.out.find((l) => l.startsWith(start));

  it('passes a configured deployment line by line, then names the demo login with the published password', async () => {
    const external = configured();
    expect(await main(['migrate'])).toBe(0);
    cli.out.length = 0;
    expect(await main(['doctor', '--backups', external])).toBe(0);
    expect(cli.out).toHaveLength(9);
    expect(cli.out.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(line('✓ PUBLIC_URL')).toBe('✓ PUBLIC_URL: https://journal.school.ru');
    expect(line('✓ последняя резервная копия')).toMatch(/usb\/klassny-2026-12-07T03-00-00-000Z-1a2b\.tar$/);
    expect(line('✓ база данных: все миграции применены')).toBeDefined();
    expect(line('✓ демо-входов')).toBe('✓ демо-входов с опубликованным паролем нет');

    const opened = await openConfiguredDatabase(loadConfig());
    // Real accounts can no longer be given the published password; a database from before that rule may hold one.
    await (async () => {
      await createAdmin(opened.database.db, { login: 'director', password: 'a-real-passphrase-2026', displayName: 'Оператор' });
      await opened.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.login, 'director'));
    })().finally(() => opened.release());
    cli.out.length = 0;
    expect(await main(['doctor', '--backups', external])).toBe(1);
    expect(line('✗ в базе демо-входы')).toBe(
      '✗ в базе демо-входы с опубликованным паролем (1): для настоящей школы уберите демо (klassny demo remove) или смените их пароли');
  }, 60_000);

  it('says what to fix on a bare start: no PUBLIC_URL, no copies', async () => {
    expect(await main(['migrate'])).toBe(0);
    cli.out.length = 0;
    expect(await main(['doctor'])).toBe(1);
    expect(line('✗ PUBLIC_URL')).toMatch(/^✗ PUBLIC_URL: http:\/\/localhost:3000 открывается только на этой машине/);
    expect(line('✗ резервных копий нет')).toBeDefined();
  });

  it('reads the database while the server runs (the embedded one, locked by the server, through its control channel)', async () => {
    const external = configured();
    const server = await startServer(loadConfig());
    try {
      expect(await main(['doctor', '--backups', external])).toBe(0);
      expect(line('✓ база данных: все миграции применены')).toBeDefined();
      expect(line('✓ часовой пояс машины')).toMatch(/школ ещё нет$/);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
