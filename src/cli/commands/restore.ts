import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.ts';
import { DataDirLockedError } from '../../server/db/dataDirLock.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { restoreBackup } from '../../server/records/restore.ts';
import { localDiskStorage } from '../../server/storage/fileStorage.ts';
import { CliError, type Command } from '../command.ts';

/** `klassny restore FILE`: into the configured database, which must be empty. */
export async function runRestore(config: Config, file: string, print: (line: string) => void): Promise<number> {
  const archive = path.resolve(file);
  if (!existsSync(archive) || !statSync(archive).isFile()) throw new CliError(`нет файла ${archive}`);
  const opened = await openConfiguredDatabase(config).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CliError(`папку данных ${config.dataDir} занимает работающий сервер Klassny: остановите его перед восстановлением`);
    }
    throw error;
  });
  try {
    const result = await restoreBackup({ file: archive, database: opened.database, storage: localDiskStorage(path.join(config.dataDir, 'files')) });
    const where = config.databaseUrl ? 'в PostgreSQL (DATABASE_URL)' : `во встроенную базу ${config.dataDir}`;
    const migrated = result.migrationsApplied ? `, применено миграций после копии: ${result.migrationsApplied}` : '';
    print(`Восстановлено ${where} из копии от ${result.manifest.createdAt}: строк ${result.rows}, файлов ${result.files}${migrated}.`);
    print('Проверьте журнал аудита: klassny audit verify');
    return 0;
  } finally {
    await opened.release();
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'восстановить резервную копию (klassny backup) в пустую базу',
  help: [
    '  FILE            архив klassny-<время>.tar',
    '',
    'Сначала проверяются хеши всех файлов копии; при ошибке ничего не записывается. База должна быть пустой;',
    'копия встроенной базы восстанавливается в PostgreSQL и наоборот (так переезжают на PostgreSQL).',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR (сервер должен быть остановлен).',
  ].join('\n'),
  options: {},
  positionals: true,
  async run(_values, positionals) {
    if (positionals.length !== 1) throw new CliError('ожидался один файл: klassny restore FILE');
    return runRestore(loadConfig(), positionals[0]!, (line) => console.log(line));
  },
};
