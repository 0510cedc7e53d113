import type { ComplianceFlag, ControlFlags, ControlGroup } from '../../../shared/contract/control.ts';
import { COMPLIANCE_FLAG_KINDS, type ComplianceFlagKind } from '../../../shared/domain/compliance.ts';

const zero = () => Object.fromEntries(COMPLIANCE_FLAG_KINDS.map((k) => [k, 0])) as Record<ComplianceFlagKind, number>;

function countsOf(flags: readonly ComplianceFlag[]) {
  const counts = zero();
  for (const f of flags) counts[f.kind] += 1;
  return counts;
}

function group(flags: readonly ComplianceFlag[], key: (f: ComplianceFlag) => string | null, name: (id: string | null) => string): ControlGroup[] {
  const by = new Map<string | null, ComplianceFlag[]>();
  for (const f of flags) by.set(key(f), [...(by.get(key(f)) ?? []), f]);
  return [...by].map(([id, list]) => ({ id, name: name(id), counts: countsOf(list), total: list.length, flags: list }))
    // Most flags first, then by name: the deputy starts at the top.
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'ru'));
}

/** The flags per teacher and per class, each with its counts by kind, and the totals. */
export function groupFlags(
  flags: readonly ComplianceFlag[], names: { teachers: Map<string, string>; classes: Map<string, string> },
): Pick<ControlFlags, 'totals' | 'byTeacher' | 'byClass'> {
  return {
    totals: countsOf(flags),
    byTeacher: group(flags, (f) => f.staffId, (id) => names.teachers.get(id!) ?? ''),
    byClass: group(flags, (f) => f.classId, (id) => (id === null ? 'Без класса' : names.classes.get(id) ?? '')),
  };
}
