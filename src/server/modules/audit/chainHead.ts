import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditChainHeads } from '../../db/schema/audit.ts';

const prepareHead = (db: Db) =>
  db.select({ lastSeq: auditChainHeads.lastSeq }).from(auditChainHeads)
    .where(eq(auditChainHeads.schoolId, sql.placeholder('schoolId')))
    .prepare('klassny_audit_chain_head');

const headQueries = new WeakMap<Db, ReturnType<typeof prepareHead>>();

/**
 * The sequence number of the school's latest audit entry (0 before the first). Every change of
 * every school record writes an entry in its own transaction, so while this number stands still
 * nothing of the school has changed: a version for caches of what is read from its records.
 * A prepared statement: caches ask it on every request.
 */
export async function auditChainHead(db: Db, schoolId: string): Promise<number> {
  let query = headQueries.get(db);
  if (!query) headQueries.set(db, (query = prepareHead(db)));
  const rows = await query.execute({ schoolId });
  return rows[0]?.lastSeq ?? 0;
}
