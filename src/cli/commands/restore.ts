import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../../server/config.ts';
import { DataDirLockedError } from '../../server/db/dataDirLock.ts';
import { openConfiguredDatabase } from '../../server/db/openConfigured.ts';
import { configuredBackupKey, isEncryptedFile, isSecretKey, parseBackupKey, readKeyFile } from '../../server/records/backupCrypt.ts';
import { restoreBackup } from '../../server/records/restore.ts';
import { localDiskStorage } from '../../server/storage/fileStorage.ts';
import { CliError, type Command } from '../command.ts';
import { promptSecret } from '../promptSecret.ts';

export type RestoreKeySources = { keyFile?: string; ask?: (question: string) => Promise<string | undefined> };

/** `klassny restore FILE`: into the configured database, which must be empty. */
export async function runRestore(config: Config, file: string, print: (line: string) => void, keys: RestoreKeySources = {}): Promise<number> {
  const archive = path.resolve(file);
  if (!existsSync(archive) || !statSync(archive).isFile()) throw new CliError(`нет файла ${archive}`);
  const key = await isEncryptedFile(archive) ? await keyOfCopy(config, keys) : undefined;
  const leftovers = config.databaseUrl ? [] : newPaths(config.dataDir);
  const opened = await openConfiguredDatabase(config).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CliError(`папку данных ${config.dataDir} занимает работающий сервер Klassny: остановите его перед восстановлением`);
    }
    removeAll(leftovers);
    throw error;
  });
  let restored = false;
  try {
    const result = await restoreBackup({ file: archive, database: opened.database, storage: localDiskStorage(path.join(config.dataDir, 'files')), key });
    restored = true;
    const where = config.databaseUrl ? 'в PostgreSQL (DATABASE_URL)' : `во встроенную базу ${config.dataDir}`;
    const migrated = result.migrationsApplied ? `, применено миграций после копии: ${result.migrationsApplied}` : '';
    print(`Восстановлено ${where} из копии от ${result.manifest.createdAt}: строк ${result.rows}, файлов ${result.files}${migrated}.`);
    print('Проверьте журнал аудита: klassny audit verify');
    return 0;
  } finally {
    await opened.release();
    // A refused restore into a new DATA_DIR leaves it as it was: no empty database behind.
    if (!restored) removeAll(leftovers);
  }
}

/** The secret key of an encrypted copy: --key-file, else the settings, else asked on the terminal. */
async function keyOfCopy(config: Config, { keyFile, ask = promptSecret }: RestoreKeySources): Promise<string | undefined> {
  if (keyFile !== undefined) return readKeyFile(path.resolve(keyFile));
  const configured = configuredBackupKey(config);
  if (configured && isSecretKey(configured)) return configured;
  const typed = await ask('Копия зашифрована. Закрытый ключ (AGE-SECRET-KEY-1…): ');
  // No terminal: restoreBackup says which key it needs.
  return typed === undefined || typed.trim() === '' ? configured : parseBackupKey(typed);
}

/** The paths opening an embedded database would create in DATA_DIR (and DATA_DIR itself) that are not there yet. */
function newPaths(dataDir: string): string[] {
  const made = ['pglite', 'files'].map((name) => path.join(dataDir, name)).filter((p) => !existsSync(p));
  return existsSync(dataDir) ? made : [...made, dataDir];
}

function removeAll(paths: string[]): void {
  for (const p of paths) {
    // DATA_DIR itself only when nothing else was put into it meanwhile.
    if (p.endsWith('pglite') || p.endsWith('files') || (existsSync(p) && readdirSync(p).length === 0)) rmSync(p, { recursive: true, force: true });
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'восстановить резервную копию (klassny backup) в пустую базу',
  help: [
    '  FILE            архив klassny-<время>.tar (или .tar.age — зашифрованный)',
    '  --key-file F    закрытый ключ зашифрованной копии из файла F; без него — BACKUP_ENCRYPTION_KEY(_FILE),',
    '                  а если и их нет — ключ спрашивается в терминале',
    '',
    'Сначала проверяются хеши всех файлов копии; при ошибке ничего не записывается. База должна быть пустой;',
    'копия встроенной базы восстанавливается в PostgreSQL и наоборот (так переезжают на PostgreSQL).',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR (сервер должен быть остановлен).',
  ].join('\n'),
  options: { 'key-file': { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1) throw new CliError('ожидался один файл: klassny restore FILE');
    const keyFile = values['key-file'];
    if (keyFile !== undefined && (typeof keyFile !== 'string' || keyFile === '')) throw new CliError('--key-file: ожидался файл');
    return runRestore(loadConfig(), positionals[0]!, (line) => console.log(line), { keyFile: keyFile as string | undefined });
  },
};
