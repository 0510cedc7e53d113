import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { badRequest } from '../errors.ts';

/**
 * Keyset pagination: rows are ordered by `columns` (the last one unique, usually `id`), and the
 * cursor holds the sort key of the last row sent. `where (a, b, id) > (…)` stays one index scan
 * however deep the page.
 */
export function afterCursor(columns: PgColumn[], cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== columns.length || values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw badRequest('pagination.bad_cursor', 'Неверный курсор страницы', { cursor: 'Неверный курсор' });
  }
  const left = sql.join(columns.map((c) => sql`${c}`), sql`, `);
  const right = sql.join(values.map((v) => sql`${v}`), sql`, `);
  return sql`(${left}) > (${right})`;
}

/** Takes the `limit + 1` rows a page query fetched and returns the page with its next cursor. */
export function toPage<T>(rows: T[], limit: number, sortKey: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last
    ? Buffer.from(JSON.stringify(sortKey(last)), 'utf8').toString('base64url')
    : null;
  return { items, nextCursor };
}
