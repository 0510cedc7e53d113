import { loadConfig } from '../../server/config.ts';
import { type NewAdminRequest, createAdminIn } from '../../server/modules/setup/control.ts';
import { CliError, type Command } from '../command.ts';
import { onDatabase } from '../onDatabase.ts';

export const createAdminCommand: Command = {
  name: 'create-admin',
  summary: 'создать администратора школы (или оператора платформы); сервер может работать',
  help: [
    '  --login L       логин (латиница, цифры, . _ -)',
    '  --password P    пароль, не короче 8 символов',
    '  --name "ФИО"    имя для отображения (по умолчанию — логин)',
    '  --school ID     школа; можно не указывать, если в базе одна школа',
    '  --platform      оператор платформы: регионы, муниципалитеты и школы, без доступа к данным учеников',
    '',
    'Первую школу вместе с её администратором создаёт klassny init (или ссылка первого запуска).',
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
    const school = values.school;
    if (typeof school === 'string' && !/^[0-9a-f-]{36}$/i.test(school)) throw new CliError(`--school: неверный идентификатор «${school}»`);
    const request: NewAdminRequest = {
      login, password, displayName: typeof values.name === 'string' ? values.name : login,
      schoolId: typeof school === 'string' ? school : undefined, platform: values.platform === true,
    };
    const made = await onDatabase(loadConfig(), (database) => createAdminIn(database.db, request),
      { command: 'create-admin', body: request });
    console.log(`Создан ${made.platform ? 'оператор платформы' : 'администратор школы'}: ${made.login}`);
    return 0;
  },
};
