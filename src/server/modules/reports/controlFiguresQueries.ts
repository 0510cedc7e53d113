import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

// Set-based reads for the control figures and the municipal summary: each statement takes a set of
// schools, so a municipality of fifty schools costs what one school costs (a read model, writes nothing).

export const uuids = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The schools, each with the last day counted: `to`, or the school's today when `to` is later. */
export const schoolsUpTo = (schoolIds: readonly string[], to: string, now: Date): SQL => sql`
  select s.id as school_id, least(${to}::date, (${now.toISOString()}::timestamptz at time zone s.time_zone)::date) as upto
  from schools s where s.id in (${uuids(schoolIds)})`;

/**
 * Who sat in which group from–to, as a subquery (school_id, student_id, group_id, starts_on, ends_on):
 * whole-class groups through the stays in their class, any other group through its memberships
 * (roster/groupStays.ts, for many schools at once).
 */
export const seats = (schoolIds: readonly string[], from: string, to: string): SQL => sql`
  select e.school_id, e.student_id, tg.id as group_id, e.starts_on, e.ends_on
  from enrolments e join teaching_groups tg on tg.school_id = e.school_id and tg.class_id = e.class_id and tg.kind = 'class'
  where e.school_id in (${uuids(schoolIds)}) and e.starts_on <= ${to}::date and (e.ends_on is null or e.ends_on >= ${from}::date)
  union all
  select gm.school_id, gm.student_id, gm.group_id, gm.starts_on, gm.ends_on
  from group_members gm join teaching_groups tg on tg.school_id = gm.school_id and tg.id = gm.group_id and tg.kind <> 'class'
  where gm.school_id in (${uuids(schoolIds)}) and gm.starts_on <= ${to}::date and (gm.ends_on is null or gm.ends_on >= ${from}::date)`;

export type LessonCountsRow = {
  school_id: string; staff_id: string; given: number; with_topic: number; with_marks: number; with_attendance: number; with_homework: number;
};

/**
 * One statement: per school × teacher who gave them (the substitute when there was one), the lessons
 * given (not cancelled) from `from` to the school's `upto`, and how many have a topic, a mark,
 * attendance taken (or any code entered), homework — summed from the journal's day counts
 * (journal_day_counts, kept by the triggers of migration 0014), not from the marks themselves.
 */
export const lessonCounts = (db: Db, schoolIds: readonly string[], from: string, to: string, now: Date) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<LessonCountsRow>(db, sql`
    with sc as (${schoolsUpTo(schoolIds, to, now)})
    select k.school_id, k.staff_id, sum(k.given)::int as given, sum(k.with_topic)::int as with_topic,
      sum(k.with_marks)::int as with_marks, sum(k.with_attendance)::int as with_attendance, sum(k.with_homework)::int as with_homework
    from journal_day_counts k join sc on sc.school_id = k.school_id
    where k.date between ${from}::date and sc.upto
    group by k.school_id, k.staff_id having sum(k.given) > 0`);

export type WithoutMarksRow = { school_id: string; students: number; without_marks: number; pairs: number };

/**
 * One statement: per school, the students who sat in a group with lessons (not cancelled) from–to
 * and how many of them had no mark (not deleted) in at least one subject of those lessons; and the
 * student × subject pairs without marks. A group's subjects are joined to its seats (not lesson by
 * lesson): a few hundred thousand pairs for a district, not a row per lesson and student. The
 * lessons and marks are read from the journal's counts (journal_day_counts, journal_mark_days).
 */
export const withoutMarks = (db: Db, schoolIds: readonly string[], from: string, to: string) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<WithoutMarksRow>(db, sql`
    with st as (${seats(schoolIds, from, to)}),
    taught as (
      select distinct k.school_id, k.group_id, k.subject_id from journal_day_counts k
      where k.school_id in (${uuids(schoolIds)}) and k.date between ${from}::date and ${to}::date and k.given > 0
    ),
    due as (
      select distinct st.school_id, st.student_id, taught.subject_id
      from taught join st on st.school_id = taught.school_id and st.group_id = taught.group_id
    ),
    marked as (
      select distinct k.school_id, k.student_id, k.subject_id from journal_mark_days k
      where k.school_id in (${uuids(schoolIds)}) and k.date between ${from}::date and ${to}::date and k.marks > 0
    ),
    pairs as (
      select due.school_id, due.student_id, marked.student_id is null as missing
      from due left join marked on marked.school_id = due.school_id and marked.student_id = due.student_id and marked.subject_id = due.subject_id
    )
    select school_id, count(distinct student_id)::int as students,
      count(distinct student_id) filter (where missing)::int as without_marks,
      (count(*) filter (where missing))::int as pairs
    from pairs group by school_id`);

export type AccountsRow = {
  school_id: string; role: string; people: number; accounts: number; activated: number; signed_in: number; seen7: number; seen30: number;
};

/**
 * One statement: per school × role, the people who should read (students enrolled on `on`, their
 * guardians; for the staff roles the holders of the role), the accounts tied to them, activated
 * (a password set), ever signed in, and seen (a session active) in the last 7 and 30 days. For a
 * student or guardian — whose only screen is the diary — being seen is opening the diary.
 */
export const accountFigures = (db: Db, schoolIds: readonly string[], on: string, now: Date) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<AccountsRow>(db, sql`
    with pupils as (
      select distinct e.school_id, e.student_id from enrolments e
      where e.school_id in (${uuids(schoolIds)}) and e.starts_on <= ${on}::date and (e.ends_on is null or e.ends_on >= ${on}::date)
    ),
    people as (
      select school_id, 'student' as role, student_id as person_id from pupils
      union
      select sg.school_id, 'guardian', sg.guardian_id from student_guardians sg
        join pupils p on p.school_id = sg.school_id and p.student_id = sg.student_id
    ),
    seen as (
      select s.user_id, max(s.last_seen_at) as last_seen from sessions s
      where s.user_id in (select user_id from user_roles where school_id in (${uuids(schoolIds)}))
      group by s.user_id
    ),
    holders as (
      select ur.school_id, ur.role, coalesce(ur.person_id, ur.user_id) as person_id, ur.user_id,
        u.password_hash is not null as activated, seen.last_seen
      from user_roles ur join users u on u.id = ur.user_id left join seen on seen.user_id = ur.user_id
      where ur.school_id in (${uuids(schoolIds)})
    ),
    counted as (
      select p.school_id, p.role, p.person_id, h.user_id, h.activated, h.last_seen
      from people p left join holders h on h.school_id = p.school_id and h.role = p.role and h.person_id = p.person_id
      union all
      select school_id, role, person_id, user_id, activated, last_seen from holders where role not in ('student', 'guardian')
    )
    select school_id, role, count(distinct person_id)::int as people,
      count(distinct person_id) filter (where user_id is not null)::int as accounts,
      count(distinct person_id) filter (where activated)::int as activated,
      count(distinct person_id) filter (where last_seen is not null)::int as signed_in,
      count(distinct person_id) filter (where last_seen >= ${now.toISOString()}::timestamptz - interval '7 days')::int as seen7,
      count(distinct person_id) filter (where last_seen >= ${now.toISOString()}::timestamptz - interval '30 days')::int as seen30
    from counted group by school_id, role`);

export type AttendanceCountsRow = { school_id: string; due: number; absent: number; ill: number; excused: number; late: number };

/**
 * One statement: per school, the student-lessons due from `from` to the school's `upto` — each lesson
 * given (not cancelled) × each student sitting in its group that day — and the codes entered, from
 * the journal's day counts (journal_day_counts). Not a row per lesson and student: a seat covering
 * the whole range takes its group's total, only a seat that starts or ends inside it is matched day by day.
 */
export const attendanceCounts = (db: Db, schoolIds: readonly string[], from: string, to: string, now: Date) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<AttendanceCountsRow>(db, sql`
    with sc as (${schoolsUpTo(schoolIds, to, now)}),
    st as (${seats(schoolIds, from, to)}),
    days as materialized (
      select k.school_id, k.group_id, k.date, k.given, k.absent, k.ill, k.excused, k.late
      from journal_day_counts k join sc on sc.school_id = k.school_id
      where k.date between ${from}::date and sc.upto
    ),
    given as (select school_id, group_id, date, sum(given)::int as n from days group by school_id, group_id, date having sum(given) > 0),
    per_group as (select school_id, group_id, sum(n)::int as n from given group by school_id, group_id),
    due as (
      select st.school_id, sum(pg.n)::bigint as n
      from st join sc on sc.school_id = st.school_id join per_group pg on pg.school_id = st.school_id and pg.group_id = st.group_id
      where st.starts_on <= ${from}::date and (st.ends_on is null or st.ends_on >= sc.upto)
      group by st.school_id
      union all
      select st.school_id, sum(g.n)::bigint
      from st join sc on sc.school_id = st.school_id
        join given g on g.school_id = st.school_id and g.group_id = st.group_id and g.date >= st.starts_on and (st.ends_on is null or g.date <= st.ends_on)
      where not (st.starts_on <= ${from}::date and (st.ends_on is null or st.ends_on >= sc.upto))
      group by st.school_id
    ),
    due_sum as (select school_id, sum(n) as n from due group by school_id),
    codes as (
      select school_id, sum(absent)::int as absent, sum(ill)::int as ill, sum(excused)::int as excused, sum(late)::int as late
      from days group by school_id
    )
    select sc.school_id, coalesce(due_sum.n, 0)::int as due,
      coalesce(codes.absent, 0) as absent, coalesce(codes.ill, 0) as ill, coalesce(codes.excused, 0) as excused, coalesce(codes.late, 0) as late
    from sc left join due_sum on due_sum.school_id = sc.school_id left join codes on codes.school_id = sc.school_id`);

export type ResultsManyRow = { school_id: string; period: string; vals: string[] };

/**
 * One statement: per school, for each grade band the latest period that ended from–to, every student
 * of a class of that band (his latest class during the period) with his period marks of that period.
 * A student without marks answers `[]`.
 */
export const periodResultsMany = (db: Db, schoolIds: readonly string[], from: string, to: string) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<ResultsManyRow>(db, sql`
    with p as (
      select distinct on (p.school_id, p.grade_from, p.grade_to) p.school_id, p.id, p.academic_year_id, p.name,
        p.grade_from, p.grade_to, p.starts_on, p.ends_on
      from periods p
      where p.school_id in (${uuids(schoolIds)}) and p.ends_on between ${from}::date and ${to}::date
      order by p.school_id, p.grade_from, p.grade_to, p.ends_on desc, p.id
    ),
    st as (
      select distinct on (e.school_id, e.student_id, p.id) e.school_id, e.student_id, p.id as period_id, p.academic_year_id,
        p.name || ' (' || p.grade_from || '–' || p.grade_to || ')' as period
      from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
        join p on p.school_id = c.school_id and p.academic_year_id = c.academic_year_id and c.grade between p.grade_from and p.grade_to
      where e.school_id in (${uuids(schoolIds)}) and e.starts_on <= p.ends_on and (e.ends_on is null or e.ends_on >= p.starts_on)
      order by e.school_id, e.student_id, p.id, e.starts_on desc, e.id desc
    )
    select st.school_id, st.period, coalesce((
      select json_agg(pm.value order by pm.value) from period_marks pm
      where pm.school_id = st.school_id and pm.student_id = st.student_id and pm.academic_year_id = st.academic_year_id
        and pm.kind = 'period' and pm.period_id = st.period_id), '[]'::json) as vals
    from st order by st.school_id, st.period`);
