import type { ClassOverview, ClassRoster } from '../../../shared/contract/classroom.ts';
import type { Class } from '../../../shared/contract/structure.ts';
import { formatDecimal } from '../../../shared/domain/grading.ts';

/** The tabs of a class page, in order; the first is the default (`?tab=` in the URL). */
export const CLASS_TABS = ['overview', 'absences', 'access', 'parents', 'personal', 'control'] as const;
export type ClassTab = (typeof CLASS_TABS)[number];

export const tabOf = (value: string | null): ClassTab =>
  (CLASS_TABS as readonly string[]).includes(value ?? '') ? (value as ClassTab) : 'overview';

export type Tone = 'low' | 'debt' | 'plain';

/** A cell's colour: below 3 it warns, a debt (control work without a mark) too; a low mean wins. */
export function cellTone(cell: { mean: number | null; debts: number } | undefined): Tone {
  if (!cell) return 'plain';
  if (cell.mean !== null && cell.mean < 3) return 'low';
  return cell.debts > 0 ? 'debt' : 'plain';
}

/** «4,5» or «—» for a cell without marks. */
export const meanText = (mean: number | null) => (mean === null ? '—' : formatDecimal(mean, true));

/** Cells by `studentId|subjectId`, to lay out the students × subjects table. */
export function cellIndex(overview: ClassOverview): Map<string, ClassOverview['cells'][number]> {
  return new Map(overview.cells.map((c) => [`${c.studentId}|${c.subjectId}`, c]));
}

/**
 * Classes a person may open on this screen: the whole-school roles see every class of the year;
 * a class teacher / curator those he keeps (the server checks each request again).
 */
export function classesOf(classes: readonly Class[], staffIds: readonly string[], wholeSchool: boolean): Class[] {
  const mine = wholeSchool ? [...classes] : classes.filter((c) => c.classTeacherId !== null && staffIds.includes(c.classTeacherId));
  return mine.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'ru'));
}

export type SlipPerson = { kind: 'student' | 'guardian'; id: string };
export const personKey = (p: SlipPerson) => `${p.kind}:${p.id}`;

/** Every person on the class's list, each once (a guardian of two children is one slip). */
export function slipPeople(roster: ClassRoster, include: { students: boolean; guardians: boolean }): SlipPerson[] {
  const seen = new Set<string>();
  const people: SlipPerson[] = [];
  const add = (p: SlipPerson) => {
    if (seen.has(personKey(p))) return;
    seen.add(personKey(p));
    people.push(p);
  };
  for (const item of roster.items) {
    if (include.students) add({ kind: 'student', id: item.student.id });
    if (include.guardians) for (const g of item.guardians) add({ kind: 'guardian', id: g.id });
  }
  return people;
}

/** The fields of a student's personal data the class teacher edits, as strings for the form. */
export const PERSONAL_FIELDS = ['lastName', 'firstName', 'middleName', 'birthDate', 'snils', 'address', 'phone', 'email'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Only what changed, with blanks as '' (the API stores them as "none"). */
export function changedFields(before: Record<PersonalField, string | null>, after: Record<PersonalField, string>): Partial<Record<PersonalField, string>> {
  const patch: Partial<Record<PersonalField, string>> = {};
  for (const field of PERSONAL_FIELDS) if ((before[field] ?? '') !== after[field].trim()) patch[field] = after[field].trim();
  return patch;
}
