import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { PROBLEMS, type SchoolChain, verifyChains } from '../modules/audit/verify.ts';
import type { ChainHead, Manifest } from './manifest.ts';

export type ChainAgainstCopy = {
  schoolId: string;
  /** The head recorded in the copy. */
  recorded: ChainHead;
  /** Entries of the school's chain today. */
  entries: number;
  /** The first entry shown not to continue the copy's chain, or null when today's chain continues it. */
  diverges: null | { seq: number; reason: string };
};

type Row = { school_id: string; seq: string | number; hash: string };

/**
 * Whether today's audit chain of each school in a backup still continues the one recorded in it:
 * the entry with the recorded head's seq exists with exactly the recorded hash, and today's chain
 * verifies (so every entry after it links back to it, and every entry before it is the one the
 * copy's head was computed over). A log rewritten behind the triggers and re-hashed to be
 * internally consistent cannot keep that one hash: the head of that day is an anchor outside the
 * database. Reads only the manifest's heads; two queries whatever the number of schools.
 */
export async function verifyAgainstCopy(db: Db, heads: ChainHead[]): Promise<ChainAgainstCopy[]> {
  if (heads.length === 0) return [];
  const pairs = sql.join(heads.map((h) => sql`(${h.schoolId}::uuid, ${h.lastSeq}::bigint)`), sql`, `);
  const today = await queryRows<Row>(db, sql`
    select e.school_id, e.seq, e.hash from audit_entries e
    join (values ${pairs}) as recorded(school_id, seq) on recorded.school_id = e.school_id and recorded.seq = e.seq`);
  const found = new Map(today.map((r) => [`${r.school_id}:${Number(r.seq)}`, r.hash]));
  const chains = new Map((await verifyChains(db)).map((c) => [c.schoolId, c]));
  return heads.map((recorded) => compare(recorded, found.get(`${recorded.schoolId}:${recorded.lastSeq}`), chains.get(recorded.schoolId)));
}

function compare(recorded: ChainHead, todayHash: string | undefined, chain: SchoolChain | undefined): ChainAgainstCopy {
  const result = { schoolId: recorded.schoolId, recorded, entries: chain?.entries ?? 0 };
  const seq = recorded.lastSeq;
  if (seq > 0 && todayHash === undefined) {
    return { ...result, diverges: { seq, reason: 'последней записи копии сегодня нет в журнале (записи удалены)' } };
  }
  if (seq > 0 && todayHash !== recorded.lastHash) {
    return {
      ...result,
      diverges: { seq, reason: 'её хеш сегодня не тот, что записан в копии: журнал по эту запись включительно переписан' },
    };
  }
  if (chain?.broken) return { ...result, diverges: { seq: chain.broken.seq, reason: PROBLEMS[chain.broken.problem] } };
  return { ...result, diverges: null };
}

/** `07.12.2026 05:58 UTC` */
export function copyDate(manifest: Pick<Manifest, 'createdAt'>): string {
  const at = new Date(manifest.createdAt);
  if (Number.isNaN(at.getTime())) return manifest.createdAt;
  const iso = at.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)} ${iso.slice(11, 16)} UTC`;
}

/** One line per school, as `klassny audit verify --against` prints them. */
export function describeAgainstCopy(results: ChainAgainstCopy[], manifest: Pick<Manifest, 'createdAt'>): { ok: boolean; lines: string[] } {
  const date = copyDate(manifest);
  const lines = results.map(({ schoolId, recorded, entries, diverges }) => diverges
    ? `Школа ${schoolId}: цепочка расходится с копией от ${date}: запись № ${diverges.seq} — ${diverges.reason}`
    : `Школа ${schoolId}: цепочка продолжает записанную в копии от ${date} `
      + `(запись № ${recorded.lastSeq} совпадает с копией, сегодня записей: ${entries})`);
  return { ok: results.every((r) => !r.diverges), lines };
}
