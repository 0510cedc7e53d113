import type { z } from 'zod';
import type { ZAuditQuery } from '../../../shared/contract/audit.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { displayNamesOf } from '../accounts/queries.ts';
import * as q from './queries.ts';

/** For other modules: a reason for this transaction's entries, and bulk mode for generated data. */
export { setAuditReason, useBulkAudit } from './queries.ts';

/** Names of the given users, for the log's «who». */
export async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return new Map((await displayNamesOf(db, wanted)).map((u) => [u.id, u.displayName]));
}

const badCursor = () => badRequest('pagination.bad_cursor', 'Неверный курсор страницы', { cursor: 'Неверный курсор' });

export const seqCursor = (seq: number) => Buffer.from(JSON.stringify([seq]), 'utf8').toString('base64url');

function parseSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length !== 1 || !Number.isSafeInteger(value[0])) throw badCursor();
  return value[0] as number;
}

/** One page of a school's audit log, newest first, with the actors' names. */
export async function listAudit(db: Db, schoolId: string, query: z.infer<typeof ZAuditQuery>) {
  const { cursor, limit, ...filter } = query;
  if (filter.from && filter.to && new Date(filter.from) > new Date(filter.to)) {
    throw badRequest('audit.bad_range', 'Начало периода позже его конца', { from: 'Позже конца периода' });
  }
  const rows = await q.listEntries(db, schoolId, filter, parseSeqCursor(cursor), limit);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    names: await namesOf(db, items.map((e) => e.actorUserId)),
    nextCursor: rows.length > limit && last ? seqCursor(last.seq) : null,
  };
}
