import type { ComplianceFlag } from '../../../shared/contract/control.ts';

/** A teacher's flags with the deputy's remarks first (the newest remark first), then the rest in the board's order. */
export function remarkedFirst(flags: readonly ComplianceFlag[]): ComplianceFlag[] {
  const latest = (f: ComplianceFlag) => f.remarks.at(-1)?.createdAt ?? '';
  return [...flags].sort((a, b) => (latest(b) > latest(a) ? 1 : latest(b) < latest(a) ? -1 : 0));
}
