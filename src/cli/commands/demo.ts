import { loadConfig } from '../../server/config.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { demoLoginLines } from '../../server/demo/accounts.ts';
import { generateDistrict, hasSchools } from '../../server/demo/district.ts';
import { removeDemo } from '../../server/demo/removeDemo.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { onDatabase } from '../onDatabase.ts';
import { CliError, type Command, intOption } from '../command.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'заполнить пустую базу демо-районом: школы, колледж, классы, учителя, ученики, родители',
  help: [
    '  --schools N   сколько образовательных организаций, от 1 до 500 (по умолчанию 1);',
    '                при N ≥ 2 последняя из них — колледж',
    '  --seed S      число для генератора (по умолчанию 1): одно и то же число даёт те же данные',
    '',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR. Только пустая база (без школ).',
    '',
    'klassny demo remove — убрать демо: его школы со всеми данными и журналом аудита, его учётные записи,',
    '                      регион и муниципалитеты, если в них больше ничего нет (одной транзакцией; сервер может работать).',
  ].join('\n'),
  options: { schools: { type: 'string' }, seed: { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    if (positionals.length > 0) {
      if (positionals.length > 1 || positionals[0] !== 'remove') throw new CliError(`неизвестная подкоманда «${positionals.join(' ')}»; есть только klassny demo remove`);
      const removed = await onDatabase(loadConfig(), (database) => removeDemo(database.db), { command: 'demo-remove', body: {} });
      console.log(`Демо убрано: организаций ${removed.schools}, учётных записей ${removed.users}, строк ${removed.rows}.`);
      return 0;
    }
    const schools = intOption(values.schools, 'schools', 1, 1, 500);
    const seed = intOption(values.seed, 'seed', 1, 0, 2_147_483_647);
    const { database, release } = await openConfiguredDatabase(loadConfig());
    try {
      await migrateDatabase(database);
      if (await hasSchools(database.db)) {
        throw new CliError('в базе уже есть школы; демо-данные создаются только в пустой базе');
      }
      const started = performance.now();
      const summary = await generateDistrict(database.db, {
        schools,
        seed,
        // PGlite has one connection; a PostgreSQL pool writes two schools at a time.
        concurrency: database.kind === 'pg' ? 2 : 1,
        onSchool: (done, total) => {
          if (total >= 10 && done % 10 === 0 && done < total) console.log(`  ${done} из ${total}…`);
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const total = Object.values(summary.rows).reduce((s, n) => s + n, 0);
      console.log(`Демо-район «${summary.regionName}» создан за ${seconds} с: ${summary.schools.length} орг., ${total} строк.`);
      const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
      for (const [table, n] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(8)}`);
      const lines = await demoLoginLines(database.db);
      if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
    } finally {
      await release();
    }
    return 0;
  },
};
