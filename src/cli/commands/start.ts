import cluster from 'node:cluster';
import pino from 'pino';
import { superviseWorkers, workerCount, announceDraining } from '../../server/cluster/primary.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { openServerLog } from '../../server/logging.ts';
import { assertPortFree, assertWritableDataDir } from '../../server/startup/startupChecks.ts';
import { demoLoginLines } from '../../server/demo/accounts.ts';
import { demoMayBeClaimed, forbidDemo } from '../../server/demo/demoRecord.ts';
import { openConfiguredDatabase, SAME_DISK_WARNING, startServer } from '../../server/main.ts';
import { issueSetupToken } from '../../server/modules/setup/service.ts';
import type { Command } from '../command.ts';
import { buildWeb, webIsBuilt } from '../webBuild.ts';

/**
 * After the migrations: on the very first start of a database that never held anything, the demo
 * school and college (demoRecord.ts); a start with DEMO=false closes that chance for good.
 */
export function firstStartHook(config: Config) {
  return async (database: Database) => {
    if (!config.demo) return forbidDemo(database.db);
    // The demo's generator (faker's names and more) is loaded only when it may run, not on every start.
    if (!(await demoMayBeClaimed(database.db))) return;
    const started = performance.now();
    const { ensureDemoSchool } = await import('../../server/demo/district.ts');
    if (await ensureDemoSchool(database.db)) {
      console.log(`База была пуста: созданы демо-школа и демо-колледж (${((performance.now() - started) / 1000).toFixed(1)} с).`);
    }
  };
}

/** What the operator needs from the database at start: the demo's logins, the first-run link. */
async function firstStartLines(config: Config, database: Database): Promise<string[]> {
  const lines: string[] = [];
  const demo = await demoLoginLines(database.db);
  if (demo.length > 0) {
    lines.push(`${demo.join('\n')}\n`);
    lines.push(config.demoPublic
      ? 'Демо-входы открыты с любого адреса (DEMO_PUBLIC=true): не держите в демо настоящих данных.\n'
      : 'Демо-входы принимаются только с этого компьютера; с других — после DEMO_PUBLIC=true. Убрать демо: klassny demo remove.\n');
  }
  const setupToken = await issueSetupToken(database.db);
  if (setupToken) {
    lines.push(`В базе нет ни одной школы. Первый запуск — откройте одноразовую ссылку:\n  ${config.publicUrl}/first-run#${setupToken}\n`
      + '(или без браузера: klassny init --help)\n');
  }
  return lines;
}

function printBanner(config: Config, lines: string[], workers: number) {
  console.log(`\nKlassny работает: ${config.publicUrl}\nДокументация API: ${config.publicUrl}/api/docs\n`);
  if (workers > 1) console.log(`Процессов сервера: ${workers} (WORKERS), общая база PostgreSQL.\n`);
  if (config.logFile !== '-') console.log(`Журнал запросов и ошибок сервера: ${config.logFile}\n`);
  if (config.backups.sameDisk) console.log(`ВНИМАНИЕ: ${SAME_DISK_WARNING}\n`);
  for (const line of lines) console.log(line);
}

const stopSignal = () => new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

/** One process: the embedded database, or WORKERS=1. */
async function runSingle(config: Config): Promise<number> {
  const { app, stop } = await startServer(config, { afterMigrate: firstStartHook(config) });
  printBanner(config, await firstStartLines(config, app.database), 1);
  await stopSignal();
  await stop();
  return 0;
}

/**
 * The primary of a cluster (cluster/primary.ts): the first-start work — migrations, the demo, the
 * first-run link — happens here once, before any worker exists; then the workers serve.
 */
async function runPrimary(config: Config, workers: number): Promise<number> {
  assertWritableDataDir(config.dataDir);
  await assertPortFree(config.port, config.host);
  const opened = await openConfiguredDatabase(config);
  let lines: string[];
  try {
    await migrateDatabase(opened.database);
    await firstStartHook(config)(opened.database);
    lines = await firstStartLines(config, opened.database);
  } finally {
    await opened.release();
  }
  const serverLog = openServerLog(config);
  try {
    const supervisor = await superviseWorkers(workers, pino({ level: serverLog.options.level }, serverLog.options.stream));
    printBanner(config, lines, workers);
    await stopSignal();
    await supervisor.stop();
    return 0;
  } finally {
    serverLog.close();
  }
}

/** A worker of the cluster: serves until SIGTERM (from the primary, systemd or a terminal), then drains. */
async function runWorker(config: Config): Promise<number> {
  const { stop } = await startServer(config, { worker: { id: cluster.worker!.id } });
  await stopSignal();
  announceDraining();
  await stop();
  process.disconnect();
  return 0;
}

export const startCommand: Command = {
  name: 'start',
  summary: 'запустить сервер (база создаётся и обновляется сама)',
  help: 'Настройки берутся из переменных окружения: PORT, HOST, DATA_DIR, DATABASE_URL, WORKERS (см. README).',
  options: {},
  async run() {
    const config = loadConfig();
    if (cluster.isWorker) return runWorker(config);
    // `npm install` builds the web app (prepare); a checkout started without it builds it once here.
    if (!webIsBuilt()) {
      console.log('Сборка веб-приложения (один раз)…');
      await buildWeb();
    }
    if (!config.databaseUrl && (config.workers ?? 1) > 1) {
      console.log(`WORKERS=${config.workers} не действует: встроенная база (PGlite) работает в одном процессе. `
        + 'Несколько процессов — с PostgreSQL (DATABASE_URL).\n');
    }
    const workers = workerCount(config);
    return workers > 1 ? runPrimary(config, workers) : runSingle(config);
  },
};
