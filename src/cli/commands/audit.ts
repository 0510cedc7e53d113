import type { Db } from '../../server/db/client.ts';
import { loadConfig } from '../../server/config.ts';
import { describeChains, verifyChains } from '../../server/modules/audit/verify.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { CliError, type Command } from '../command.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `klassny audit verify [--school ID]`: prints the verdict and returns the exit code. */
export async function runAuditVerify(db: Db, schoolId: string | undefined, print: (line: string) => void): Promise<number> {
  const { ok, lines } = describeChains(await verifyChains(db, schoolId));
  for (const line of lines) print(line);
  return ok ? 0 : 1;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'журнал аудита: verify — пересчитать цепочку хешей и назвать первую нарушенную запись',
  help: [
    '  verify          пересчитать хеши всех записей журнала аудита; код выхода 1, если цепочка нарушена',
    '  --school ID     только эта школа',
    '',
    'База: DATABASE_URL, а если он не задан — встроенная база в DATA_DIR.',
  ].join('\n'),
  options: { school: { type: 'string' } },
  positionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1 || positionals[0] !== 'verify') {
      throw new CliError('ожидалась подкоманда: klassny audit verify [--school ID]');
    }
    const school = values.school;
    if (school !== undefined && (typeof school !== 'string' || !UUID.test(school))) {
      throw new CliError('--school: ожидался идентификатор школы (UUID)');
    }
    const { database, release } = await openConfiguredDatabase(loadConfig());
    try {
      return await runAuditVerify(database.db, school, (line) => console.log(line));
    } finally {
      await release();
    }
  },
};
