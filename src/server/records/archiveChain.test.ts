import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditEntryText, auditHashInput, jsonMembersRaw } from '../../shared/domain/auditHash.ts';
import { AuditChainCheck } from './archiveChain.ts';
import { chainHeadLine, ZERO_HASH } from './archiveFormat.ts';

const SCHOOL = '01900000-0000-7000-8000-000000000001';

/** A chain of `n` entries as the archive writes it: the start head, the entries, the end head. */
function chainLines(n: number): string[] {
  let prevHash = ZERO_HASH;
  const entries: string[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const e: AuditEntryText = {
      prevHash, seq, schoolId: SCHOOL, id: `01900000-0000-7000-8000-00000000010${seq}`, at: `2026-09-0${seq}T08:00:00.000001Z`,
      actorUserId: null, actorRoles: 'teacher', address: null, entity: 'marks', entityId: `m${seq}`, operation: 'insert',
      before: null, after: `{"value": "5", "weight": 1.50}`, reason: seq === 2 ? 'причина "в кавычках"\n' : null,
    };
    const hash = createHash('sha256').update(auditHashInput(e)).digest('hex');
    entries.push(`{"seq":${seq},"schoolId":"${SCHOOL}","id":"${e.id}","at":"${e.at}","actorUserId":null,"actorRoles":"teacher","address":null,`
      + `"entity":"marks","entityId":"m${seq}","operation":"insert","before":null,"after":${e.after},"reason":${JSON.stringify(e.reason)},`
      + `"prevHash":"${prevHash}","hash":"${hash}"}`);
    prevHash = hash;
  }
  return [chainHeadLine('start', { seq: 0, hash: ZERO_HASH }), ...entries, chainHeadLine('end', { seq: n, hash: prevHash })];
}

const check = (lines: string[]) => {
  const chain = new AuditChainCheck();
  for (const line of lines) chain.push(line);
  return chain.finish();
};

describe('AuditChainCheck', () => {
  it('passes an intact chain and counts its entries', () => {
    expect(check(chainLines(3))).toMatchObject({ entries: 3, broken: null, start: { seq: 0 }, end: { seq: 3 } });
  });

  it('keeps a number\'s exact digits: 1.50 rewritten as 1.5 is a changed entry', () => {
    const lines = chainLines(3);
    lines[2] = lines[2]!.replace('1.50', '1.5');
    expect(check(lines).broken).toEqual({ line: 3, seq: 2, problem: 'содержимое записи не совпадает с её хешем (запись изменена)' });
  });

  it('names a removed entry, a cut-off end and a line that is not JSON', () => {
    const lines = chainLines(4);
    expect(check([...lines.slice(0, 2), ...lines.slice(3)]).broken).toMatchObject({ line: 3, seq: 3, problem: 'пропуск в нумерации (записи удалены)' });
    expect(check(lines.slice(0, -2)).broken).toMatchObject({ problem: 'нет конца цепочки (файл обрезан)' });
    expect(check([lines[0]!, '{"seq":1,', ...lines.slice(2)]).broken).toMatchObject({ line: 2, problem: 'строка повреждена (не JSON)' });
  });

  it('names an entry whose link to the one before was rewritten together with its hash', () => {
    const lines = chainLines(3);
    const e = JSON.parse(lines[2]!) as { prevHash: string };
    lines[2] = lines[2]!.replace(e.prevHash, 'f'.repeat(64));
    expect(check(lines).broken).toMatchObject({ line: 3, seq: 2, problem: 'запись не ссылается на хеш предыдущей (предыдущая изменена или удалена)' });
  });
});

describe('jsonMembersRaw', () => {
  it('gives each member\'s text as written, nested values and escaped quotes included', () => {
    expect(jsonMembersRaw('{"a":1.50,"b":{"c": [1, "x\\"]"]},"d":null}')).toEqual(new Map([['a', '1.50'], ['b', '{"c": [1, "x\\"]"]}'], ['d', 'null']]));
    expect(jsonMembersRaw('{"a":1,')).toBeNull();
    expect(jsonMembersRaw('[1]')).toBeNull();
  });
});
