/**
 * The demo's period results as the reports show them (issue 13): per class, the figures of
 * `periodResults` over the period marks of a period, each student counted in the class he is
 * enrolled in on the period's last day. Used by bench/demo-results.ts and the demo tests.
 */
import type { PeriodMarkValue } from '../../shared/contract/enums.ts';
import { type ResultsFigures, periodResults } from '../../shared/domain/results.ts';
import type { Rows } from './rows.ts';

export type ClassResults = { classId: string; name: string; grade: number; figures: ResultsFigures };

/** Each class's figures for the period named `periodName` (only classes with period marks), and the school's. */
export function demoPeriodResults(rows: Rows, periodName = '1 четверть'): { classes: ClassResults[]; school: ResultsFigures } {
  const periodIds = new Set(rows.periods.filter((p) => p.name === periodName).map((p) => p.id));
  const endOf = new Map(rows.periods.map((p) => [p.id, p.endsOn]));
  const byStudent = new Map<string, { periodId: string; values: PeriodMarkValue[] }>();
  for (const m of rows.periodMarks) {
    if (m.kind !== 'period' || !m.periodId || !periodIds.has(m.periodId)) continue;
    const own = byStudent.get(m.studentId) ?? { periodId: m.periodId, values: [] };
    own.values.push(m.value as PeriodMarkValue);
    byStudent.set(m.studentId, own);
  }
  const students = new Map<string, PeriodMarkValue[][]>();
  for (const e of rows.enrolments) {
    const own = byStudent.get(e.studentId);
    if (!own) continue;
    const end = endOf.get(own.periodId)!;
    if (e.startsOn > end || (e.endsOn != null && e.endsOn < end)) continue;
    students.set(e.classId, [...(students.get(e.classId) ?? []), own.values]);
  }
  const classes = rows.classes
    .filter((c) => students.has(c.id))
    .map((c) => ({ classId: c.id, name: `${c.grade}${c.letter}`, grade: c.grade, figures: periodResults(students.get(c.id)!) }))
    .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name));
  return { classes, school: periodResults([...students.values()].flat()) };
}
