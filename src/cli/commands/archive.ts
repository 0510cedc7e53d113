import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/client.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { type ArchiveKeySource, archiveKeyOf, archiveKeySourceOf, groupedFingerprint, normalizeFingerprint } from '../../server/records/archiveKey.ts';
import { verifyYearArchive } from '../../server/records/archiveVerify.ts';
import { buildYearArchive } from '../../server/records/yearArchive.ts';
import { tarOfArchive } from '../../server/records/yearArchiveTar.ts';
import { CliError, type Command } from '../command.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuidOption = (value: string | boolean | undefined, name: string, what: string) => {
  if (typeof value !== 'string' || !UUID.test(value)) throw new CliError(`--${name}: ожидался идентификатор ${what} (UUID)`);
  return value;
};

/** `klassny archive year`: the folder and the same as a .tar beside it; prints where and the key's fingerprint. */
export async function runArchiveYear(
  db: Db, keys: ArchiveKeySource, request: { schoolId: string; yearId: string; to: string; now: Date }, print: (line: string) => void,
): Promise<number> {
  await mkdir(request.to, { recursive: true });
  const key = archiveKeyOf(keys, request.schoolId);
  const { dir, manifest } = await buildYearArchive(db, { ...request, key });
  await pipeline(tarOfArchive(dir, manifest), createWriteStream(`${dir}.tar`));
  const count = (prefix: string) => manifest.files.filter((f) => f.path.startsWith(prefix)).length;
  print(`Архив учебного года «${manifest.year.name}» записан: ${dir} (и одним файлом: ${dir}.tar)`);
  print(`Журналов: ${count('journals/')}, файлов ведомостей: ${count('summaries/')}, записей журнала изменений: ${manifest.audit.entries}`);
  print(`Отпечаток ключа архива (сверьте с подписанной итоговой ведомостью): ${groupedFingerprint(key.fingerprint)}`);
  return 0;
}

/** `klassny archive verify`: no database and no settings, only the archive. */
export async function runArchiveVerify(target: string, fingerprint: string | undefined, print: (line: string) => void): Promise<number> {
  const { ok, lines } = await verifyYearArchive(target, fingerprint);
  for (const line of lines) print(line);
  return ok ? 0 : 1;
}

export const archiveCommand: Command = {
  name: 'archive',
  summary: 'архив учебного года: year — собрать и подписать, verify — проверить без базы и сервера',
  help: [
    '  year --school ID --year ID [--to DIR]',
    '                  архив закрытого учебного года: журналы (PDF), сводные ведомости (PDF и XLSX),',
    '                  журнал изменений за год (JSON Lines) и опись с подписью Ed25519; в DIR',
    '                  (по умолчанию DATA_DIR/archives) — папка и тот же архив одним файлом .tar',
    '  verify PATH [--fingerprint HEX]',
    '                  проверить архив (папку или .tar) без базы данных: подпись, хеши всех файлов,',
    '                  цепочку журнала изменений; с --fingerprint — что подписан ключом с этим отпечатком',
    '',
    'Ключ архива: ARCHIVE_KEY или ARCHIVE_KEY_FILE, иначе создаётся один раз в DATA_DIR/keys.',
  ].join('\n'),
  options: { school: { type: 'string' }, year: { type: 'string' }, to: { type: 'string' }, fingerprint: { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    const [sub, ...rest] = positionals;
    if (sub === 'verify') {
      if (rest.length !== 1) throw new CliError('ожидался путь к архиву: klassny archive verify PATH [--fingerprint HEX]');
      let fingerprint: string | undefined;
      if (values.fingerprint !== undefined) {
        fingerprint = typeof values.fingerprint === 'string' ? normalizeFingerprint(values.fingerprint) ?? undefined : undefined;
        if (fingerprint === undefined) throw new CliError('--fingerprint: ожидались 64 шестнадцатеричные цифры (пробелы можно)');
      }
      return runArchiveVerify(path.resolve(rest[0]!), fingerprint, (line) => console.log(line));
    }
    if (sub !== 'year' || rest.length !== 0) {
      throw new CliError('ожидалась подкоманда: klassny archive year --school ID --year ID [--to DIR] или klassny archive verify PATH');
    }
    const schoolId = uuidOption(values.school, 'school', 'школы');
    const yearId = uuidOption(values.year, 'year', 'учебного года');
    const config = loadConfig();
    const to = typeof values.to === 'string' ? path.resolve(values.to) : path.join(config.dataDir, 'archives');
    const keys = archiveKeySourceOf(config);
    const { database, release } = await openConfiguredDatabase(config);
    try {
      return await runArchiveYear(database.db, keys, { schoolId, yearId, to, now: new Date() }, (line) => console.log(line));
    } finally {
      await release();
    }
  },
};
