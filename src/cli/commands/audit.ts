import type { Db } from '../../server/db/client.ts';
import { loadConfig } from '../../server/config.ts';
import { describeChains, verifyChains } from '../../server/modules/audit/verify.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { describeAgainstCopy, verifyAgainstCopy } from '../../server/records/auditAgainst.ts';
import type { Manifest } from '../../server/records/manifest.ts';
import { configuredBackupKey } from '../../server/records/backupCrypt.ts';
import { readArchiveManifest } from '../../server/records/restoreArchive.ts';
import { AppError } from '../../server/errors.ts';
import { CliError, type Command } from '../command.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `klassny audit verify [--school ID]`: prints the verdict and returns the exit code. */
export async function runAuditVerify(db: Db, schoolId: string | undefined, print: (line: string) => void): Promise<number> {
  const { ok, lines } = describeChains(await verifyChains(db, schoolId));
  for (const line of lines) print(line);
  return ok ? 0 : 1;
}

/** The checked manifest of BACKUP, or one line saying why it cannot be read (worded for this command, not for a restore). */
export async function manifestOfCopy(file: string, key?: string): Promise<Manifest> {
  try {
    return await readArchiveManifest(file, key);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new CliError(error.message.replace(/;\s*восстановление не выполнено\.$/, '.').replace(', BACKUP_ENCRYPTION_KEY_FILE или --key-file', ' или BACKUP_ENCRYPTION_KEY_FILE'));
  }
}

/** `klassny audit verify --against BACKUP [--school ID]`: one line per school of the copy; 1 when any diverges. */
export async function runAuditVerifyAgainst(
  db: Db, manifest: Manifest, schoolId: string | undefined, print: (line: string) => void,
): Promise<number> {
  const heads = manifest.auditChains.filter((h) => !schoolId || h.schoolId === schoolId);
  if (heads.length === 0) {
    print(schoolId ? `В копии нет цепочки журнала аудита школы ${schoolId}: сравнивать не с чем` : 'В копии нет ни одной цепочки журнала аудита: сравнивать не с чем');
    return 1;
  }
  const { ok, lines } = describeAgainstCopy(await verifyAgainstCopy(db, heads), manifest);
  for (const line of lines) print(line);
  return ok ? 0 : 1;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'журнал аудита: verify — пересчитать цепочку хешей и назвать первую нарушенную запись',
  help: [
    '  verify          пересчитать хеши всех записей журнала аудита; код выхода 1, если цепочка нарушена',
    '  --school ID     только эта школа',
    '  --against BACKUP  сверить с цепочками, записанными в резервной копии BACKUP (читается только её оглавление):',
    '                    сегодняшняя цепочка должна продолжать ту; код выхода 1, если какая-то школа расходится',
    '',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR.',
  ].join('\n'),
  options: { school: { type: 'string' }, against: { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1 || positionals[0] !== 'verify') {
      throw new CliError('ожидалась подкоманда: klassny audit verify [--school ID] [--against BACKUP]');
    }
    const school = values.school;
    if (school !== undefined && (typeof school !== 'string' || !UUID.test(school))) {
      throw new CliError('--school: ожидался идентификатор школы (UUID)');
    }
    const against = values.against;
    if (against !== undefined && (typeof against !== 'string' || against === '')) {
      throw new CliError('--against: ожидался путь к файлу резервной копии');
    }
    // The copy is read before the database is opened: an unreadable one changes nothing and says so in one line.
    const config = loadConfig();
    // An encrypted copy is opened with the key of the settings (BACKUP_ENCRYPTION_KEY or …_FILE).
    const manifest = against === undefined ? undefined : await manifestOfCopy(against, configuredBackupKey(config));
    const { database, release } = await openConfiguredDatabase(config);
    try {
      const print = (line: string) => console.log(line);
      return manifest
        ? await runAuditVerifyAgainst(database.db, manifest, school, print)
        : await runAuditVerify(database.db, school, print);
    } finally {
      await release();
    }
  },
};
