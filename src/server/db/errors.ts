import { AppError } from '../errors.ts';

type PgError = { code: string; detail?: string; constraint?: string; table?: string };

/** Drizzle wraps driver errors; the PostgreSQL error with its SQLSTATE is the cause. */
function pgErrorOf(error: unknown): PgError | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as PgError;
  }
  return undefined;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Columns named in `Key (school_id, name)=(…)`, minus the tenant key that every key starts with. */
function keyFields(detail: string | undefined): string[] {
  const match = detail?.match(/^Key \(([^)]*)\)/);
  if (!match?.[1]) return [];
  return match[1].split(',').map((c) => c.trim().replace(/^lower\((.*)\)$/, '$1'))
    .filter((c) => c !== 'school_id').map(camel);
}

/**
 * Turns a constraint the database enforced into a 4xx with the fields it names.
 * Services check what they can first; this is the backstop that keeps bad input from becoming a 500.
 */
export function translateDbError(error: unknown): AppError | undefined {
  // Drizzle refuses an UPDATE with nothing to set: a PATCH with an empty body.
  if (error instanceof Error && error.message === 'No values to set') {
    return new AppError('validation.nothing_to_update', 400, 'Нет полей для изменения');
  }
  const pgError = pgErrorOf(error);
  if (!pgError) return undefined;
  const fields = keyFields(pgError.detail);
  const on = (message: string) => Object.fromEntries(fields.map((f) => [f, message]));
  switch (pgError.code) {
    case '23505':
      return new AppError('conflict.duplicate', 409, 'Такая запись уже есть', on('Уже занято'));
    case '23503':
      if (pgError.detail?.includes('is still referenced')) {
        return new AppError('conflict.in_use', 409, 'Запись используется и не может быть удалена');
      }
      return new AppError('reference.not_found', 400, 'Ссылка на несуществующую запись', on('Не найдено в этой школе'));
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021': // U+0000 in text (and 22P05 in jsonb): plugins/nulGuard.ts refuses it first; this is the backstop.
    case '22P05':
      return new AppError('validation.failed', 400, 'Неверные данные', pgError.constraint ? { [pgError.constraint]: 'Нарушено ограничение' } : undefined);
    case '40001':
    case '40P01':
      return new AppError('conflict.retry', 409, 'Одновременное изменение, повторите запрос');
    default:
      return undefined;
  }
}
