/**
 * Read-your-writes with a streaming replica: a request that committed a write answers with the
 * primary's WAL position in a cookie; the same browser's reads go to the primary until the replica
 * has replayed past it. A cookie rather than server memory: it holds across processes and machines.
 * It says nothing private, and a forged one only sends its own reads to the primary.
 */
export const WAL_COOKIE = 'klassny_wal';
/** Longer than any replication lag worth reading from the replica through. */
export const WAL_COOKIE_MAX_AGE_S = 600;

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** PostgreSQL's `pg_lsn` text ('16/B374D848') as a number; undefined for anything else. */
export function lsnValue(lsn: string | null | undefined): bigint | undefined {
  const m = lsn ? LSN.exec(lsn) : null;
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : undefined;
}

/** The later of two positions (either may be missing or malformed). */
export function laterLsn(a: string | null, b: string | null): string | null {
  const va = lsnValue(a);
  const vb = lsnValue(b);
  if (va === undefined) return vb === undefined ? null : b;
  if (vb === undefined) return a;
  return va >= vb ? a : b;
}

/** The position a request's Cookie header carries, or null. */
export function walCookieOf(header: string | undefined): string | null {
  const m = header ? new RegExp(`(?:^|;\\s*)${WAL_COOKIE}=([^;]*)`).exec(header) : null;
  return m && lsnValue(m[1]) !== undefined ? m[1]! : null;
}
