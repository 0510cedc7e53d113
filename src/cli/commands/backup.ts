import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.ts';
import { callControl } from '../../server/control/controlClient.ts';
import { DataDirLockedError } from '../../server/db/dataDirLock.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { type BackupSummary, summarizeBackup } from '../../server/records/backupControl.ts';
import { writeBackup } from '../../server/records/backupWrite.ts';
import { localDiskStorage } from '../../server/storage/fileStorage.ts';
import { CliError, type Command } from '../command.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} МБ`;

/**
 * `klassny backup [--to DIR]`: PostgreSQL is read directly; the embedded database through the
 * running server when one holds DATA_DIR (never by copying its files), else opened here.
 */
export async function runBackup(config: Config, to: string | undefined, print: (line: string) => void): Promise<number> {
  const dir = path.resolve(to ?? path.join(config.dataDir, 'backups'));
  const summary = config.databaseUrl ? await backupHere(config, dir) : await backupEmbedded(config, dir);
  print(`Копия записана: ${summary.path} (${megabytes(summary.bytes)}; таблиц ${summary.tables}, строк ${summary.rows}, файлов ${summary.files})`);
  for (const key of summary.missingFiles) print(`Внимание: файла вложения ${key} нет в хранилище — в копии только его запись.`);
  if (to === undefined) {
    print('Внимание: копия лежит на том же диске, что и база, — это ещё не резервная копия; укажите --to на внешнем диске или сетевой папке.');
  }
  return 0;
}

async function backupHere(config: Config, dir: string): Promise<BackupSummary> {
  const { database, release } = await openConfiguredDatabase(config);
  try {
    return summarizeBackup(await writeBackup({ database, storage: localDiskStorage(path.join(config.dataDir, 'files')), dir }));
  } finally {
    await release();
  }
}

async function backupEmbedded(config: Config, dir: string): Promise<BackupSummary> {
  if (!existsSync(path.join(config.dataDir, 'pglite'))) {
    throw new CliError(`в папке данных ${config.dataDir} нет базы: копировать нечего`);
  }
  try {
    return await backupHere(config, dir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // A running server holds the database: it makes the copy through its own connection.
    return callControl<BackupSummary>(config.dataDir, 'backup', { dir });
  }
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'резервная копия базы и файлов в один архив (сервер может работать)',
  help: [
    '  --to DIR        папка для копии (по умолчанию DATA_DIR/backups — тот же диск, это ещё не резервная копия)',
    '',
    'Архив klassny-<время>.tar: все таблицы, вложения домашних заданий и manifest.json с хешами и концами',
    'цепочек журнала аудита. Восстановление: klassny restore FILE — в пустую базу любого вида.',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR (через работающий сервер, если он запущен).',
  ].join('\n'),
  options: { to: { type: 'string' } },
  async run(values) {
    const to = values.to;
    if (to !== undefined && (typeof to !== 'string' || to === '')) throw new CliError('--to: ожидалась папка');
    return runBackup(loadConfig(), to as string | undefined, (line) => console.log(line));
  },
};
