import { sql } from 'drizzle-orm';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { ResultsBreakdown, ResultsBreakdownQuery } from '../../../shared/contract/reports.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { resultsBreakdown } from '../../../shared/domain/resultsBreakdown.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { periodOf, type ResultsRange, yearOf } from './queries.ts';

type MarkRow = {
  id: string; student_id: string; subject_id: string; value: string;
  /** Subject view: the subject; teacher view: the teacher (staff). */
  key: string; last_name: string; first_name: string; middle_name: string;
  /** Subject view: the student's class; teacher view: the group. */
  detail: string;
  /** Teacher view: the subject's name. */
  subject: string;
};

/**
 * One statement: the period marks (kind `period`; the year marks for the year) of the students of
 * the classes in the range (a student in his latest class of the range, as in the class view), or
 * only of `classIds`; per subject with the student's class, or per teacher of the mark's group ×
 * subject (his assignments of the year, the period's or the whole year's) with the group and subject.
 */
function breakdownMarks(db: Db, r: ResultsRange, view: 'subject' | 'teacher', classIds?: readonly string[]) {
  const only = classIds === undefined ? sql`` : classIds.length === 0 ? sql`and false`
    : sql`and st.class_id in (${sql.join(classIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
  const byView = view === 'subject'
    ? sql`
      select pm.id, pm.student_id, pm.subject_id, pm.value, s.id as key, s.name as last_name, '' as first_name, '' as middle_name,
        concat(cls.grade, cls.letter) as detail, s.name as subject
      from pm join subjects s on s.school_id = ${r.schoolId} and s.id = pm.subject_id
      join cls on cls.id = pm.class_id`
    : sql`
      select pm.id, pm.student_id, pm.subject_id, pm.value, sf.id as key, sf.last_name, sf.first_name, sf.middle_name,
        g.name as detail, s.name as subject
      from pm
      join assignments a on a.school_id = ${r.schoolId} and a.academic_year_id = ${r.academicYearId}
        and a.group_id = pm.group_id and a.subject_id = pm.subject_id
        ${r.periodId === null ? sql`` : sql`and (a.period_id is null or a.period_id = ${r.periodId})`}
      join staff sf on sf.school_id = a.school_id and sf.id = a.staff_id
      join teaching_groups g on g.school_id = a.school_id and g.id = a.group_id
      join subjects s on s.school_id = a.school_id and s.id = a.subject_id`;
  return queryRows<MarkRow>(db, sql`
    with cls as (
      select c.id, c.grade, c.letter from classes c
      where c.school_id = ${r.schoolId} and c.academic_year_id = ${r.academicYearId}
        and c.grade between ${r.gradeFrom}::int and ${r.gradeTo}::int
    ),
    st as (
      select distinct on (e.student_id) e.student_id, e.class_id
      from enrolments e join cls on cls.id = e.class_id
      where e.school_id = ${r.schoolId} and e.starts_on <= ${r.to}::date and (e.ends_on is null or e.ends_on >= ${r.from}::date)
      order by e.student_id, e.starts_on desc, e.id desc
    ),
    pm as (
      select pm.id, pm.student_id, pm.group_id, pm.subject_id, pm.value, st.class_id
      from period_marks pm join st on st.student_id = pm.student_id
      where pm.school_id = ${r.schoolId} and pm.academic_year_id = ${r.academicYearId} and pm.kind = 'period'
        and ${r.periodId === null ? sql`pm.period_id is null` : sql`pm.period_id = ${r.periodId}`} ${only}
    )
    ${byView}`);
}

/** Whether the class is one of the school's in the year's grade band: one statement, only when a class is asked for. */
const classInRange = async (db: Db, r: ResultsRange, classId: string) => (await queryRows(db, sql`
  select 1 from classes where school_id = ${r.schoolId} and id = ${classId} and academic_year_id = ${r.academicYearId}
    and grade between ${r.gradeFrom}::int and ${r.gradeTo}::int`)).length > 0;

/**
 * Итоги успеваемости of a period (or the year) per subject or per teacher: two statements (the
 * period or year, the marks; a third to check an asked class). `classIds`: only these classes' students
 * (a class teacher's own). The figures are shared/domain/resultsBreakdown.ts.
 */
export async function resultsBreakdownReport(
  db: Db, schoolId: string, query: ResultsBreakdownQuery, classIds?: readonly string[],
): Promise<ResultsBreakdown> {
  const ref = query.periodId !== undefined ? await periodOf(db, schoolId, query.periodId) : await yearOf(db, schoolId, query.academicYearId!);
  if (!ref) {
    throw query.periodId !== undefined
      ? badRequest('period.not_found', 'Период не найден', { periodId: 'Период не найден' })
      : badRequest('academic_year.not_found', 'Учебный год не найден', { academicYearId: 'Учебный год не найден' });
  }
  const range: ResultsRange = {
    schoolId, academicYearId: ref.academic_year_id, periodId: query.periodId ?? null,
    from: ref.starts_on, to: ref.ends_on, gradeFrom: ref.grade_from, gradeTo: ref.grade_to,
  };
  if (query.classId !== undefined && !(await classInRange(db, range, query.classId))) {
    throw badRequest('class.not_found', 'Класс не найден в этом периоде', { classId: 'Класс не найден в этом периоде' });
  }
  const only = query.classId !== undefined ? [query.classId].filter((id) => classIds === undefined || classIds.includes(id)) : classIds;
  const rows = await breakdownMarks(db, range, query.view, only);
  const { byKey, total } = resultsBreakdown(rows.map((row) => ({
    id: row.id, key: row.key, unit: `${row.student_id}:${row.subject_id}`, value: row.value as PeriodMarkValue,
  })));
  // What a row covers: a subject's classes; a teacher's subjects, each with its groups («Физика: 7А, 7Б»).
  const names = new Map<string, { name: string; sort: string; details: Map<string, Set<string>> }>();
  for (const row of rows) {
    const entry = names.get(row.key) ?? {
      name: query.view === 'subject' ? row.last_name : shortName({ lastName: row.last_name, firstName: row.first_name, middleName: row.middle_name }),
      sort: `${row.last_name} ${row.first_name} ${row.middle_name}`,
      details: new Map<string, Set<string>>(),
    };
    const under = query.view === 'subject' ? '' : row.subject;
    entry.details.set(under, (entry.details.get(under) ?? new Set<string>()).add(row.detail));
    names.set(row.key, entry);
  }
  const collator = new Intl.Collator('ru', { numeric: true });
  const detailOf = (details: Map<string, Set<string>>) => [...details].sort(([a], [b]) => collator.compare(a, b)).flatMap(([subject, of]) => {
    const list = [...of].sort(collator.compare);
    return subject === '' ? list : [`${subject}: ${list.join(', ')}`];
  });
  return {
    academicYearId: ref.academic_year_id,
    periodId: query.periodId ?? null,
    name: ref.name,
    view: query.view,
    reach: classIds === undefined && query.classId === undefined ? 'school' : 'classes',
    rows: [...byKey].map(([id, figures]) => ({ id, ...names.get(id)!, ...figures }))
      .sort((a, b) => collator.compare(a.sort, b.sort) || a.id.localeCompare(b.id))
      .map(({ id, name, details, students, figures }) => ({ id, name, detail: detailOf(details), students, figures })),
    total,
  };
}
