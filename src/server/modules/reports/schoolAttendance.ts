import { sql } from 'drizzle-orm';
import type { SchoolAttendance, SchoolAttendanceQuery } from '../../../shared/contract/reports.ts';
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
 * the stays in them overlapping from–to, the groups their students sat in, and the lessons (not
 * cancelled) each student was due at while in the class — those of his groups on the days he sat in
 * them, as the class report counts them (attendance.ts) — with his code there. Per student and day
 * the lessons and those missed (a full day: all missed); then per class, per week and the total.
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
      select e.student_id, g.id as group_id, e.starts_on, e.ends_on
      from enrolments e join teaching_groups g on g.school_id = e.school_id and g.class_id = e.class_id and g.kind = 'class'
      where e.school_id = ${schoolId} and e.student_id in (select student_id from cs) and ${overlaps('e')}
      union all
      select m.student_id, m.group_id, m.starts_on, m.ends_on from group_members m
      join teaching_groups g on g.school_id = m.school_id and g.id = m.group_id and g.kind <> 'class'
      where m.school_id = ${schoolId} and m.student_id in (select student_id from cs) and ${overlaps('m')}
    ),
    due as (
      select distinct cs.class_id, cs.student_id, l.id as lesson_id, l.date
      from cs join gs on gs.student_id = cs.student_id
      join lessons l on l.school_id = ${schoolId} and l.group_id = gs.group_id and l.status <> 'cancelled'
        and l.date between ${from}::date and ${to}::date
        and l.date >= cs.starts_on and (cs.ends_on is null or l.date <= cs.ends_on)
        and l.date >= gs.starts_on and (gs.ends_on is null or l.date <= gs.ends_on)
    ),
    days as (
      select due.class_id, due.student_id, due.date, count(*)::int as lessons,
        count(*) filter (where a.code = 'absent')::int as absent, count(*) filter (where a.code = 'ill')::int as ill,
        count(*) filter (where a.code = 'excused')::int as excused, count(*) filter (where a.code = 'late')::int as late,
        count(*) filter (where a.code in ('absent', 'ill', 'excused'))::int as missed
      from due left join attendance a on a.school_id = ${schoolId} and a.lesson_id = due.lesson_id and a.student_id = due.student_id and a.code is not null
      group by due.class_id, due.student_id, due.date
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
