import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditChainHeads } from '../../db/schema/audit.ts';

/**
 * The sequence number of the school's latest audit entry (0 before the first). Every change of
 * every school record writes an entry in its own transaction, so while this number stands still
 * nothing of the school has changed: a version for caches of what is read from its records.
 */
export async function auditChainHead(db: Db, schoolId: string): Promise<number> {
  const rows = await db.select({ lastSeq: auditChainHeads.lastSeq }).from(auditChainHeads).where(eq(auditChainHeads.schoolId, schoolId));
  return rows[0]?.lastSeq ?? 0;
}
