import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import type { Database } from '../../server/db/client.ts';
import type { Job } from '../../server/jobs/job.ts';
import { loadConfig } from '../../server/config.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { main } from '../main.ts';
import { listJobs, runJob } from './jobs.ts';

describe('jobs list and jobs run on a database', () => {
  let database: Database;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(() => database.close());

  const printed = () => {
    const lines: string[] = [];
    return { lines, print: (line: string) => void lines.push(line) };
  };
  const now = () => new Date('2026-12-09T10:00:00Z');

  it('lists each job with its schedule, and «не было» before its first run', async () => {
    const { lines, print } = printed();
    expect(await listJobs(database, now(), print)).toBe(0);
    expect(lines).toEqual([
      'audit-verify — проверка цепочки хешей журнала изменений (как klassny audit verify)',
      '  расписание: 0 3 * * 0 (по местному времени каждой школы)',
      '  последний запуск: не было',
    ]);
  });

  it('runs a job now for every school, prints each outcome, and lists the run after', async () => {
    const { school } = await createSchool(database.db);
    const run = printed();
    expect(await runJob(database, 'audit-verify', undefined, now, run.print)).toBe(0);
    expect(run.lines).toEqual([
      `audit-verify: школа ${school.id} — успешно (entries: 0, intact: true)`,
      'Итог: успешно 1, с ошибкой 0',
    ]);
    const list = printed();
    await listJobs(database, now(), list.print);
    expect(list.lines[2]).toBe('  последний запуск: 2026-12-09 10:00 UTC — успешно (успешно 1, с ошибкой 0)');
  });

  it('exits 1 and prints the error when a run fails, without retrying it', async () => {
    const { school } = await createSchool(database.db);
    let calls = 0;
    const failing: Job = {
      name: 'test-broken', title: 'проба', schedule: '0 3 * * 0', scope: 'school',
      async run() { calls++; throw new Error('нет доступа к каталогу'); },
    };
    const { lines, print } = printed();
    expect(await runJob(database, 'test-broken', school.id, now, print, [failing])).toBe(1);
    expect(lines).toEqual([`test-broken: школа ${school.id} — ошибка: нет доступа к каталогу`, 'Итог: успешно 0, с ошибкой 1']);
    expect(calls).toBe(1);
  });
});

describe('klassny jobs', () => {
  const cli = useCliSandbox('klassny-jobs-cli-');

  it('runs the audit check on the configured database, exits 0, and lists its last run', async () => {
    expect(await main(['migrate'])).toBe(0);
    expect(await main(['jobs', 'run', 'audit-verify'])).toBe(0);
    expect(cli.out.at(-1)).toBe('audit-verify: нет школ — нечего выполнять');
    const opened = await openConfiguredDatabase(loadConfig());
    const { school } = await createSchool(opened.database.db).finally(() => opened.release());
    expect(await main(['jobs', 'run', 'audit-verify', '--school', school.id])).toBe(0);
    expect(cli.out.at(-2)).toBe(`audit-verify: школа ${school.id} — успешно (entries: 0, intact: true)`);
    const before = cli.out.length;
    expect(await main(['jobs', 'list'])).toBe(0);
    const listed = cli.out.slice(before);
    const audit = listed.findIndex((line) => line.startsWith('audit-verify — '));
    expect(listed[audit + 2]).toMatch(/^ {2}последний запуск: \d{4}-\d\d-\d\d \d\d:\d\d UTC — успешно \(успешно 1, с ошибкой 0\)$/);
    // The backups are scheduled jobs of the server too, on the deployment's one clock.
    expect(listed).toContain('  расписание: 0 2 * * 0 (Europe/Moscow, один раз на развёртывание)');
    expect(cli.err).toEqual([]);
  });

  it('refuses an unknown job, a missing subcommand and a malformed school id with one line each', async () => {
    expect(await main(['jobs', 'run', 'backup-everything'])).toBe(1);
    expect(await main(['jobs'])).toBe(1);
    expect(await main(['jobs', 'run', 'audit-verify', '--school', '42'])).toBe(1);
    expect(cli.err).toEqual([
      'klassny jobs: нет задания «backup-everything»; список: klassny jobs list',
      'klassny jobs: ожидалась подкоманда: klassny jobs list или klassny jobs run NAME [--school ID]',
      'klassny jobs: --school: ожидался идентификатор школы (UUID)',
    ]);
  });
});
