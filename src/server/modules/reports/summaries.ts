import { sql } from 'drizzle-orm';
import type { ClassSummary } from '../../../shared/contract/reports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { type MarkSums, weightedMeanOfSums } from '../../../shared/domain/grading.ts';
import { periodsForGrade } from '../../../shared/domain/periods.ts';
import { fullName } from '../../../shared/domain/person.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { badRequest, referenced } from '../../errors.ts';
import { groupStaysOfStudentsSql } from '../../roster/groupStays.ts';
import { periodsOfYear } from '../calendar/service.ts';
import { periodMarksOfStudents, yearMarksOfStudents } from '../grading/classMarks.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { getSchool } from '../organisation/service.ts';
import { classDisplayName } from '../structure/rules.ts';
import { getClass, subjectNames } from '../structure/service.ts';
import { type PeriodRef, periodMarksOfYear, periodOf, yearOf } from './queries.ts';

// Сводная ведомость of a set of classes (one class, a class teacher's classes, the whole school) in a
// fixed number of set-based statements whatever the number of classes and students: the classes with
// their stays and names (one), then for a period the subjects of the students' groups, their marks and
// period marks (three), for the year their period marks and year/exam/final marks (two), and the
// subjects' names (one). The weighted mean is the one grading function (shared/domain/grading.ts).

/** A class's ведомость with what its printed form needs besides: the class teacher's name. */
export type SummaryOfClass = ClassSummary & { classTeacher: string | null };

export type Summaries = {
  academicYearId: string;
  periodId: string | null;
  /** The period's name, or the year's. */
  name: string;
  schoolName: string;
  schoolTimeZone: string;
  classes: SummaryOfClass[];
};

/** Which ведомость: a period's, or (academicYearId) the year's; `classId` one class only. */
export type SummariesQuery = { periodId?: string | undefined; academicYearId?: string | undefined; classId?: string | undefined };

type RosterRow = {
  class_id: string; grade: number; letter: string;
  teacher_last: string | null; teacher_first: string | null; teacher_middle: string | null;
  student_id: string | null; ends_on: string | null; last_name: string | null; first_name: string | null; middle_name: string | null;
};

const uuids = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
const key = (studentId: string, subjectId: string) => `${studentId}|${subjectId}`;
// One collator: `localeCompare(…, 'ru')` orders alike but looks its collator up on every call.
const russian = new Intl.Collator('ru');
const byName = <T extends { name: string; id: string }>(a: T, b: T) => russian.compare(a.name, b.name) || a.id.localeCompare(b.id);

/**
 * One statement: the classes of the year in the grade band (only `classIds` when given), each with
 * its class teacher's name and every stay overlapping from–to with the student's name. A class
 * without students answers one row with `student_id` null.
 */
const roster = (db: Db, schoolId: string, ref: PeriodRef, classIds: readonly string[] | undefined) => queryRows<RosterRow>(db, sql`
  select c.id as class_id, c.grade, c.letter,
    t.last_name as teacher_last, t.first_name as teacher_first, t.middle_name as teacher_middle,
    e.student_id, e.ends_on::text as ends_on, s.last_name, s.first_name, s.middle_name
  from classes c
  left join staff t on t.school_id = c.school_id and t.id = c.class_teacher_id
  left join enrolments e on e.school_id = c.school_id and e.class_id = c.id
    and e.starts_on <= ${ref.ends_on}::date and (e.ends_on is null or e.ends_on >= ${ref.starts_on}::date)
  left join students s on s.school_id = e.school_id and s.id = e.student_id
  where c.school_id = ${schoolId} and c.academic_year_id = ${ref.academic_year_id}
    and c.grade between ${ref.grade_from}::int and ${ref.grade_to}::int
    ${classIds === undefined ? sql`` : classIds.length === 0 ? sql`and false` : sql`and c.id in (${uuids(classIds)})`}
  order by c.grade, c.letter, c.id`);

/** One statement: per student, the subjects of the (not cancelled) lessons from–to of every group he sat in then. */
const subjectsOfStudents = (db: Db, schoolId: string, studentIds: string[], from: string, to: string) =>
  studentIds.length === 0 ? Promise.resolve([]) : queryRows<{ student_id: string; subject_id: string }>(db, sql`
    with gs as (${groupStaysOfStudentsSql(schoolId, studentIds, { from, to })}),
    gsub as (
      select distinct l.group_id, l.subject_id from lessons l
      where l.school_id = ${schoolId} and l.date between ${from}::date and ${to}::date and l.status <> 'cancelled'
        and l.group_id in (select group_id from gs)
    )
    select distinct gs.student_id, gsub.subject_id from gs join gsub on gsub.group_id = gs.group_id`);

/**
 * One statement: the current marks of these students in lessons from–to, per student × the lesson's
 * subject × work type × weight, the five-point ones counted and summed (what the mean and the count
 * need; the policy's weights are applied after). A group of other marks only says the cell has marks.
 */
const marksOfPeriod = (db: Db, schoolId: string, studentIds: string[], from: string, to: string) =>
  studentIds.length === 0 ? Promise.resolve([]) : queryRows<{
    student_id: string; subject_id: string; work_type_id: string; weight: string; n: number; total: number;
  }>(db, sql`
    with l as materialized (
      select l.id, l.subject_id from lessons l where l.school_id = ${schoolId} and l.date between ${from}::date and ${to}::date
    ),
    m as (
      select m.student_id, l.subject_id, m.work_type_id, m.weight, m.value,
        m.scale = 'five' and m.value in ('1', '2', '3', '4', '5') as five
      from l cross join lateral (
        -- The marks of each lesson of the period (a probe per lesson, offset 0 keeps it so): a student at a
        -- time the planner looks each mark's lesson up instead, ten times the probes for a whole school.
        select * from marks m where m.school_id = ${schoolId} and m.lesson_id = l.id and not m.deleted offset 0
      ) m
      where m.student_id in (${uuids(studentIds)})
    )
    select student_id, subject_id, work_type_id, weight, (count(*) filter (where five))::int as n,
      coalesce(sum(case when five then value::int end), 0)::int as total
    from m group by student_id, subject_id, work_type_id, weight`);

/**
 * The ведомость of every class asked for: a period's (each student × subject's weighted mean and
 * period mark) or the year's (each period's mark, the year mark, the exam and final marks where
 * set). Refuses an unknown period or year (400 on its field) and, with `classId`, a class outside
 * the period's year and grades (400 on `periodId`) or outside `classIds` (400 on `classId`).
 */
export async function summaries(db: Db, now: Date, schoolId: string, query: SummariesQuery, classIds?: readonly string[]): Promise<Summaries> {
  const ref = query.periodId !== undefined ? await periodOf(db, schoolId, query.periodId) : await yearOf(db, schoolId, query.academicYearId!);
  if (!ref) {
    throw query.periodId !== undefined
      ? badRequest('period.not_found', 'Период не найден', { periodId: 'Период не найден' })
      : badRequest('academic_year.not_found', 'Учебный год не найден', { academicYearId: 'Учебный год не найден' });
  }
  if (query.classId !== undefined) await referenced(getClass(db, schoolId, query.classId), 'classId');
  const only = query.classId !== undefined ? [query.classId].filter((id) => classIds === undefined || classIds.includes(id)) : classIds;
  const [school, allPeriods, rows] = await Promise.all([
    getSchool(db, schoolId), periodsOfYear(db, schoolId, ref.academic_year_id), roster(db, schoolId, ref, only),
  ]);
  if (query.classId !== undefined && rows.length === 0) {
    throw query.periodId !== undefined
      ? badRequest('overview.period_other_class', 'Период не относится к учебному году и параллели класса', { periodId: 'Период не относится к учебному году и параллели класса' })
      : badRequest('class.not_found', 'Класс не найден в этом учебном году', { classId: 'Класс не найден в этом учебном году' });
  }
  const today = localDate(now, school.timeZone);
  const end = ref.ends_on < today ? ref.ends_on : today;
  const studentIds = [...new Set(rows.flatMap((r) => (r.student_id === null ? [] : [r.student_id])))];

  type Klass = { id: string; grade: number; letter: string; teacher: string | null; students: Map<string, { name: string; stays: (string | null)[] }> };
  const classes = new Map<string, Klass>();
  for (const r of rows) {
    const k = classes.get(r.class_id) ?? {
      id: r.class_id, grade: r.grade, letter: r.letter, students: new Map(),
      teacher: r.teacher_last === null ? null : fullName({ lastName: r.teacher_last, firstName: r.teacher_first ?? '', middleName: r.teacher_middle }),
    };
    classes.set(r.class_id, k);
    if (r.student_id === null) continue;
    const s = k.students.get(r.student_id) ?? { name: fullName({ lastName: r.last_name!, firstName: r.first_name!, middleName: r.middle_name }), stays: [] };
    s.stays.push(r.ends_on);
    k.students.set(r.student_id, s);
  }
  const studentsOf = (k: Klass) => [...k.students].map(([id, s]) => ({ id, name: s.name, left: !s.stays.some((e) => e === null || e >= end) })).sort(byName);
  const classOut = (k: Klass) => ({ id: k.id, name: classDisplayName(school.kind as SchoolKind, k.grade, k.letter), grade: k.grade, academicYearId: ref.academic_year_id });
  const shown = (p: { id: string; name: string; startsOn: string; endsOn: string }) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn });
  const base = { academicYearId: ref.academic_year_id, name: ref.name, schoolName: school.name, schoolTimeZone: school.timeZone };

  if (query.periodId !== undefined) {
    const period = allPeriods.find((p) => p.id === query.periodId)!;
    const [subjectRows, markRows, periodMarks, policy] = await Promise.all([
      subjectsOfStudents(db, schoolId, studentIds, ref.starts_on, ref.ends_on),
      marksOfPeriod(db, schoolId, studentIds, ref.starts_on, ref.ends_on),
      periodMarksOfStudents(db, schoolId, period.id, studentIds),
      currentPolicy(db, schoolId),
    ]);
    const subjectsOf = new Map<string, Set<string>>();
    const addSubject = (studentId: string, subjectId: string) => subjectsOf.set(studentId, (subjectsOf.get(studentId) ?? new Set()).add(subjectId));
    for (const r of subjectRows) addSubject(r.student_id, r.subject_id);
    const marksOf = new Map<string, MarkSums[]>();
    for (const m of markRows) {
      addSubject(m.student_id, m.subject_id);
      const k = key(m.student_id, m.subject_id);
      const own = marksOf.get(k) ?? [];
      own.push({ workTypeId: m.work_type_id, weight: Number(m.weight), count: m.n, total: m.total });
      marksOf.set(k, own);
    }
    const latest = new Map<string, { value: string; at: number }>();
    for (const pm of periodMarks) {
      addSubject(pm.studentId, pm.subjectId);
      const k = key(pm.studentId, pm.subjectId);
      if ((latest.get(k)?.at ?? -Infinity) < pm.updatedAt.getTime()) latest.set(k, { value: pm.value, at: pm.updatedAt.getTime() });
    }
    const names = await subjectNames(db, schoolId, [...new Set([...subjectsOf.values()].flatMap((s) => [...s]))]);
    return {
      ...base, periodId: period.id,
      classes: [...classes.values()].map((k): SummaryOfClass => {
        const students = studentsOf(k);
        const subjectIds = new Set(students.flatMap((s) => [...(subjectsOf.get(s.id) ?? [])]));
        const subjects = [...subjectIds].map((id) => ({ id, name: names.get(id) ?? '' })).sort(byName);
        const cells: ClassSummary['cells'] = [];
        for (const student of students) {
          for (const subject of subjects) {
            const k2 = key(student.id, subject.id);
            const own = marksOf.get(k2) ?? [];
            const periodMark = latest.get(k2)?.value ?? null;
            if (own.length === 0 && periodMark === null) continue;
            const count = own.reduce((n, m) => n + m.count, 0);
            cells.push({ studentId: student.id, subjectId: subject.id, count, mean: weightedMeanOfSums(own, policy.rules), periodMark });
          }
        }
        return {
          class: classOut(k), periods: periodsForGrade(allPeriods, k.grade).map(shown), period: shown(period),
          students, subjects, cells, yearCells: [], classTeacher: k.teacher,
        };
      }),
    };
  }

  const [periodRows, yearRows] = await Promise.all([
    periodMarksOfYear(db, schoolId, ref.academic_year_id, studentIds),
    yearMarksOfStudents(db, schoolId, ref.academic_year_id, studentIds),
  ]);
  type YearCell = ClassSummary['yearCells'][number] & { at: Record<string, number> };
  const yearCells = new Map<string, YearCell>();
  const cellOf = (studentId: string, subjectId: string) => {
    const k = key(studentId, subjectId);
    const cell = yearCells.get(k) ?? { studentId, subjectId, periodMarks: {}, yearMark: null, at: {} };
    yearCells.set(k, cell);
    return cell;
  };
  // Ordered by update: a student who changed groups keeps the latest mark.
  for (const r of periodRows) cellOf(r.student_id, r.subject_id).periodMarks[r.period_id] = r.value;
  for (const r of yearRows) {
    const cell = cellOf(r.studentId, r.subjectId);
    const field = r.kind === 'exam' ? 'exam' : r.kind === 'final' ? 'final' : 'yearMark';
    if ((cell.at[field] ?? -Infinity) < r.updatedAt.getTime()) {
      cell[field] = r.value;
      cell.at[field] = r.updatedAt.getTime();
    }
  }
  const names = await subjectNames(db, schoolId, [...new Set([...yearCells.values()].map((c) => c.subjectId))]);
  const cellsOfStudent = new Map<string, YearCell[]>();
  for (const c of yearCells.values()) cellsOfStudent.set(c.studentId, [...(cellsOfStudent.get(c.studentId) ?? []), c]);
  return {
    ...base, periodId: null,
    classes: [...classes.values()].map((k): SummaryOfClass => {
      const periods = periodsForGrade(allPeriods, k.grade);
      const ids = new Set(periods.map((p) => p.id));
      const students = studentsOf(k);
      const own: ClassSummary['yearCells'] = [];
      for (const s of students) {
        for (const c of cellsOfStudent.get(s.id) ?? []) {
          const periodMarks = Object.fromEntries(Object.entries(c.periodMarks).filter(([id]) => ids.has(id)));
          const { at: _at, ...cell } = c;
          if (Object.keys(periodMarks).length > 0 || c.yearMark !== null || c.exam !== undefined || c.final !== undefined) own.push({ ...cell, periodMarks });
        }
      }
      const subjectIds = [...new Set(own.map((c) => c.subjectId))];
      return {
        class: classOut(k), periods: periods.map(shown), period: null, students,
        subjects: subjectIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort(byName),
        cells: [], yearCells: own, classTeacher: k.teacher,
      };
    }),
  };
}

/** The director's name for a signature line: the first director on the staff (not dismissed), by name; one statement. */
export const directorOf = async (db: Db, schoolId: string) => {
  const row = (await queryRows<{ last_name: string; first_name: string; middle_name: string | null }>(db, sql`
    select last_name, first_name, middle_name from staff
    where school_id = ${schoolId} and position = 'director' and dismissed_on is null
    order by last_name, first_name, id limit 1`))[0];
  return row ? fullName({ lastName: row.last_name, firstName: row.first_name, middleName: row.middle_name }) : null;
};
