import { sql } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { loadConfig } from '../../server/config.ts';
import { queryRows } from '../../server/db/client.ts';
import { startServer } from '../../server/main.ts';
import { main } from '../main.ts';
import { firstStartHook } from './start.ts';

const ENV = ['DEMO', 'PORT', 'HOST', 'JOBS'] as const;

describe('klassny init', () => {
  const cli = useCliSandbox('klassny-init-');
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  beforeEach(() => {
    process.env.PORT = '0';
    process.env.HOST = '127.0.0.1';
    process.env.JOBS = 'false';
  });
  afterEach(() => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  const start = () => {
    const config = loadConfig();
    return startServer(config, { afterMigrate: firstStartHook(config) });
  };
  const init = ['init', '--region', 'Тверская область', '--municipality', 'г. Тверь', '--school', 'МБОУ «СОШ № 7»',
    '--short-name', 'Школа № 7', '--week-days', '6', '--login', 'ivanova', '--password', 'Школа-7-надёжно', '--name', 'Иванова М. П.'];

  it('DEMO=false start, init while that server runs, then a plain start: one school, no demo', async () => {
    process.env.DEMO = 'false';
    const first = await start();
    try {
      // This test process runs both the server and the command: the lock must show the server as
      // another live process, as it would from a terminal (the parent's pid stands in). PostgreSQL needs no lock.
      if (!process.env.DATABASE_URL) writeFileSync(path.join(cli.dir, 'klassny.lock'), String(process.ppid));
      expect(await main(init)).toBe(0);
      expect(cli.err).toEqual([]);
      expect(cli.out[0]).toBe('Создана школа «Школа № 7» и её администратор ivanova.');
      // create-admin, too, goes through the running server (or straight to PostgreSQL).
      expect(await main(['create-admin', '--login', 'zavuch', '--password', 'Завуч-школы-7'])).toBe(0);
    } finally {
      await first.stop();
    }
    delete process.env.DEMO;
    const second = await start();
    try {
      const [counts] = await queryRows<{ schools: number; demo: number; weekDays: number; users: number }>(second.app.database.db, sql`
        select (select count(*)::int from schools) as schools, (select count(*)::int from demo_schools) as demo,
               (select week_days from academic_years) as "weekDays", (select count(*)::int from users) as users`);
      expect(counts).toEqual({ schools: 1, demo: 0, weekDays: 6, users: 2 });
      expect(await main(init)).toBe(1);
      expect(cli.err.at(-1)).toMatch(/^klassny init: В базе уже есть школа/);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it('reads the organisation from a JSON file and refuses a bad field in one line, writing nothing', async () => {
    const file = path.join(cli.dir, 'school.json');
    writeFileSync(file, JSON.stringify({
      regionName: 'Республика Карелия', municipalityName: 'г. Петрозаводск',
      school: { name: 'Колледж', kind: 'college', timeZone: 'Europe/Moscow' }, admin: { login: 'k', password: 'x' },
    }));
    expect(await main(['init', '--file', file, '--time-zone', 'Mars/Olympus'])).toBe(1);
    expect(cli.err).toEqual(['klassny init: school.timeZone: Неизвестный часовой пояс']);
    expect(await main(['init', '--file', file, '--login', 'curator', '--password', 'Колледж-Карелии'])).toBe(0);
    expect(cli.out[0]).toBe('Создана школа «Колледж» и её администратор curator.');
  }, 60_000);
});
