import type { TFunction } from 'i18next';
import type { ComplianceFlag } from '../../../shared/contract/control.ts';
import { formatDate } from './auditText.ts';

/** A teacher's flags with the deputy's remarks first (the newest remark first), then the rest in the board's order. */
export function remarkedFirst(flags: readonly ComplianceFlag[]): ComplianceFlag[] {
  const latest = (f: ComplianceFlag) => f.remarks.at(-1)?.createdAt ?? '';
  return [...flags].sort((a, b) => (latest(b) > latest(a) ? 1 : latest(b) < latest(a) ? -1 : 0));
}

/**
 * What a few_marks flag says: the marks there are of the minimum, the written or control works of
 * those required where the policy requires them (seed 001, 5.2), and the period-mark deadline.
 */
export function fewMarksText(flag: ComplianceFlag, t: TFunction): string {
  const params = { student: flag.studentName ?? '', marks: flag.marks ?? 0, min: flag.minMarks ?? 0, deadline: formatDate(flag.deadline ?? '') };
  if (!flag.minWrittenMarks) return t('control.board.fewMarks', params);
  return t('control.board.fewMarksWritten', { ...params, written: flag.writtenMarks ?? 0, minWritten: flag.minWrittenMarks });
}
