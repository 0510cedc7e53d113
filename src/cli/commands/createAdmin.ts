import { loadConfig } from '../../server/config.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { createAdmin } from '../../server/modules/accounts/service.ts';
import { getSchool, listSchools } from '../../server/modules/organisation/service.ts';
import { CliError, type Command } from '../command.ts';

export const createAdminCommand: Command = {
  name: 'create-admin',
  summary: 'создать администратора школы (или оператора платформы)',
  help: [
    '  --login L       логин (латиница, цифры, . _ -)',
    '  --password P    пароль, не короче 8 символов',
    '  --name "ФИО"    имя для отображения (по умолчанию — логин)',
    '  --school ID     школа; можно не указывать, если в базе одна школа',
    '  --platform      оператор платформы: регионы, муниципалитеты и школы, без доступа к данным учеников',
  ].join('\n'),
  options: {
    login: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    school: { type: 'string' },
    platform: { type: 'boolean' },
  },
  async run(values) {
    const login = values.login;
    const password = values.password;
    if (typeof login !== 'string') throw new CliError('укажите --login');
    if (typeof password !== 'string') throw new CliError('укажите --password');
    const { database, release } = await openConfiguredDatabase(loadConfig());
    try {
      await migrateDatabase(database);
      const schoolId = values.platform ? undefined : await chooseSchool(database.db, values.school);
      const user = await createAdmin(database.db, {
        login, password, displayName: typeof values.name === 'string' ? values.name : login, schoolId,
      });
      console.log(`Создан ${schoolId ? 'администратор школы' : 'оператор платформы'}: ${user.login}`);
    } finally {
      await release();
    }
    return 0;
  },
};

async function chooseSchool(db: Parameters<typeof getSchool>[0], schoolId: string | boolean | undefined): Promise<string> {
  if (typeof schoolId === 'string') {
    if (!/^[0-9a-f-]{36}$/i.test(schoolId)) throw new CliError(`--school: неверный идентификатор «${schoolId}»`);
    return (await getSchool(db, schoolId)).id;
  }
  const schools = await listSchools(db, {}, undefined, 2);
  if (schools.length === 1) return schools[0]!.id;
  if (schools.length === 0) throw new CliError('в базе нет ни одной школы: запустите `klassny demo` или укажите --platform');
  throw new CliError('в базе несколько школ: укажите --school ID');
}
