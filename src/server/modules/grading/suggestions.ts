import { bandContains, minDate } from '../../../shared/domain/calendar.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { type Suggestion, suggestPeriodMark, suggestYearMark, type YearSuggestion } from '../../../shared/domain/grading.ts';
import type { Db } from '../../db/client.ts';
import type { PeriodRow, YearRow } from '../calendar/service.ts';
import { periodsOfYear } from '../calendar/service.ts';
import { getSchool } from '../organisation/service.ts';
import { type GroupInfo } from '../structure/service.ts';
import * as marksQ from './markQueries.ts';
import type { CurrentPolicy } from './policyService.ts';
import { type MarkSlot, marksOfPeriods, marksOfSlot, type PeriodMarkRow } from './periodMarkQueries.ts';
import { groupStaysBetween } from '../../roster/groupStays.ts';

/** One group's subject in a period (or the year, `period` null): what a sheet of period marks is about. */
export type Target = { group: GroupInfo; subjectId: string; period: PeriodRow | null; year: YearRow; from: string; to: string; slot: MarkSlot };

export type Lines = {
  /** Everyone who sat in the group during the period, or has marks or a period mark there. */
  roster: Set<string>;
  suggestions: Map<string, Suggestion | YearSuggestion>;
  marks: Map<string, PeriodMarkRow>;
};


const groupBy = <T extends { studentId: string }>(rows: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.studentId);
    if (list) list.push(row);
    else map.set(row.studentId, [row]);
  }
  return map;
};

async function rosterOf(db: Db, schoolId: string, t: Target, studentIds: string[] | undefined, ...others: { studentId: string }[][]) {
  const stays = await groupStaysBetween(db, schoolId, t.group.id, t.from, t.to);
  const wanted = studentIds && new Set(studentIds);
  return new Set([...stays, ...others.flat()].map((s) => s.studentId).filter((id) => !wanted || wanted.has(id)));
}

/** Lessons held so far and lessons missed per student, for the policy's absence rule. */
async function attendanceContext(db: Db, schoolId: string, t: Target, now: Date, studentIds?: string[]) {
  const school = await getSchool(db, schoolId);
  const to = minDate(t.to, localDate(now, school.timeZone));
  if (to < t.from) return { lessons: 0, absences: new Map<string, number>() };
  const range = { groupId: t.group.id, subjectId: t.subjectId, from: t.from, to, studentIds };
  const lessons = await marksQ.lessonCount(db, schoolId, range);
  const absences = new Map((await marksQ.absenceCounts(db, schoolId, range)).map((r) => [r.studentId, r.n]));
  return { lessons, absences };
}

async function periodLines(db: Db, schoolId: string, t: Target, policy: CurrentPolicy, now: Date, studentIds?: string[]): Promise<Lines> {
  const range = { groupId: t.group.id, subjectId: t.subjectId, from: t.from, to: t.to, studentIds };
  const markRows = await marksQ.marksInRange(db, schoolId, range);
  const existing = await marksOfSlot(db, schoolId, t.slot, studentIds);
  const roster = await rosterOf(db, schoolId, t, studentIds, markRows, existing);
  const context = policy.rules.notAssessedWhen.absentShareAbove !== undefined
    ? await attendanceContext(db, schoolId, t, now, studentIds)
    : undefined;
  const byStudent = groupBy(markRows);
  const suggestions = new Map<string, Suggestion>();
  for (const id of roster) {
    const ctx = context && { lessons: context.lessons, absences: context.absences.get(id) ?? 0 };
    suggestions.set(id, suggestPeriodMark(byStudent.get(id) ?? [], policy.rules, ctx));
  }
  return { roster, suggestions, marks: new Map(existing.map((m) => [m.studentId, m])) };
}

async function yearLines(db: Db, schoolId: string, t: Target, policy: CurrentPolicy, studentIds?: string[]): Promise<Lines> {
  const grade = t.group.grade;
  const periods = (await periodsOfYear(db, schoolId, t.year.id))
    .filter((p) => grade === null || bandContains(p, grade))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const order = new Map(periods.map((p, i) => [p.id, i]));
  const periodRows = await marksOfPeriods(db, schoolId, t.group.id, t.subjectId, periods.map((p) => p.id), studentIds);
  const existing = await marksOfSlot(db, schoolId, t.slot, studentIds);
  const roster = await rosterOf(db, schoolId, t, studentIds, periodRows, existing);
  const byStudent = groupBy(periodRows);
  const suggestions = new Map<string, YearSuggestion>();
  for (const id of roster) {
    const values = (byStudent.get(id) ?? []).sort((a, b) => order.get(a.periodId!)! - order.get(b.periodId!)!).map((m) => m.value);
    suggestions.set(id, suggestYearMark(values as Parameters<typeof suggestYearMark>[0], policy.rules));
  }
  return { roster, suggestions, marks: new Map(existing.map((m) => [m.studentId, m])) };
}

/** The suggestion for every student of the sheet (or only `studentIds`), in a handful of set-based queries. */
export const linesOf = (db: Db, schoolId: string, t: Target, policy: CurrentPolicy, now: Date, studentIds?: string[]) =>
  t.period ? periodLines(db, schoolId, t, policy, now, studentIds) : yearLines(db, schoolId, t, policy, studentIds);
