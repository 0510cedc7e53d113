import type { ForecastReport, ForecastQuery } from '../../../shared/contract/reports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { isMissed } from '../../../shared/domain/attendance.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { forecastOf } from '../../../shared/domain/forecast.ts';
import type { MarkInput } from '../../../shared/domain/grading.ts';
import { periodsForGrade } from '../../../shared/domain/periods.ts';
import { fullName } from '../../../shared/domain/person.ts';
import { periodResults } from '../../../shared/domain/results.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, referenced } from '../../errors.ts';
import { classStaysBetween } from '../../roster/classStays.ts';
import { groupStaysOfStudents } from '../../roster/groupStays.ts';
import { periodNotFound, periodsOfYear } from '../calendar/service.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { listWorkTypes } from '../grading/workTypeService.ts';
import { overviewCells } from '../journal/overviewQueries.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';

const key = (studentId: string, subjectId: string) => `${studentId}|${subjectId}`;
const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id);

/**
 * Прогноз of one class in one period (seeds 001 §2.7, 002 §2.7): per student × subject the weighted
 * mean so far, the suggested period mark by the school's current policy (the one grading function),
 * the «5»s it takes to reach the next mark and the risks; per class the forecast marks' distribution
 * and итоги успеваемости over them (shared/domain/results.ts). The class overview's set-based reads:
 * a fixed number of statements whatever the class's size. The policy's absence rule counts too.
 */
export async function forecastReport(db: Db, now: Date, schoolId: string, query: ForecastQuery): Promise<ForecastReport> {
  const klass = await referenced(getClass(db, schoolId, query.classId), 'classId');
  const [school, allPeriods, policy, workTypes] = await Promise.all([
    getSchool(db, schoolId), periodsOfYear(db, schoolId, klass.academicYearId), currentPolicy(db, schoolId), listWorkTypes(db, schoolId),
  ]);
  const periods = periodsForGrade(allPeriods, klass.grade).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn));
  const period = periods.find((p) => p.id === query.periodId);
  if (!period) throw badRequest('forecast.period_other_class', 'Период не относится к учебному году и параллели класса', { periodId: periodNotFound().message });
  const { startsOn: from, endsOn: to } = period;
  const today = localDate(now, school.timeZone);

  const stays = await classStaysBetween(db, schoolId, query.classId, from, to);
  const studentIds = [...new Set(stays.map((s) => s.studentId))];
  const groupStays = (await groupStaysOfStudents(db, schoolId, studentIds)).filter((g) => g.startsOn <= to && (g.endsOn === null || g.endsOn >= from));
  const groupIds = [...new Set(groupStays.map((g) => g.groupId))];
  const [rows, cells] = await Promise.all([
    studentsByIds(db, schoolId, studentIds),
    overviewCells(db, { schoolId, studentIds, groupIds, from, to }),
  ]);

  // Who studies what: the subjects of his groups' lessons in the period, and whatever he has marks in.
  const groupSubjects = new Map<string, Set<string>>();
  for (const l of cells.lessons) {
    if (l.status === 'cancelled') continue;
    const set = groupSubjects.get(l.groupId) ?? new Set<string>();
    set.add(l.subjectId);
    groupSubjects.set(l.groupId, set);
  }
  const written = new Set(workTypes.filter((w) => w.isWritten || w.isControl).map((w) => w.id));
  const marksOf = new Map<string, MarkInput[]>();
  for (const m of cells.marks) {
    const k = key(m.studentId, m.subjectId);
    const list = marksOf.get(k) ?? [];
    list.push({ value: m.value, scale: m.scale, weight: Number(m.weight), workTypeId: m.workTypeId ?? undefined, written: m.workTypeId !== null && written.has(m.workTypeId) });
    marksOf.set(k, list);
  }
  const studies = new Set(marksOf.keys());
  for (const g of groupStays) for (const subjectId of groupSubjects.get(g.groupId) ?? []) studies.add(key(g.studentId, subjectId));
  const subjectIds = [...new Set([...studies].map((k) => k.split('|')[1]!))];
  const names = await subjectNames(db, schoolId, subjectIds);
  const subjects = subjectIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort(byName);
  const end = to < today ? to : today;
  const students = rows.map((s) => ({
    id: s.id, name: fullName(s), left: !stays.some((st) => st.studentId === s.id && (st.endsOn === null || st.endsOn >= end)),
  })).sort(byName);

  const context = policy.rules.notAssessedWhen.absentShareAbove === undefined ? null : absenceContext(cells, groupStays, to < today ? to : today);

  const out: ForecastReport['cells'] = [];
  const distribution = { 5: 0, 4: 0, 3: 0, 2: 0, notAssessed: 0 };
  const valuesOf = new Map<string, ForecastReport['cells'][number]['forecast'][]>();
  for (const student of students) {
    const values: ForecastReport['cells'][number]['forecast'][] = [];
    for (const subject of subjects) {
      const k = key(student.id, subject.id);
      if (!studies.has(k)) continue;
      const f = forecastOf(marksOf.get(k) ?? [], policy.rules, context?.(student.id, subject.id));
      const forecast = f.suggestion.value;
      distribution[forecast] += 1;
      values.push(forecast);
      out.push({ studentId: student.id, subjectId: subject.id, mean: f.suggestion.mean, count: f.suggestion.count, forecast, next: f.next, risks: f.risks });
    }
    valuesOf.set(student.id, values);
  }
  const risky = new Set(out.filter((c) => c.risks.length > 0).map((c) => c.studentId));
  return {
    class: { id: klass.id, name: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter) },
    period: { id: period.id, name: period.name, startsOn: from, endsOn: to },
    periods: periods.map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    students: students.map((s) => ({ ...s, atRisk: risky.has(s.id) })),
    subjects,
    cells: out,
    distribution,
    figures: periodResults(students.map((s) => valuesOf.get(s.id) ?? [])),
  };
}

/**
 * The policy's absence rule as the period-mark sheet applies it (grading/suggestions.ts): per student
 * × subject the lessons of his groups in that subject held so far (not cancelled, up to `until`) and
 * those of them he missed (н, б, у), from the overview's rows already read.
 */
function absenceContext(
  cells: Awaited<ReturnType<typeof overviewCells>>, groupStays: readonly { studentId: string; groupId: string }[], until: string,
) {
  const held = new Map<string, number>();
  const dateOf = new Map<string, string>();
  for (const l of cells.lessons) {
    if (l.status === 'cancelled' || l.date > until) continue;
    dateOf.set(l.id, l.date);
    held.set(key(l.groupId, l.subjectId), (held.get(key(l.groupId, l.subjectId)) ?? 0) + 1);
  }
  const missed = new Map<string, number>();
  for (const a of cells.attendance) {
    if (!isMissed(a.code) || !dateOf.has(a.lessonId)) continue;
    missed.set(key(a.studentId, a.subjectId), (missed.get(key(a.studentId, a.subjectId)) ?? 0) + 1);
  }
  const groupsOf = new Map<string, Set<string>>();
  for (const g of groupStays) groupsOf.set(g.studentId, (groupsOf.get(g.studentId) ?? new Set<string>()).add(g.groupId));
  return (studentId: string, subjectId: string) => {
    let lessons = 0;
    for (const groupId of groupsOf.get(studentId) ?? []) lessons += held.get(key(groupId, subjectId)) ?? 0;
    return { lessons, absences: missed.get(key(studentId, subjectId)) ?? 0 };
  };
}
