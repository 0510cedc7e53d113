import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { runNow } from '../../server/jobs/execute.ts';
import { type Job, silentLogger } from '../../server/jobs/job.ts';
import { JOBS, serverJobs } from '../../server/jobs/registry.ts';
import { localDiskStorage } from '../../server/storage/fileStorage.ts';
import path from 'node:path';
import { lastSlotSummaries } from '../../server/jobs/runs.ts';
import { nextSlot } from '../../server/jobs/schedule.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { CliError, type Command } from '../command.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const at = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** `klassny jobs list`: each job, its schedule, and how its latest slot went. */
export async function listJobs(database: Database, now: Date, print: (line: string) => void, jobs: readonly Job[] = JOBS): Promise<number> {
  const summaries = new Map((await lastSlotSummaries(database.db)).map((s) => [s.job, s]));
  for (const job of jobs) {
    const where = job.scope === 'school' ? 'по местному времени каждой школы' : `${job.timeZone}, один раз на развёртывание`;
    print(`${job.name} — ${job.title}`);
    print(`  расписание: ${job.schedule} (${where})`);
    if (job.scope === 'deployment') {
      const next = nextSlot(job.schedule, job.timeZone, now);
      if (next) print(`  следующий запуск: ${at(next)}`);
    }
    const last = summaries.get(job.name);
    if (!last) {
      print('  последний запуск: не было');
      continue;
    }
    const counts = [`успешно ${last.ok}`, `с ошибкой ${last.failed}`, ...(last.running ? [`выполняется ${last.running}`] : [])];
    print(`  последний запуск: ${at(last.startedAt)} — ${last.failed ? 'ошибка' : last.running ? 'выполняется' : 'успешно'} (${counts.join(', ')})`);
    if (last.failedError) print(`  ошибка: ${last.failedError}`);
  }
  return 0;
}

/** `klassny jobs run NAME`: one attempt now; exit code 1 when any run failed. */
export async function runJob(database: Database, name: string, schoolId: string | undefined, now: () => Date,
  print: (line: string) => void, jobs: readonly Job[] = JOBS): Promise<number> {
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new CliError(`нет задания «${name}»; список: klassny jobs list`);
  if (schoolId && job.scope !== 'school') throw new CliError(`--school: задание ${name} выполняется один раз на развёртывание`);
  const results = await runNow({ database, now, log: silentLogger }, job, schoolId);
  if (results.length === 0) {
    if (schoolId) throw new CliError(`--school: нет школы ${schoolId}`);
    print(`${name}: нет школ — нечего выполнять`);
    return 0;
  }
  for (const r of results) {
    const who = r.schoolId ? `школа ${r.schoolId}` : 'развёртывание';
    const details = Object.entries(r.details).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
    print(r.outcome === 'ok' ? `${name}: ${who} — успешно${details ? ` (${details})` : ''}` : `${name}: ${who} — ошибка: ${r.error}`);
  }
  const failed = results.filter((r) => r.outcome === 'failed').length;
  print(`Итог: успешно ${results.length - failed}, с ошибкой ${failed}`);
  return failed ? 1 : 0;
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'плановые задания: list — список и последние запуски, run NAME — выполнить сейчас',
  help: [
    '  list            задания, их расписание, последний запуск и его итог',
    '  run NAME        выполнить задание сейчас, один раз (без повторов); код выхода 1, если запуск не удался',
    '  --school ID     run: только эта школа',
    '',
    'По расписанию задания выполняет сервер (klassny start, JOBS=true): в развёртывании — один процесс за раз.',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR.',
  ].join('\n'),
  options: { school: { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    const [sub, name, ...extra] = positionals;
    const school = values.school;
    if (sub === 'list' && name === undefined) {
      if (school !== undefined) throw new CliError('--school: только для klassny jobs run NAME');
    } else if (sub !== 'run' || name === undefined || extra.length > 0) {
      throw new CliError('ожидалась подкоманда: klassny jobs list или klassny jobs run NAME [--school ID]');
    }
    if (school !== undefined && (typeof school !== 'string' || !UUID.test(school))) {
      throw new CliError('--school: ожидался идентификатор школы (UUID)');
    }
    const config = loadConfig();
    const { database, release } = await openConfiguredDatabase(config);
    try {
      const print = (line: string) => console.log(line);
      // The backups too: `klassny jobs run backup` makes the scheduled backup now (with no server on the embedded database).
      const jobs = serverJobs({ database, storage: localDiskStorage(path.join(config.dataDir, 'files')), settings: config.backups });
      return sub === 'list'
        ? await listJobs(database, new Date(), print, jobs)
        : await runJob(database, name!, school, () => new Date(), print, jobs);
    } finally {
      await release();
    }
  },
};
