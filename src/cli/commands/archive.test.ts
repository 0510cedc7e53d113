import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedYearWorld } from '../../../tests/factories/yearArchive.ts';
import { useCliSandbox } from '../../../tests/support/cliSandbox.ts';
import { loadConfig } from '../../server/config.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { main } from '../main.ts';

describe('klassny archive', () => {
  const cli = useCliSandbox('klassny-archive-cli-');

  async function world() {
    expect(await main(['migrate'])).toBe(0);
    const opened = await openConfiguredDatabase(loadConfig());
    const w = await closedYearWorld(opened.database.db).finally(() => opened.release());
    cli.out.length = 0;
    return w;
  }

  it('builds the year\'s archive as a folder and a .tar, and verify passes both with no database configured', async () => {
    const w = await world();
    const to = path.join(cli.dir, 'архивы');
    expect(await main(['archive', 'year', '--school', w.schoolId, '--year', w.year.id, '--to', to])).toBe(0);
    expect(cli.err).toEqual([]);
    const [folder] = readdirSync(to).filter((name) => !name.endsWith('.tar'));
    expect(readdirSync(to).sort()).toEqual([folder, `${folder}.tar`]);
    expect(cli.out[0]).toBe(`Архив учебного года «${w.year.name}» записан: ${path.join(to, folder!)} (и одним файлом: ${path.join(to, folder!)}.tar)`);
    expect(cli.out[1]).toMatch(/^Журналов: 1, файлов ведомостей: 4, записей журнала изменений: \d+$/);
    const fingerprint = cli.out[2]!.split(': ')[1]!;
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(readdirSync(path.join(cli.dir, 'keys'))).toEqual([`archive-${w.schoolId}.pem`]);

    // Nothing to open: a database setting that does not even parse does not matter to verify.
    process.env.DATABASE_URL = 'это не адрес';
    process.env.DATA_DIR = path.join(cli.dir, 'нет-такого-каталога');
    cli.out.length = 0;
    expect(await main(['archive', 'verify', path.join(to, folder!), '--fingerprint', fingerprint])).toBe(0);
    expect(await main(['archive', 'verify', path.join(to, `${folder}.tar`)])).toBe(0);
    expect(cli.out.filter((line) => line.startsWith('Архив цел'))).toHaveLength(2);
    expect(cli.err).toEqual([]);
  });

  it('exits 1 naming the changed file, and refuses an open year, bad ids and a bad fingerprint with one line each', async () => {
    const w = await world();
    const to = path.join(cli.dir, 'out');
    expect(await main(['archive', 'year', '--school', w.schoolId, '--year', w.year.id, '--to', to])).toBe(0);
    const [folder] = readdirSync(to).filter((name) => !name.endsWith('.tar'));
    const journal = path.join(to, folder!, 'journals', '5А_Математика.pdf');
    const bytes = readFileSync(journal);
    bytes[100]! ^= 0x01;
    writeFileSync(journal, bytes);
    cli.out.length = 0;
    expect(await main(['archive', 'verify', path.join(to, folder!)])).toBe(1);
    expect(cli.out).toEqual(['Архив не прошёл проверку: journals/5А_Математика.pdf: файл изменён — SHA-256 не совпадает с описью']);

    expect(await main(['archive', 'year', '--school', w.schoolId, '--year', w.planningYear.id])).toBe(1);
    expect(await main(['archive', 'year', '--school', 'школа', '--year', w.year.id])).toBe(1);
    expect(await main(['archive', 'verify', to, '--fingerprint', 'abc'])).toBe(1);
    expect(await main(['archive'])).toBe(1);
    expect(cli.err).toEqual([
      `klassny archive: Архив делается только для закрытого учебного года; год «${w.planningYear.name}» ещё не закрыт`,
      'klassny archive: --school: ожидался идентификатор школы (UUID)',
      'klassny archive: --fingerprint: ожидались 64 шестнадцатеричные цифры (пробелы можно)',
      'klassny archive: ожидалась подкоманда: klassny archive year --school ID --year ID [--to DIR] или klassny archive verify PATH',
    ]);
  });
});
