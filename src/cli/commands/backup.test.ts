import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import { newId } from '../../server/db/ids.ts';
import { openConfiguredDatabase, startServer } from '../../server/main.ts';
import { newBackupKey, recipientOf } from '../../server/records/backupCrypt.ts';
import { main } from '../main.ts';

const COPY = /^Копия записана: (\/.+\.tar) \(\d+\.\d МБ; таблиц \d+, строк \d+, файлов 0\)$/;

describe('klassny backup and klassny restore', () => {
  const cli = useCliSandbox('klassny-backup-cli-');
  let target: Database | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopServer?.();
    stopServer = undefined;
    await target?.close();
    target = undefined;
  });

  /** The configured database, migrated, with one school (as the operator made it). */
  async function schoolInConfiguredDatabase(): Promise<string> {
    expect(await main(['migrate'])).toBe(0);
    const opened = await openConfiguredDatabase(loadConfig());
    const { school } = await createSchool(opened.database.db).then(async (made) => {
      // An audited row, so the audit log has a chain to carry over (the school itself is not audited).
      await opened.database.db.transaction((tx) => tx.execute(sql`insert into rooms (school_id, id, name) values (${made.school.id}, ${newId()}, 'Кабинет 12')`));
      return made;
    }).finally(() => opened.release());
    cli.out.length = 0;
    return school.id;
  }

  it('copies the configured database to --to, and restores it into another empty database that then verifies', async () => {
    await schoolInConfiguredDatabase();
    const to = path.join(cli.dir, 'external');
    expect(await main(['backup', '--to', to])).toBe(0);
    expect(cli.out).toHaveLength(1);
    const file = COPY.exec(cli.out[0]!)![1]!;
    expect(path.dirname(file)).toBe(to);
    expect(readdirSync(to)).toEqual([path.basename(file)]);

    // The target: a new DATA_DIR (embedded), or a new empty PostgreSQL database.
    process.env.DATA_DIR = mkdtempSync(path.join(cli.dir, 'restored-'));
    if (process.env.DATABASE_URL) {
      target = await createEmptyDatabase('pg');
      process.env.DATABASE_URL = target.url;
    }
    expect(await main(['restore', file])).toBe(0);
    expect(cli.out.at(-2)).toMatch(/^Восстановлено (в PostgreSQL \(DATABASE_URL\)|во встроенную базу .+) из копии от \d{4}-.+: строк \d+, файлов 0\.$/);
    expect(cli.out.at(-1)).toBe('Проверьте журнал аудита: klassny audit verify');
    expect(await main(['audit', 'verify'])).toBe(0);
    expect(cli.out.at(-1)).toBe('Цепочка цела: 1 запись');
    // A second restore into the same, now full, database is refused.
    expect(await main(['restore', file])).toBe(1);
    expect(cli.err).toEqual(['klassny restore: База не пуста: восстановить копию можно только в пустую базу '
      + '(новая папка DATA_DIR или пустая база PostgreSQL); ничего не записано.']);
  }, 240_000);

  it('writes to DATA_DIR/backups without --to, and says plainly that a copy on the same disk is no backup', async () => {
    await schoolInConfiguredDatabase();
    expect(await main(['backup'])).toBe(0);
    expect(cli.out[0]).toMatch(COPY);
    expect(path.dirname(COPY.exec(cli.out[0]!)![1]!)).toBe(path.join(cli.dir, 'backups'));
    expect(cli.out[1]).toBe('Внимание: копия лежит на том же диске, что и база, — это ещё не резервная копия; '
      + 'укажите --to на внешнем диске или сетевой папке.');
  }, 240_000);

  it('on the embedded database, backs up through the running server, and refuses to restore under it', async () => {
    delete process.env.DATABASE_URL;
    const server = await startServer(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: 'false', JOBS: 'false', LOG_LEVEL: 'silent' }));
    stopServer = server.stop;
    // The lock names this very process, which a lock check takes as its own; the commands must see
    // the server as another live process, as they would from a terminal: its parent's pid stands in.
    writeFileSync(path.join(cli.dir, 'klassny.lock'), String(process.ppid));
    const opened = await openConfiguredDatabase(loadConfig()).catch((e: unknown) => e);
    expect((opened as Error).message).toMatch(/уже используется другим процессом Klassny/);

    const to = path.join(cli.dir, 'external');
    expect(await main(['backup', '--to', to])).toBe(0);
    expect(cli.out[0]).toMatch(COPY);
    expect(existsSync(COPY.exec(cli.out[0]!)![1]!)).toBe(true);
    // Encrypted by the server too: only the public key is sent to it.
    const { recipient } = await newBackupKey();
    process.env.BACKUP_ENCRYPTION_KEY = recipient;
    try {
      expect(await main(['backup', '--to', to])).toBe(0);
    } finally {
      delete process.env.BACKUP_ENCRYPTION_KEY;
    }
    expect(cli.out.at(-1)).toMatch(new RegExp(`^Копия записана: /.+\\.tar\\.age \\(.+; зашифрована ключом ${recipient}\\)$`));

    expect(await main(['restore', COPY.exec(cli.out[0]!)![1]!])).toBe(1);
    expect(cli.err).toEqual([`klassny restore: папку данных ${cli.dir} занимает работающий сервер Klassny: остановите его перед восстановлением`]);
  }, 240_000);

  it('encrypts with --key-file, restores with the key from the settings, refuses another key with one line', async () => {
    await schoolInConfiguredDatabase();
    const { secret, recipient } = await newBackupKey();
    const keyFile = path.join(cli.dir, 'backup.key');
    writeFileSync(keyFile, `# public key: ${recipient}\n${secret}\n`);
    const to = path.join(cli.dir, 'external');
    expect(await main(['backup', '--to', to, '--key-file', keyFile])).toBe(0);
    expect(cli.out[0]).toMatch(new RegExp(`^Копия записана: (/.+\\.tar\\.age) \\(.+; зашифрована ключом ${recipient}\\)$`));
    const file = /^Копия записана: (\/.+\.tar\.age) /.exec(cli.out[0]!)![1]!;

    process.env.DATA_DIR = mkdtempSync(path.join(cli.dir, 'restored-'));
    if (process.env.DATABASE_URL) {
      target = await createEmptyDatabase('pg');
      process.env.DATABASE_URL = target.url;
    }
    const otherKey = path.join(cli.dir, 'other.key');
    writeFileSync(otherKey, `${(await newBackupKey()).secret}\n`);
    expect(await main(['restore', file, '--key-file', otherKey])).toBe(1);
    expect(cli.err).toEqual([`klassny restore: ${path.basename(file)}: ключ не подходит к этой копии; восстановление не выполнено.`]);
    // Nothing was left behind by the refusal: no database made in the new DATA_DIR.
    expect(readdirSync(process.env.DATA_DIR)).toEqual([]);

    process.env.BACKUP_ENCRYPTION_KEY = secret;
    try {
      expect(await main(['restore', file])).toBe(0);
      // The copy's chain heads are read with the same key.
      expect(await main(['audit', 'verify', '--against', file])).toBe(0);
      expect(cli.out.at(-1)).toMatch(/цепочка продолжает записанную в копии от/);
    } finally {
      delete process.env.BACKUP_ENCRYPTION_KEY;
    }
    expect(await main(['audit', 'verify'])).toBe(0);
    expect(cli.out.at(-1)).toBe('Цепочка цела: 1 запись');
  }, 240_000);

  it('prints a new key as a key file: a comment with its public key, then the secret', async () => {
    expect(await main(['backup', '--new-key'])).toBe(0);
    expect(cli.out[2]).toMatch(/^# открытый ключ: age1[0-9a-z]+$/);
    expect(cli.out[3]).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
    expect(await recipientOf(cli.out[3]!)).toBe(cli.out[2]!.slice('# открытый ключ: '.length));
  });

  it('leaves an empty DATA_DIR as it was when a restore is refused', async () => {
    delete process.env.DATABASE_URL;
    const dataDir = path.join(cli.dir, 'new-data');
    process.env.DATA_DIR = dataDir;
    const file = path.join(cli.dir, 'foreign.tar');
    writeFileSync(file, 'не копия');
    expect(await main(['restore', file])).toBe(1);
    expect(cli.err).toEqual(['klassny restore: foreign.tar: это не резервная копия Klassny; восстановление не выполнено.']);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a missing file, no file, and an empty DATA_DIR with one line each', async () => {
    delete process.env.DATABASE_URL;
    expect(await main(['restore'])).toBe(1);
    expect(await main(['restore', path.join(cli.dir, 'nothing.tar')])).toBe(1);
    expect(await main(['backup'])).toBe(1);
    expect(cli.err).toEqual([
      'klassny restore: ожидался один файл: klassny restore FILE',
      `klassny restore: нет файла ${path.join(cli.dir, 'nothing.tar')}`,
      `klassny backup: в папке данных ${cli.dir} нет базы: копировать нечего`,
    ]);
  });
});
