import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { translateDbError } from '../db/errors.ts';
import { AppError } from '../errors.ts';

type Issue = { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } };

/** `body.lastName` style keys are noise to a form; the field path inside the part is what it needs. */
function fieldsOf(issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.params?.issue?.path?.map(String).join('.') ?? issue.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const key = path === '' ? '_' : path;
    fields[key] ??= issue.message ?? 'Неверное значение';
  }
  return fields;
}

/** One place maps every failure to `{error: {code, message, fields}}`; internals never reach the body. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: { code: 'validation.failed', message: 'Проверьте заполнение полей', fields: fieldsOf(error.validation as Issue[]) },
      });
    }
    const appError = error instanceof AppError ? error : translateDbError(error);
    if (appError) {
      return reply.code(appError.status).send({
        error: {
          code: appError.code,
          message: appError.message,
          ...(appError.fields ? { fields: appError.fields } : {}),
          ...(appError.current !== undefined ? { current: appError.current } : {}),
        },
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'request.too_large' : 'request.invalid';
      return reply.code(error.statusCode).send({ error: { code, message: 'Неверный запрос' } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Внутренняя ошибка сервера' } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'route.not_found', message: 'Адрес не найден' } }),
  );
}
