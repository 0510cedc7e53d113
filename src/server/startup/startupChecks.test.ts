import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { main } from '../../cli/main.ts';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase, startServer } from '../main.ts';
import { StartupError } from './startupChecks.ts';

describe('a start that cannot go on says so in one Russian line', () => {
  const cli = useCliSandbox('klassny-startup-');
  let blocker: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  async function busyPort(): Promise<number> {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen({ port: 0, host: '127.0.0.1' }, resolve));
    return (blocker.address() as { port: number }).port;
  }

  it('refuses a busy port before touching the database: no migration, no demo', async () => {
    const port = await busyPort();
    const config = { ...loadConfig(), port, host: '127.0.0.1', demo: true };
    let demoBuilt = false;
    const started = startServer(config, { afterMigrate: async () => { demoBuilt = true; } });
    await expect(started).rejects.toThrow(StartupError);
    await expect(started).rejects.toThrow(
      `порт ${port} на 127.0.0.1 уже занят другой программой (может быть, Klassny уже запущен): остановите её или укажите другой PORT`);
    expect(demoBuilt).toBe(false);
    // The embedded database was not even opened (on PostgreSQL the hook above is the witness).
    expect(existsSync(path.join(cli.dir, 'pglite'))).toBe(false);
  });

  it('refuses a DATA_DIR it cannot write, naming the folder and what to do', async () => {
    const file = path.join(cli.dir, 'not-a-folder');
    writeFileSync(file, '');
    process.env.DATA_DIR = path.join(file, 'data');
    const line = new RegExp(
      `^папка данных ${path.join(file, 'data')} недоступна для записи \\(ENOTDIR\\): укажите в DATA_DIR папку, куда пользователь .+ может писать`);
    // On PostgreSQL too: the homework files, keys and backups live there.
    await expect(startServer({ ...loadConfig(), port: 0, host: '127.0.0.1' })).rejects.toThrow(line);
    if (process.env.DATABASE_URL) return;
    expect(await main(['migrate'])).toBe(1);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]!.replace(/^klassny migrate: /, '')).toMatch(line);
    expect(cli.err[0]).not.toContain('непредвиденная');
  });

  it('refuses a database that a newer Klassny migrated, in one line, and changes nothing', async () => {
    expect(await main(['migrate'])).toBe(0);
    const opened = await openConfiguredDatabase(loadConfig());
    const future = Date.UTC(2099, 0, 5, 10, 0);
    await opened.database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', ${future})`);
    await opened.release();

    expect(await main(['migrate'])).toBe(1);
    expect(cli.err).toEqual([
      'klassny migrate: база данных обновлена более новой версией Klassny (миграций, неизвестных этой версии: 1, последняя от 2099-01-05 10:00 UTC): ' +
        'установите ту версию или новее, либо восстановите копию, сделанную до обновления (docs/deploy.md, «Откат»)',
    ]);
    const config = { ...loadConfig(), port: 0, host: '127.0.0.1' };
    await expect(startServer(config)).rejects.toThrow(/^база данных обновлена более новой версией Klassny/);
  });
});
