import { type Config, loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { demoLoginLines } from '../../server/demo/accounts.ts';
import { demoMayBeClaimed, forbidDemo } from '../../server/demo/demoRecord.ts';
import { SAME_DISK_WARNING, startServer } from '../../server/main.ts';
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

export const startCommand: Command = {
  name: 'start',
  summary: 'запустить сервер (база создаётся и обновляется сама)',
  help: 'Настройки берутся из переменных окружения: PORT, HOST, DATA_DIR, DATABASE_URL (см. README).',
  options: {},
  async run() {
    const config = loadConfig();
    // `npm install` builds the web app (prepare); a checkout started without it builds it once here.
    if (!webIsBuilt()) {
      console.log('Сборка веб-приложения (один раз)…');
      await buildWeb();
    }
    const { app, stop } = await startServer(config, {
      afterMigrate: firstStartHook(config),
    });
    console.log(`\nKlassny работает: ${config.publicUrl}\nДокументация API: ${config.publicUrl}/api/docs\n`);
    if (config.logFile !== '-') console.log(`Журнал запросов и ошибок сервера: ${config.logFile}\n`);
    if (config.backups.sameDisk) console.log(`ВНИМАНИЕ: ${SAME_DISK_WARNING}\n`);
    const demo = await demoLoginLines(app.database.db);
    if (demo.length > 0) {
      console.log(`${demo.join('\n')}\n`);
      console.log(config.demoPublic
        ? 'Демо-входы открыты с любого адреса (DEMO_PUBLIC=true): не держите в демо настоящих данных.\n'
        : 'Демо-входы принимаются только с этого компьютера; с других — после DEMO_PUBLIC=true. Убрать демо: klassny demo remove.\n');
    }
    const setupToken = await issueSetupToken(app.database.db);
    if (setupToken) {
      console.log(`В базе нет ни одной школы. Первый запуск — откройте одноразовую ссылку:\n  ${config.publicUrl}/first-run#${setupToken}\n`
        + '(или без браузера: klassny init --help)\n');
    }
    await new Promise<void>((resolve) => {
      const shutdown = () => void stop().then(resolve);
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    return 0;
  },
};
