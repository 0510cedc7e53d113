import { readFileSync } from 'node:fs';
import { loadConfig } from '../../server/config.ts';
import { createFirstSchool } from '../../server/modules/setup/service.ts';
import { type FirstSchoolInput, type FirstSchoolResult, ZFirstSchool } from '../../shared/contract/setup.ts';
import { CliError, type Command } from '../command.ts';
import { onDatabase } from '../onDatabase.ts';

const str = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);

/** The organisation from a JSON file (same shape as POST /api/v1/setup without the token), flags on top. */
function readInput(values: Record<string, string | boolean | undefined>): FirstSchoolInput {
  const file = str(values.file);
  let base: Partial<FirstSchoolInput> = {};
  if (file) {
    try {
      base = JSON.parse(readFileSync(file, 'utf8')) as Partial<FirstSchoolInput>;
    } catch (error) {
      throw new CliError(`--file: не читается как JSON: ${(error as Error).message}`);
    }
  }
  const weekDays = str(values['week-days']);
  const login = str(values.login) ?? base.admin?.login;
  return {
    regionName: str(values.region) ?? base.regionName ?? '',
    municipalityName: str(values.municipality) ?? base.municipalityName ?? '',
    school: {
      name: str(values.school) ?? base.school?.name ?? '',
      shortName: str(values['short-name']) ?? base.school?.shortName ?? str(values.school) ?? base.school?.name ?? '',
      kind: (str(values.kind) ?? base.school?.kind ?? 'general') as 'general',
      timeZone: str(values['time-zone']) ?? base.school?.timeZone,
    },
    weekDays: (weekDays === undefined ? base.weekDays : Number(weekDays)) as 5,
    admin: {
      login: login ?? '',
      password: str(values.password) ?? base.admin?.password ?? '',
      displayName: str(values.name) ?? base.admin?.displayName ?? login ?? '',
    },
  };
}

export const initCommand: Command = {
  name: 'init',
  summary: 'первая школа и её администратор без браузера (сервер может работать)',
  help: [
    '  --region "…"          регион (субъект РФ), например «Тверская область»',
    '  --municipality "…"    муниципалитет, например «г. Тверь»',
    '  --school "…"          полное название школы или колледжа',
    '  --short-name "…"      краткое название (по умолчанию — полное)',
    '  --kind general|college  школа или колледж (СПО), по умолчанию general',
    '  --time-zone Z         часовой пояс, по умолчанию Europe/Moscow',
    '  --week-days 5|6       пятидневная или шестидневная неделя, по умолчанию 5',
    '  --login L --password P --name "ФИО"  первый администратор',
    '  --file F.json         то же в файле: {"regionName","municipalityName","school":{"name","shortName","kind","timeZone"},',
    '                        "weekDays","admin":{"login","password","displayName"}}; параметры выше его дополняют',
    '',
    'Создаёт учебный год (планирование); дальше — мастер настройки года в браузере под этим администратором.',
    'Только для базы без школ; следующие школы добавляет оператор платформы (klassny create-admin --platform).',
  ].join('\n'),
  options: {
    file: { type: 'string' }, region: { type: 'string' }, municipality: { type: 'string' }, school: { type: 'string' },
    'short-name': { type: 'string' }, kind: { type: 'string' }, 'time-zone': { type: 'string' }, 'week-days': { type: 'string' },
    login: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' },
  },
  async run(values) {
    const parsed = ZFirstSchool.safeParse(readInput(values));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CliError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const config = loadConfig();
    const made = await onDatabase<FirstSchoolResult>(config, async (database) => {
      const { school, user, year } = await createFirstSchool(database.db, parsed.data, new Date());
      return { schoolId: school.id, academicYearId: year.id, login: user.login };
    }, { command: 'init', body: parsed.data });
    console.log(`Создана школа «${parsed.data.school.shortName}» и её администратор ${made.login}.`);
    console.log(`Дальше — мастер настройки учебного года: войдите как ${made.login} и откройте ${config.publicUrl}/school/${made.schoolId}/setup`);
    return 0;
  },
};
