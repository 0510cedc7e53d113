import type { ClassSummary, ClassSummaryQuery } from '../../../shared/contract/reports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { periodsForGrade } from '../../../shared/domain/periods.ts';
import { fullName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { referenced } from '../../errors.ts';
import { classStaysBetween } from '../../roster/classStays.ts';
import { periodsOfYear } from '../calendar/service.ts';
import { yearMarksOfStudents } from '../grading/classMarks.ts';
import { classOverview } from '../journal/overviewService.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';
import { periodMarksOfYear, yearOf } from './queries.ts';

const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id);

/**
 * Сводная ведомость of one class (seed 001 §7, 002 §4.3, 003): for a period, each student × subject's
 * weighted mean of the period's marks and the period mark — the class overview's read, the one
 * grading function — or, without a period, the year: each period's mark and the year mark. A fixed
 * number of set-based statements whatever the class's size.
 */
export async function classSummaryReport(db: Db, now: Date, schoolId: string, query: ClassSummaryQuery): Promise<ClassSummary> {
  const klass = await referenced(getClass(db, schoolId, query.classId), 'classId');
  if (query.periodId !== undefined) {
    const o = await classOverview(db, now, schoolId, query.classId, query.periodId);
    return {
      class: o.class, periods: o.periods, period: o.period,
      students: o.students.map(({ id, name, left }) => ({ id, name, left })),
      subjects: o.subjects,
      cells: o.cells.map(({ studentId, subjectId, count, mean, periodMark }) => ({ studentId, subjectId, count, mean, periodMark })),
      yearCells: [],
    };
  }
  return yearSummary(db, now, schoolId, klass);
}

async function yearSummary(db: Db, now: Date, schoolId: string, klass: Awaited<ReturnType<typeof getClass>>): Promise<ClassSummary> {
  const classId = klass.id;
  const [school, year, allPeriods] = await Promise.all([
    getSchool(db, schoolId), yearOf(db, schoolId, klass.academicYearId), periodsOfYear(db, schoolId, klass.academicYearId),
  ]);
  const periods = periodsForGrade(allPeriods, klass.grade).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn));
  const from = year!.starts_on;
  const to = year!.ends_on;
  const today = localDate(now, school.timeZone);
  const stays = await classStaysBetween(db, schoolId, classId, from, to);
  const studentIds = [...new Set(stays.map((s) => s.studentId))];
  const [rows, periodRows, yearRows] = await Promise.all([
    studentsByIds(db, schoolId, studentIds),
    periodMarksOfYear(db, schoolId, klass.academicYearId, studentIds),
    yearMarksOfStudents(db, schoolId, klass.academicYearId, studentIds),
  ]);
  const shownPeriods = new Set(periods.map((p) => p.id));
  const cells = new Map<string, ClassSummary['yearCells'][number]>();
  const cellOf = (studentId: string, subjectId: string) => {
    const k = `${studentId}|${subjectId}`;
    const cell = cells.get(k) ?? { studentId, subjectId, periodMarks: {}, yearMark: null };
    cells.set(k, cell);
    return cell;
  };
  // Ordered by update: a student who changed groups keeps the latest mark.
  for (const r of periodRows) if (shownPeriods.has(r.period_id)) cellOf(r.student_id, r.subject_id).periodMarks[r.period_id] = r.value;
  for (const r of [...yearRows].sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())) {
    if (r.kind === 'period') cellOf(r.studentId, r.subjectId).yearMark = r.value;
  }
  const subjectIds = [...new Set([...cells.values()].map((c) => c.subjectId))];
  const names = await subjectNames(db, schoolId, subjectIds);
  const end = to < today ? to : today;
  return {
    class: { id: klass.id, name: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter), grade: klass.grade, academicYearId: klass.academicYearId },
    periods: periods.map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    period: null,
    students: rows.map((s) => ({
      id: s.id, name: fullName(s), left: !stays.some((st) => st.studentId === s.id && (st.endsOn === null || st.endsOn >= end)),
    })).sort(byName),
    subjects: subjectIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort(byName),
    cells: [],
    yearCells: [...cells.values()],
  };
}
