import { loadConfig } from '../../server/config.ts';
import { demoLoginLines } from '../../server/demo/accounts.ts';
import { ensureDemoSchool } from '../../server/demo/district.ts';
import { SAME_DISK_WARNING, startServer } from '../../server/main.ts';
import type { Command } from '../command.ts';
import { buildWeb, webIsBuilt } from '../webBuild.ts';

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
      // An empty database gets the demo school and college, so there is something to look at.
      afterMigrate: async (database) => {
        if (!config.demo) return;
        const started = performance.now();
        if (await ensureDemoSchool(database.db)) {
          console.log(`База была пуста: созданы демо-школа и демо-колледж (${((performance.now() - started) / 1000).toFixed(1)} с).`);
        }
      },
    });
    console.log(`\nKlassny работает: ${config.publicUrl}\nДокументация API: ${config.publicUrl}/api/docs\n`);
    if (config.logFile !== '-') console.log(`Журнал запросов и ошибок сервера: ${config.logFile}\n`);
    if (config.backups.sameDisk) console.log(`ВНИМАНИЕ: ${SAME_DISK_WARNING}\n`);
    const demo = await demoLoginLines(app.database.db);
    if (demo.length > 0) console.log(`${demo.join('\n')}\n`);
    await new Promise<void>((resolve) => {
      const shutdown = () => void stop().then(resolve);
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    return 0;
  },
};
