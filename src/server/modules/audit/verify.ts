import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

export type ChainProblem = 'hash' | 'link' | 'seq' | 'missing';

export type SchoolChain = {
  schoolId: string;
  entries: number;
  /** The first entry that does not hold, or null when the school's chain is intact. */
  broken: null | { seq: number; entity: string | null; at: string | null; problem: ChainProblem };
};

type Row = {
  school_id: string;
  total: string | number | null;
  seq: string | number | null;
  entity: string | null;
  at: string | null;
  hash_ok: boolean | null;
  link_ok: boolean | null;
  seq_ok: boolean | null;
  last_seq: string | number | null;
  last_hash: string | null;
  head_seq: string | number | null;
  head_hash: string | null;
};

/**
 * Re-computes every entry's hash from its stored columns with the function the capture trigger
 * used, checks that each entry links to the one before (and seq has no gap), and that the chain
 * head matches the last entry (an entry cut off the end shows there). One query; the first broken
 * entry per school.
 */
export async function verifyChains(db: Db, schoolId?: string): Promise<SchoolChain[]> {
  const onlySchool = schoolId ? sql`where school_id = ${schoolId}` : sql``;
  const rows = await queryRows<Row>(db, sql`
    with checked as (
      select school_id, seq, entity, at,
        hash = klassny_audit_hash(prev_hash, seq, school_id, id, at, actor_user_id, actor_roles, address, entity,
          entity_id, operation, before, after, reason) as hash_ok,
        prev_hash = coalesce(lag(hash) over w, repeat('0', 64)) as link_ok,
        seq = coalesce(lag(seq) over w, 0) + 1 as seq_ok,
        count(*) over (partition by school_id) as total,
        last_value(seq) over (partition by school_id order by seq rows between unbounded preceding and unbounded following) as last_seq,
        last_value(hash) over (partition by school_id order by seq rows between unbounded preceding and unbounded following) as last_hash
      from audit_entries ${onlySchool}
      window w as (partition by school_id order by seq)
    ),
    firsts as (
      select distinct on (school_id) * from checked
      order by school_id, (hash_ok and link_ok and seq_ok), seq
    ),
    heads as (select school_id, last_seq, last_hash from audit_chain_heads ${onlySchool})
    select coalesce(f.school_id, h.school_id) as school_id, f.total, f.seq, f.entity,
      to_char(f.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
      f.hash_ok, f.link_ok, f.seq_ok, f.last_seq, f.last_hash, h.last_seq as head_seq, h.last_hash as head_hash
    from firsts f full join heads h on h.school_id = f.school_id
    order by 1`);
  return rows.map(toChain);
}

function toChain(r: Row): SchoolChain {
  const entries = Number(r.total ?? 0);
  const chain = { schoolId: r.school_id, entries };
  if (r.seq !== null && !(r.hash_ok && r.link_ok && r.seq_ok)) {
    const problem: ChainProblem = !r.seq_ok ? 'seq' : !r.link_ok ? 'link' : 'hash';
    return { ...chain, broken: { seq: Number(r.seq), entity: r.entity, at: r.at, problem } };
  }
  const lastSeq = Number(r.last_seq ?? 0);
  if (r.head_seq !== null && (Number(r.head_seq) !== lastSeq || (r.last_hash !== null && r.head_hash !== r.last_hash))) {
    return { ...chain, broken: { seq: lastSeq + 1, entity: null, at: null, problem: 'missing' } };
  }
  return { ...chain, broken: null };
}

/** Russian plural of «запись». */
export function entriesWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'записей';
  if (ones === 1) return 'запись';
  if (ones >= 2 && ones <= 4) return 'записи';
  return 'записей';
}

/** What each kind of break means, in the words `klassny audit verify` prints. */
export const PROBLEMS: Record<ChainProblem, string> = {
  hash: 'содержимое записи не совпадает с её хешем (запись изменена)',
  link: 'запись не ссылается на хеш предыдущей (предыдущая изменена или удалена)',
  seq: 'пропуск в нумерации (записи удалены)',
  missing: 'запись отсутствует: журнал обрывается раньше, чем помнит его конец (записи удалены)',
};

/** What `klassny audit verify` prints: one line when intact, else one line per broken school. */
export function describeChains(chains: SchoolChain[]): { ok: boolean; lines: string[] } {
  const broken = chains.filter((c) => c.broken);
  if (broken.length === 0) {
    const total = chains.reduce((sum, c) => sum + c.entries, 0);
    return { ok: true, lines: [`Цепочка цела: ${total} ${entriesWord(total)}`] };
  }
  return {
    ok: false,
    lines: broken.map(({ schoolId, broken: b }) => {
      const where = [b!.entity, b!.at].filter(Boolean).join(', ');
      return `Цепочка нарушена: школа ${schoolId}, запись № ${b!.seq}${where ? ` (${where})` : ''}: ${PROBLEMS[b!.problem]}`;
    }),
  };
}
