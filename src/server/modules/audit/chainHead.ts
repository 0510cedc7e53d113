import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { auditChainHeads } from '../../db/schema/audit.ts';

const prepareHead = (db: Db) =>
  db.select({ lastSeq: auditChainHeads.lastSeq }).from(auditChainHeads)
    .where(eq(auditChainHeads.schoolId, sql.placeholder('schoolId')))
    .prepare('klassny_audit_chain_head');

const headQuery = preparedPerDb(prepareHead);

/**
 * The sequence number of the school's latest audit entry (0 before the first). Every change of
 * every school record writes an entry in its own transaction, so while this number stands still
 * nothing of the school has changed: a version for caches of what is read from its records.
 * A prepared statement: caches ask it on every request.
 */
export async function auditChainHead(db: Db, schoolId: string): Promise<number> {
  const rows = await headQuery(db).execute({ schoolId });
  return rows[0]?.lastSeq ?? 0;
}
