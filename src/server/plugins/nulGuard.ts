import type { FastifyInstance } from 'fastify';
import { NUL_MESSAGE, nulPath } from '../../shared/contract/nul.ts';
import { badRequest } from '../errors.ts';

/**
 * One rule for every route: a NUL character in the path, the query, the body or a header is a 400
 * naming the field, as any other validation failure (multipart fields are checked where they are
 * parsed, with the same `nulPath`).
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body, request.headers]) {
      const path = nulPath(part);
      if (path !== null) throw badRequest('validation.failed', 'Проверьте заполнение полей', { [path]: NUL_MESSAGE });
    }
  });
}
