import { sql } from 'drizzle-orm';
import type { SchoolAttendance, SchoolAttendanceQuery } from '../../../shared/contract/attendanceReports.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import { attendanceWeeks, missedPercent } from '../../../shared/domain/attendance.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { getSchool } from '../organisation/service.ts';
import { classDisplayName } from '../structure/rules.ts';

type Row = {
  kind: 'class' | 'week' | 'total';
  class_id: string | null; grade: number | null; letter: string | null; week: string | null;
  students: number; lessons: number; absent: number; ill: number; excused: number; late: number; missed: number; full_days: number;
};

const uuids = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/**
 * One statement over every class at once: the classes of the years the dates fall in (or `classIds`),
 * the stays in them overlapping from–to, and each stay clipped by each group the student sat in then
 * (`sg`: a few rows per student). The lessons given (not cancelled) are counted per group and day
 * (`given`), so a student's due lessons are (student, group, day) rows, not one row per lesson; the
 * codes entered are counted the same way. Due lessons and codes meet in one grouping (`seat_days`),
 * not in a join, so a misjudged row count cannot turn into a nested loop over thousands of rows.
 * Counted as the class report counts (attendance.ts): the lessons of his groups on the days he sat in
 * them while in the class; a full day is a day with every lesson missed. Then per class, per week and
 * the total.
 */
function schoolAttendanceRows(db: Db, schoolId: string, from: string, to: string, classIds: readonly string[] | undefined) {
  const only = classIds === undefined ? sql`` : classIds.length === 0 ? sql`and false` : sql`and c.id in (${uuids(classIds)})`;
  const overlaps = (alias: 'e' | 'm') => sql`${sql.raw(alias)}.starts_on <= ${to}::date and (${sql.raw(alias)}.ends_on is null or ${sql.raw(alias)}.ends_on >= ${from}::date)`;
  return queryRows<Row>(db, sql`
    with cls as (
      select c.id, c.grade, c.letter, y.starts_on as year_starts_on from classes c
      join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id
      where c.school_id = ${schoolId} and y.starts_on <= ${to}::date and y.ends_on >= ${from}::date ${only}
    ),
    cs as (
      select e.class_id, e.student_id, e.starts_on, e.ends_on from enrolments e join cls on cls.id = e.class_id
      where e.school_id = ${schoolId} and ${overlaps('e')}
    ),
    gs as (
      select cs.class_id, cs.student_id, cs.starts_on, cs.ends_on, g.id as group_id, e.starts_on as g_starts_on, e.ends_on as g_ends_on
      from cs join enrolments e on e.school_id = ${schoolId} and e.student_id = cs.student_id and ${overlaps('e')}
      join teaching_groups g on g.school_id = e.school_id and g.class_id = e.class_id and g.kind = 'class'
      union all
      select cs.class_id, cs.student_id, cs.starts_on, cs.ends_on, m.group_id, m.starts_on, m.ends_on
      from cs join group_members m on m.school_id = ${schoolId} and m.student_id = cs.student_id and ${overlaps('m')}
      join teaching_groups g on g.school_id = m.school_id and g.id = m.group_id and g.kind <> 'class'
    ),
    sg as materialized (
      select class_id, student_id, group_id, d_from, d_to from (
        select class_id, student_id, group_id, greatest(starts_on, g_starts_on, ${from}::date) as d_from,
          least(coalesce(ends_on, ${to}::date), coalesce(g_ends_on, ${to}::date), ${to}::date) as d_to
        from gs
      ) clipped where d_from <= d_to
    ),
    given as materialized (
      select group_id, array_agg(date order by date) as dates, array_agg(n order by date) as ns
      from (
        select l.group_id, l.date, count(*)::int as n from lessons l
        where l.school_id = ${schoolId} and l.date between ${from}::date and ${to}::date and l.status <> 'cancelled'
        group by l.group_id, l.date
      ) per_day group by group_id
    ),
    due as (
      select distinct sg.class_id, sg.student_id, sg.group_id, d.date, d.n
      from sg join given g on g.group_id = sg.group_id cross join lateral unnest(g.dates, g.ns) as d(date, n)
      where d.date between sg.d_from and sg.d_to
    ),
    codes as (
      select a.student_id, l.group_id, l.date,
        count(*) filter (where a.code = 'absent') as absent, count(*) filter (where a.code = 'ill') as ill,
        count(*) filter (where a.code = 'excused') as excused, count(*) filter (where a.code = 'late') as late
      from attendance a join lessons l on l.school_id = a.school_id and l.id = a.lesson_id
      where a.school_id = ${schoolId} and a.code is not null and a.student_id in (select student_id from cs)
        and l.status <> 'cancelled' and l.date between ${from}::date and ${to}::date
      group by a.student_id, l.group_id, l.date
    ),
    seat_days as (
      select student_id, group_id, date, array_agg(class_id) filter (where class_id is not null) as classes, max(n) as lessons,
        sum(absent) as absent, sum(ill) as ill, sum(excused) as excused, sum(late) as late
      from (
        select class_id, student_id, group_id, date, n, 0 as absent, 0 as ill, 0 as excused, 0 as late from due
        union all
        select null, student_id, group_id, date, 0, absent, ill, excused, late from codes
      ) both_sides group by student_id, group_id, date
    ),
    days as (
      select c.class_id, s.student_id, s.date, sum(s.lessons)::int as lessons, sum(s.absent)::int as absent, sum(s.ill)::int as ill,
        sum(s.excused)::int as excused, sum(s.late)::int as late, sum(s.absent + s.ill + s.excused)::int as missed
      from seat_days s cross join lateral unnest(s.classes) as c(class_id)
      group by c.class_id, s.student_id, s.date
    ),
    per_class as (
      select class_id, sum(lessons)::int as lessons, sum(absent)::int as absent, sum(ill)::int as ill, sum(excused)::int as excused,
        sum(late)::int as late, sum(missed)::int as missed, (count(*) filter (where missed = lessons))::int as full_days
      from days group by class_id
    )
    select 'class' as kind, cls.id as class_id, cls.grade, cls.letter, null as week,
      (select count(distinct cs.student_id) from cs where cs.class_id = cls.id)::int as students,
      coalesce(p.lessons, 0) as lessons, coalesce(p.absent, 0) as absent, coalesce(p.ill, 0) as ill, coalesce(p.excused, 0) as excused,
      coalesce(p.late, 0) as late, coalesce(p.missed, 0) as missed, coalesce(p.full_days, 0) as full_days
    from cls left join per_class p on p.class_id = cls.id
    union all
    select 'week', null, null, null, date_trunc('week', d.date)::date::text, 0,
      sum(d.lessons)::int, sum(d.absent)::int, sum(d.ill)::int, sum(d.excused)::int, sum(d.late)::int, sum(d.missed)::int,
      (count(*) filter (where d.missed = d.lessons))::int
    from days d group by date_trunc('week', d.date)
    union all
    select 'total', null, null, null, null, (select count(distinct student_id) from cs)::int, 0, 0, 0, 0, 0, 0, 0
    order by 1, 3, 4, 5`);
}

/**
 * Attendance of the school by class from–to (seed 001 §7, 002 §7): per class its students, the
 * lessons missed by reason, late, full days missed and the share missed; the total; the weeks.
 * Two statements: the school, then every class at once. `classIds`: only these classes (a class
 * teacher's own), their total in place of the school's.
 */
export async function schoolAttendanceReport(db: Db, schoolId: string, query: SchoolAttendanceQuery, classIds?: readonly string[]): Promise<SchoolAttendance> {
  const { from, to } = query;
  const school = await getSchool(db, schoolId);
  const rows = await schoolAttendanceRows(db, schoolId, from, to, classIds);
  const totals = (r: Row) => ({
    lessons: r.lessons, absent: r.absent, ill: r.ill, excused: r.excused, late: r.late, missedLessons: r.missed, fullDays: r.full_days,
  });
  const classes = rows.filter((r) => r.kind === 'class').map((r) => {
    const t = totals(r);
    return {
      classId: r.class_id!, name: classDisplayName(school.kind as SchoolKind, r.grade!, r.letter!), grade: r.grade!,
      students: r.students, ...t, missedPercent: missedPercent(t),
    };
  });
  const sum = classes.reduce((s, c) => ({
    lessons: s.lessons + c.lessons, absent: s.absent + c.absent, ill: s.ill + c.ill, excused: s.excused + c.excused,
    late: s.late + c.late, missedLessons: s.missedLessons + c.missedLessons, fullDays: s.fullDays + c.fullDays,
  }), { lessons: 0, absent: 0, ill: 0, excused: 0, late: 0, missedLessons: 0, fullDays: 0 });
  const students = rows.find((r) => r.kind === 'total')?.students ?? 0;
  const coded = rows.filter((r) => r.kind === 'week').flatMap((r) => ([
    ['absent', r.absent], ['ill', r.ill], ['excused', r.excused], ['late', r.late],
  ] as const).map(([code, count]) => ({ date: r.week!, code, count })));
  return {
    from, to,
    reach: classIds === undefined ? 'school' : 'classes',
    classes,
    total: { students, ...sum, missedPercent: missedPercent(sum) },
    weeks: attendanceWeeks(from, to, coded),
  };
}
