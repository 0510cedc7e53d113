import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';
import type { Command } from '../command.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'запустить сервер (база создаётся и обновляется сама)',
  help: 'Настройки берутся из переменных окружения: PORT, HOST, DATA_DIR, DATABASE_URL (см. README).',
  options: {},
  async run() {
    const config = loadConfig();
    const { stop } = await startServer(config);
    console.log(`\nKlassny работает: ${config.publicUrl}\nДокументация API: ${config.publicUrl}/api/docs\n`);
    await new Promise<void>((resolve) => {
      const shutdown = () => void stop().then(resolve);
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    return 0;
  },
};
