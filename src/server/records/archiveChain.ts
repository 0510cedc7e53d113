import { createHash } from 'node:crypto';
import { auditHashInput, jsonMembersRaw } from '../../shared/domain/auditHash.ts';
import type { ChainHead } from './archiveFormat.ts';

/** The first line of the audit file that does not hold, in words. */
export type ChainBreak = { line: number; seq: number | null; problem: string };

export type ChainResult = { entries: number; start: ChainHead | null; end: ChainHead | null; broken: ChainBreak | null };

const HEX64 = /^[0-9a-f]{64}$/;

const isHead = (v: unknown, at: 'start' | 'end'): v is { chainHead: string; seq: number; hash: string } => {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && o.chainHead === at && Number.isSafeInteger(o.seq) && typeof o.hash === 'string' && HEX64.test(o.hash);
};

const textOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * Checks the year's audit entries line by line as they stream by, as `klassny audit verify` does
 * in SQL (modules/audit/verify.ts): each entry's hash recomputed from its fields (shared/domain/
 * auditHash.ts writes the database function's text), each linked to the one before with no gap in
 * seq, from the start head to the end head. Keeps only the last entry, whatever the log's length.
 */
export class AuditChainCheck {
  private lineNo = 0;
  private entries = 0;
  private start: ChainHead | null = null;
  private last: ChainHead | null = null;
  private end: ChainHead | null = null;
  private broken: ChainBreak | null = null;

  push(line: string): void {
    this.lineNo++;
    if (this.broken) return;
    const fail = (problem: string, seq: number | null = null) => { this.broken = { line: this.lineNo, seq, problem }; };
    if (this.end) return fail('строка после конца цепочки');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return fail('строка повреждена (не JSON)');
    }
    if (this.start === null) {
      if (!isHead(value, 'start')) return fail('нет начала цепочки (первая строка должна быть chainHead: start)');
      this.start = { seq: value.seq, hash: value.hash };
      this.last = this.start;
      return;
    }
    if (isHead(value, 'end')) {
      if (value.seq !== this.last!.seq || value.hash !== this.last!.hash) return fail('конец цепочки не совпадает с последней записью (записи удалены)');
      this.end = { seq: value.seq, hash: value.hash };
      return;
    }
    const e = value as Record<string, unknown>;
    const raw = jsonMembersRaw(line);
    const seq = Number.isSafeInteger(e.seq) ? (e.seq as number) : null;
    const fields = ['schoolId', 'id', 'at', 'entity', 'operation', 'prevHash', 'hash'] as const;
    const nullable = ['actorUserId', 'actorRoles', 'address', 'entityId', 'reason'] as const;
    if (raw === null || seq === null || fields.some((f) => typeof e[f] !== 'string') || nullable.some((f) => !textOrNull(e[f]))
      || !raw.has('before') || !raw.has('after')) {
      return fail('запись повреждена (не хватает полей)', seq);
    }
    if (seq !== this.last!.seq + 1) return fail('пропуск в нумерации (записи удалены)', seq);
    if (e.prevHash !== this.last!.hash) return fail('запись не ссылается на хеш предыдущей (предыдущая изменена или удалена)', seq);
    const text = auditHashInput({
      prevHash: e.prevHash as string, seq, schoolId: e.schoolId as string, id: e.id as string, at: e.at as string,
      actorUserId: e.actorUserId as string | null, actorRoles: e.actorRoles as string | null, address: e.address as string | null,
      entity: e.entity as string, entityId: e.entityId as string | null, operation: e.operation as string,
      before: raw.get('before') === 'null' ? null : raw.get('before')!, after: raw.get('after') === 'null' ? null : raw.get('after')!,
      reason: e.reason as string | null,
    });
    if (createHash('sha256').update(text, 'utf8').digest('hex') !== e.hash) return fail('содержимое записи не совпадает с её хешем (запись изменена)', seq);
    this.entries++;
    this.last = { seq, hash: e.hash as string };
  }

  finish(): ChainResult {
    if (!this.broken && !this.end) {
      this.lineNo++;
      this.broken = { line: this.lineNo, seq: null, problem: 'нет конца цепочки (файл обрезан)' };
    }
    return { entries: this.entries, start: this.start, end: this.end, broken: this.broken };
  }
}

/** «строка 5, запись № 17: …» */
export const describeBreak = (b: ChainBreak) => `строка ${b.line}${b.seq !== null ? `, запись № ${b.seq}` : ''}: ${b.problem}`;
