import type { Db } from './client.ts';
import { requestContext } from './requestContext.ts';

/**
 * Development and tests only: inside a request, a write to an audited table made on the root `db`
 * (outside `db.transaction`) is refused with an error instead of reaching the audit triggers
 * without the request's actor and being logged as «система». Writes outside a request (command
 * line, demo generator, test factories) are the system's own and pass.
 *
 * Every statement of the root handle goes through its session's `prepareQuery` (builders, raw
 * `db.execute`, prepared statements); a transaction has a session of its own and is not checked.
 */
export function guardWritesOutsideTransactions(db: Db): void {
  const session = (db as unknown as { session: Session }).session;
  const prepare = session.prepareQuery.bind(session);
  let audited: Promise<Set<string>> | undefined;
  // Read once, at the first write made in a request: by then the migrations have attached the triggers.
  const auditedTables = () => (audited ??= (async () => {
    const text = `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname in ('klassny_audit_insert', 'klassny_audit_update', 'klassny_audit_delete')`;
    const result = (await prepare({ sql: text, params: [] }, undefined, undefined, false).execute()) as { rows: { name: string }[] };
    return new Set(result.rows.map((r) => r.name));
  })());

  session.prepareQuery = (query, ...rest) => {
    const prepared = prepare(query, ...rest);
    const writes = writtenTables(query.sql);
    if (writes.length === 0) return prepared;
    for (const method of ['execute', 'all'] as const) {
      const run = prepared[method]?.bind(prepared);
      if (!run) continue;
      prepared[method] = async (...args: unknown[]) => {
        if (requestContext.getStore()) {
          const tables = await auditedTables();
          const refused = writes.find((w) => tables.has(w.table));
          if (refused) throw new WriteOutsideTransactionError(refused.operation, refused.table);
        }
        return run(...args);
      };
    }
    return prepared;
  };
}

export class WriteOutsideTransactionError extends Error {
  constructor(operation: string, table: string) {
    super(`write outside db.transaction: ${operation} on the audited table "${table}" during a request would be logged `
      + 'as «система», not as the request\'s actor; make it inside db.transaction (see db/client.ts)');
    this.name = 'WriteOutsideTransactionError';
  }
}

type Prepared = { execute: (...args: unknown[]) => Promise<unknown>; all?: (...args: unknown[]) => Promise<unknown> };
type Session = { prepareQuery(query: { sql: string; params: unknown[] }, ...rest: unknown[]): Prepared };

const WRITE = /\b(insert\s+into|update|delete\s+from)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** The tables a statement inserts into, updates or deletes from (with their operation), by its text. */
export function writtenTables(text: string): { operation: string; table: string }[] {
  return [...text.matchAll(WRITE)].map((m) => ({ operation: m[1]!.split(/\s+/)[0]!.toLowerCase(), table: m[2]!.toLowerCase() }));
}
