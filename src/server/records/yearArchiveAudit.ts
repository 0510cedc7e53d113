import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../db/client.ts';
import { type ChainHead, chainHeadLine, ZERO_HASH } from './archiveFormat.ts';
import { type AuditEntryRow, auditHashAt, auditPage, auditRangeOfYear } from './yearArchiveQueries.ts';

const PAGE = 2000;

/**
 * One JSON Lines entry: every hashed column, `before`/`after` as the very jsonb text the hash
 * covered (valid JSON, so the line stays one JSON object), then the entry's links.
 */
export function auditEntryLine(r: AuditEntryRow): string {
  const s = JSON.stringify;
  return `{"seq":${Number(r.seq)},"schoolId":${s(r.school_id)},"id":${s(r.id)},"at":${s(r.at)},"actorUserId":${s(r.actor_user_id)},`
    + `"actorRoles":${s(r.actor_roles)},"address":${s(r.address)},"entity":${s(r.entity)},"entityId":${s(r.entity_id)},`
    + `"operation":${s(r.operation)},"before":${r.before ?? 'null'},"after":${r.after ?? 'null'},"reason":${s(r.reason)},`
    + `"prevHash":${s(r.prev_hash)},"hash":${s(r.hash)}}`;
}

/**
 * Writes the year's audit entries to `file` page by page (memory stays flat however long the
 * year's log), between the chain head before the first and after the last.
 */
export async function writeYearAudit(db: Db, schoolId: string, year: { from: string; to: string; timeZone: string }, file: string) {
  const range = await auditRangeOfYear(db, schoolId, year.from, year.to, year.timeZone);
  const first = range.first_seq === null ? null : Number(range.first_seq);
  const last = range.last_seq === null ? null : Number(range.last_seq);
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  let start: ChainHead;
  let end: ChainHead;
  let entries = 0;
  try {
    if (first === null || last === null) {
      // No entry in the year: both ends are the chain as it stood when the year ended.
      const before = await auditRangeBefore(db, schoolId, year);
      start = before;
      end = before;
      await write(chainHeadLine('start', start));
    } else {
      start = first === 1 ? { seq: 0, hash: ZERO_HASH } : { seq: first - 1, hash: (await auditHashAt(db, schoolId, first - 1)) ?? ZERO_HASH };
      end = start;
      await write(chainHeadLine('start', start));
      let after = first - 1;
      for (;;) {
        // A page per statement, never a query per entry.
        const rows = await auditPage(db, schoolId, after, last, PAGE);
        for (const r of rows) {
          await write(auditEntryLine(r));
          entries++;
          end = { seq: Number(r.seq), hash: r.hash };
        }
        if (rows.length < PAGE) break;
        after = Number(rows.at(-1)!.seq);
      }
    }
    await write(chainHeadLine('end', end));
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { entries, start, end };
}

/** The last entry made before the day after the year's end (or the empty chain). */
async function auditRangeBefore(db: Db, schoolId: string, year: { from: string; to: string; timeZone: string }): Promise<ChainHead> {
  const range = await auditRangeOfYear(db, schoolId, '0001-01-01', year.to, year.timeZone);
  if (range.last_seq === null) return { seq: 0, hash: ZERO_HASH };
  const seq = Number(range.last_seq);
  return { seq, hash: (await auditHashAt(db, schoolId, seq)) ?? ZERO_HASH };
}
