/**
 * PostgreSQL's refusals at connection time, told in one Russian line with what to do. Undefined for
 * any other error (the caller reports it as it is).
 */
export function databaseErrorLine(error: unknown, databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return undefined;
  const { code, message } = error as { code?: string; message?: string };
  const url = safeUrl(databaseUrl);
  const database = decodeURIComponent(url?.pathname.replace(/^\//, '') ?? '') || 'postgres';
  const user = decodeURIComponent(url?.username ?? '') || 'текущий пользователь системы';
  const host = url ? `${url.hostname}:${url.port || '5432'}` : 'DATABASE_URL';
  switch (code) {
    case '3D000':
      return `базы данных «${database}» нет на сервере PostgreSQL ${host}: создайте её (createdb ${database}) или исправьте имя в DATABASE_URL`;
    case '28000':
      return /role .* does not exist/.test(message ?? '')
        ? `пользователя (роли) «${user}» нет в PostgreSQL ${host}: создайте его (createuser ${user}) или исправьте имя в DATABASE_URL`
        : `PostgreSQL ${host} не пускает пользователя «${user}» к базе «${database}» (pg_hba.conf): разрешите вход или исправьте DATABASE_URL`;
    case '28P01':
      return `PostgreSQL ${host} не принял пароль пользователя «${user}»: проверьте пароль в DATABASE_URL`;
    case '42501':
      return `у пользователя «${user}» не хватает прав в базе «${database}» (${message}): сделайте его владельцем базы (ALTER DATABASE ${database} OWNER TO ${user})`;
    case '57P03':
      return `PostgreSQL ${host} ещё запускается или останавливается: повторите через минуту`;
    case '53300':
      return `у PostgreSQL ${host} кончились подключения (max_connections): закройте лишние или увеличьте предел`;
    case 'ECONNREFUSED':
      return `не удаётся подключиться к PostgreSQL ${host}: запустите его или исправьте адрес в DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `адрес сервера PostgreSQL «${url?.hostname}» не найден: исправьте его в DATABASE_URL`;
    case 'ETIMEDOUT':
      return `PostgreSQL ${host} не отвечает: проверьте сеть, брандмауэр и адрес в DATABASE_URL`;
    default:
      return undefined;
  }
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
