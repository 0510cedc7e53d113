import type { ClassOverview } from '../../../shared/contract/classroom.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { isMissed } from '../../../shared/domain/attendance.ts';
import { journalDebts } from '../../../shared/domain/debts.ts';
import { weightedMean } from '../../../shared/domain/grading.ts';
import { defaultPeriod, periodsForGrade } from '../../../shared/domain/periods.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { periodNotFound, periodsOfYear, type PeriodRow } from '../calendar/service.ts';
import { periodMarksOfStudents, yearMarksOfStudents } from '../grading/classMarks.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';
import { overviewCells } from './overviewQueries.ts';
import { listWorkTypes } from '../grading/workTypeService.ts';
import { groupStaysOfStudents } from '../../roster/groupStays.ts';
import { classStaysBetween } from '../../roster/classStays.ts';

const key = (studentId: string, subjectId: string) => `${studentId}|${subjectId}`;

/**
 * Seed 002, 4.3 and 003 (сводная ведомость): every subject's marks and every absence of a class's
 * students in one period. A fixed number of set-based queries, whatever the class's size.
 */
export async function classOverview(db: Db, now: Date, schoolId: string, classId: string, periodId: string | undefined): Promise<ClassOverview> {
  const klass = await getClass(db, schoolId, classId);
  const school = await getSchool(db, schoolId);
  const periods = periodsForGrade(await periodsOfYear(db, schoolId, klass.academicYearId), klass.grade);
  const today = localDate(now, school.timeZone);
  let period: PeriodRow | undefined;
  if (periodId !== undefined) {
    period = periods.find((p) => p.id === periodId);
    if (!period) throw badRequest('overview.period_other_class', 'Период не относится к учебному году и параллели класса', { periodId: periodNotFound().message });
  } else {
    period = defaultPeriod(periods, today);
    if (!period) throw badRequest('overview.no_periods', 'В учебном году класса нет периодов для его параллели', { periodId: 'Нет периодов' });
  }
  const { startsOn: from, endsOn: to } = period;

  const stays = await classStaysBetween(db, schoolId, classId, from, to);
  const studentIds = [...new Set(stays.map((s) => s.studentId))];
  const groupStays = (await groupStaysOfStudents(db, schoolId, studentIds))
    .filter((g) => g.startsOn <= to && (g.endsOn === null || g.endsOn >= from));
  const groupIds = [...new Set(groupStays.map((g) => g.groupId))];
  const [rows, cells, workTypes, periodMarks, policy, yearRows] = await Promise.all([
    studentsByIds(db, schoolId, studentIds),
    overviewCells(db, { schoolId, studentIds, groupIds, from, to }),
    listWorkTypes(db, schoolId),
    periodMarksOfStudents(db, schoolId, period.id, studentIds),
    currentPolicy(db, schoolId),
    yearMarksOfStudents(db, schoolId, klass.academicYearId, studentIds),
  ]);

  // Debts per group (pure, in memory): the control works a student sat and has no mark of.
  const controlWorkTypeIds = new Set(workTypes.filter((w) => w.isControl).map((w) => w.id));
  const debts = new Map<string, number>();
  const lessonSubject = new Map(cells.lessons.map((l) => [l.id, l.subjectId]));
  for (const groupId of groupIds) {
    const found = journalDebts({
      lessons: cells.lessons.filter((l) => l.groupId === groupId),
      marks: cells.marks, attendance: cells.attendance,
      stays: groupStays.filter((g) => g.groupId === groupId), controlWorkTypeIds, today,
    });
    for (const d of found) {
      const k = key(d.studentId, lessonSubject.get(d.lessonId)!);
      debts.set(k, (debts.get(k) ?? 0) + 1);
    }
  }

  const marksOf = new Map<string, typeof cells.marks>();
  for (const m of cells.marks) marksOf.set(key(m.studentId, m.subjectId), [...(marksOf.get(key(m.studentId, m.subjectId)) ?? []), m]);
  const latestMark = new Map<string, { value: string; at: number }>();
  for (const pm of periodMarks) {
    const k = key(pm.studentId, pm.subjectId);
    if ((latestMark.get(k)?.at ?? -Infinity) < pm.updatedAt.getTime()) latestMark.set(k, { value: pm.value, at: pm.updatedAt.getTime() });
  }
  const subjectIds = new Set([
    ...cells.lessons.filter((l) => l.status !== 'cancelled').map((l) => l.subjectId), ...cells.marks.map((m) => m.subjectId), ...periodMarks.map((p) => p.subjectId),
  ]);
  const names = await subjectNames(db, schoolId, [...new Set([...subjectIds, ...yearRows.map((r) => r.subjectId)])]);
  const subjects = [...subjectIds].map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));

  const students = rows.map((s) => ({
    id: s.id, name: fullName(s), shortName: shortName(s),
    left: !stays.some((st) => st.studentId === s.id && (st.endsOn === null || st.endsOn >= (to < today ? to : today))),
  })).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));

  const cellsOut: ClassOverview['cells'] = [];
  for (const student of students) {
    for (const subject of subjects) {
      const k = key(student.id, subject.id);
      const own = marksOf.get(k) ?? [];
      const counted = own.filter((m) => m.scale === 'five' && /^[1-5]$/.test(m.value)).length;
      const cell = { count: counted, mean: weightedMean(own, policy.rules), debts: debts.get(k) ?? 0, periodMark: latestMark.get(k)?.value ?? null };
      if (own.length > 0 || cell.debts > 0 || cell.periodMark !== null) cellsOut.push({ studentId: student.id, subjectId: subject.id, ...cell });
    }
  }

  const absences = students.map((s) => {
    const own = cells.attendance.filter((a) => a.studentId === s.id);
    const count = (code: string) => own.filter((a) => a.code === code).length;
    return {
      studentId: s.id, absent: count('absent'), ill: count('ill'), excused: count('excused'), late: count('late'),
      missedLessons: own.filter((a) => isMissed(a.code)).length,
    };
  }).filter((a) => a.absent + a.ill + a.excused + a.late > 0);

  const shown = (p: PeriodRow) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn });
  return {
    class: { id: klass.id, name: classDisplayName(school.kind as SchoolKind, klass.grade, klass.letter), grade: klass.grade, academicYearId: klass.academicYearId },
    periods: periods.map(shown),
    period: shown(period),
    students,
    subjects,
    cells: cellsOut,
    absences,
    yearMarks: yearMarksOf(yearRows, names),
  };
}

/** Year, exam and final marks per student × subject (the latest of a kind, should a student have changed groups). */
function yearMarksOf(rows: Awaited<ReturnType<typeof yearMarksOfStudents>>, names: Map<string, string>): ClassOverview['yearMarks'] {
  const items = new Map<string, ClassOverview['yearMarks']['items'][number] & { at: Record<string, number> }>();
  for (const r of rows) {
    const k = key(r.studentId, r.subjectId);
    const item = items.get(k) ?? { studentId: r.studentId, subjectId: r.subjectId, year: null, exam: null, final: null, at: {} };
    const field = r.kind === 'exam' ? 'exam' : r.kind === 'final' ? 'final' : 'year';
    if ((item.at[field] ?? -Infinity) < r.updatedAt.getTime()) {
      item[field] = r.value;
      item.at[field] = r.updatedAt.getTime();
    }
    items.set(k, item);
  }
  const subjectIds = [...new Set(rows.map((r) => r.subjectId))];
  return {
    subjects: subjectIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id)),
    items: [...items.values()].map(({ at: _at, ...item }) => item),
  };
}
