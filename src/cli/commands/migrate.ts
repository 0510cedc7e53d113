import { loadConfig } from '../../server/config.ts';
import { appliedMigrationCount, migrateDatabase } from '../../server/db/migrate.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import type { Command } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'применить миграции базы данных и выйти',
  help: 'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR.',
  options: {},
  async run() {
    const { database, release } = await openConfiguredDatabase(loadConfig());
    try {
      await migrateDatabase(database);
      console.log(`Миграции применены: ${await appliedMigrationCount(database)}`);
    } finally {
      await release();
    }
    return 0;
  },
};
