import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.ts';
import { callControl } from '../../server/control/controlClient.ts';
import { DataDirLockedError } from '../../server/db/dataDirLock.ts';
import { openConfiguredDatabase } from '../../server/db/openConfigured.ts';
import { type BackupSummary, summarizeBackup } from '../../server/records/backupControl.ts';
import { writeBackup } from '../../server/records/backupWrite.ts';
import { configuredBackupKey, newBackupKey, readKeyFile, recipientOf } from '../../server/records/backupCrypt.ts';
import { localDiskStorage } from '../../server/storage/fileStorage.ts';
import { CliError, type Command } from '../command.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} МБ`;

/**
 * `klassny backup [--to DIR]`: PostgreSQL is read directly; the embedded database through the
 * running server when one holds DATA_DIR (never by copying its files), else opened here.
 */
export async function runBackup(config: Config, to: string | undefined, print: (line: string) => void, keyFile?: string): Promise<number> {
  const dir = path.resolve(to ?? path.join(config.dataDir, 'backups'));
  const key = keyFile === undefined ? configuredBackupKey(config) : readKeyFile(path.resolve(keyFile));
  // Only the public half travels to a running server, and only it is needed to encrypt.
  const encryptionKey = key === undefined ? undefined : await recipientOf(key);
  const summary = config.databaseUrl ? await backupHere(config, dir, encryptionKey) : await backupEmbedded(config, dir, encryptionKey);
  const encrypted = encryptionKey ? `; зашифрована ключом ${encryptionKey}` : '';
  print(`Копия записана: ${summary.path} (${megabytes(summary.bytes)}; таблиц ${summary.tables}, строк ${summary.rows}, файлов ${summary.files}${encrypted})`);
  for (const key of summary.missingFiles) print(`Внимание: файла вложения ${key} нет в хранилище — в копии только его запись.`);
  if (to === undefined) {
    print('Внимание: копия лежит на том же диске, что и база, — это ещё не резервная копия; укажите --to на внешнем диске или сетевой папке.');
  }
  return 0;
}

async function backupHere(config: Config, dir: string, encryptionKey: string | undefined): Promise<BackupSummary> {
  const { database, release } = await openConfiguredDatabase(config);
  try {
    return summarizeBackup(await writeBackup({ database, storage: localDiskStorage(path.join(config.dataDir, 'files')), dir, encryptionKey }));
  } finally {
    await release();
  }
}

async function backupEmbedded(config: Config, dir: string, encryptionKey: string | undefined): Promise<BackupSummary> {
  if (!existsSync(path.join(config.dataDir, 'pglite'))) {
    throw new CliError(`в папке данных ${config.dataDir} нет базы: копировать нечего`);
  }
  try {
    return await backupHere(config, dir, encryptionKey);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // A running server holds the database: it makes the copy through its own connection.
    return callControl<BackupSummary>(config.dataDir, 'backup', { dir, encryptionKey });
  }
}

/** `klassny backup --new-key`: a key file's text, as age-keygen writes it. */
export async function printNewKey(print: (line: string) => void): Promise<number> {
  const { secret, recipient } = await newBackupKey();
  print(`# Ключ шифрования резервных копий Klassny (age), создан ${new Date().toISOString()}`);
  print('# Без этого закрытого ключа зашифрованную копию не восстановить: храните его отдельно от копий.');
  print(`# открытый ключ: ${recipient}`);
  print(secret);
  return 0;
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'резервная копия базы и файлов в один архив (сервер может работать)',
  help: [
    '  --to DIR        папка для копии (по умолчанию DATA_DIR/backups — тот же диск, это ещё не резервная копия)',
    '  --key-file F    зашифровать копию (age) ключом из файла F; без него — ключом BACKUP_ENCRYPTION_KEY(_FILE), если задан',
    '  --new-key       напечатать новый ключ шифрования копий и выйти (закрытый — для восстановления, открытый — для копий)',
    '',
    'Архив klassny-<время>.tar: все таблицы, вложения домашних заданий и manifest.json с хешами и концами',
    'цепочек журнала аудита. Восстановление: klassny restore FILE — в пустую базу любого вида.',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR (через работающий сервер, если он запущен).',
  ].join('\n'),
  options: { to: { type: 'string' }, 'key-file': { type: 'string' }, 'new-key': { type: 'boolean' } },
  async run(values) {
    if (values['new-key']) return printNewKey((line) => console.log(line));
    const to = values.to;
    if (to !== undefined && (typeof to !== 'string' || to === '')) throw new CliError('--to: ожидалась папка');
    const keyFile = values['key-file'];
    if (keyFile !== undefined && (typeof keyFile !== 'string' || keyFile === '')) throw new CliError('--key-file: ожидался файл');
    return runBackup(loadConfig(), to as string | undefined, (line) => console.log(line), keyFile as string | undefined);
  },
};
