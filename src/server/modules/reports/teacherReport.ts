import { sql } from 'drizzle-orm';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { TeacherReport, TeacherReportQuery } from '../../../shared/contract/teacherReport.ts';
import { localDate, minDate } from '../../../shared/domain/calendar.ts';
import { shortName } from '../../../shared/domain/person.ts';
import { resultsBreakdown } from '../../../shared/domain/resultsBreakdown.ts';
import { periodResults } from '../../../shared/domain/results.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { getSchool } from '../organisation/service.ts';

// Отчёт учителя (issue 13, report 4): per group × subject he teaches in a period, lessons given
// against the plan, marks given, the period results, lessons without topic or homework.

type PairRow = {
  group_id: string; subject_id: string; group_name: string; subject_name: string; hours: number | string | null; plan_hours: number | string;
  scheduled: number | string; given: number | string; planned: number | string; no_topic: string[]; no_homework: string[];
};

const uuids = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
const pairsIn = (pairs: readonly { group_id: string; subject_id: string }[]) =>
  sql.join(pairs.map((p) => sql`(${p.group_id}::uuid, ${p.subject_id}::uuid)`), sql`, `);

/**
 * One statement: the teacher's groups × subjects (his assignments of the year — for the whole year or
 * this period — and any pair he has lessons of in the period), each with its lessons in the period
 * (not cancelled), those he gave up to `to` (not taken by a substitute), given with a planned topic,
 * the КТП's hours, and the dates of lessons given without a topic or without homework.
 */
const pairsOf = (db: Db, r: { schoolId: string; staffId: string; academicYearId: string; periodId: string; from: string; to: string; countedTo: string }) =>
  queryRows<PairRow>(db, sql`
    with asg as (
      select group_id, subject_id, sum(hours_per_week) as hours from assignments
      where school_id = ${r.schoolId} and staff_id = ${r.staffId} and academic_year_id = ${r.academicYearId}
        and (period_id is null or period_id = ${r.periodId})
      group by group_id, subject_id
    ),
    pairs as (
      select group_id, subject_id from asg
      union
      select group_id, subject_id from lessons
      where school_id = ${r.schoolId} and staff_id = ${r.staffId} and date between ${r.from}::date and ${r.to}::date and status <> 'cancelled'
    ),
    les as (
      select l.group_id, l.subject_id, l.date::text as date, l.planned_topic_id,
        (l.staff_id = ${r.staffId} and l.substitute_staff_id is null and l.date <= ${r.countedTo}::date) as given,
        btrim(l.topic) = '' as no_topic,
        not exists (select 1 from homework h where h.school_id = l.school_id and h.lesson_id = l.id and not h.deleted) as no_homework
      from lessons l join pairs p on p.group_id = l.group_id and p.subject_id = l.subject_id
      where l.school_id = ${r.schoolId} and l.date between ${r.from}::date and ${r.to}::date and l.status <> 'cancelled'
    )
    select p.group_id, p.subject_id, g.name as group_name, s.name as subject_name, asg.hours,
      (select coalesce(sum(pt.hours), 0) from planned_topics pt
        where pt.school_id = ${r.schoolId} and pt.group_id = p.group_id and pt.subject_id = p.subject_id) as plan_hours,
      count(les.date) as scheduled,
      count(les.date) filter (where les.given) as given,
      count(les.date) filter (where les.given and les.planned_topic_id is not null) as planned,
      coalesce(json_agg(les.date order by les.date) filter (where les.given and les.no_topic), '[]'::json) as no_topic,
      coalesce(json_agg(les.date order by les.date) filter (where les.given and les.no_homework), '[]'::json) as no_homework
    from pairs p
    join teaching_groups g on g.school_id = ${r.schoolId} and g.id = p.group_id
    join subjects s on s.school_id = ${r.schoolId} and s.id = p.subject_id
    left join asg on asg.group_id = p.group_id and asg.subject_id = p.subject_id
    left join les on les.group_id = p.group_id and les.subject_id = p.subject_id
    group by p.group_id, p.subject_id, g.name, s.name, asg.hours`);

/** One statement: the current marks in the pairs' lessons of the period (not cancelled), per pair and work type. */
const marksOf = (db: Db, r: { schoolId: string; from: string; to: string }, pairs: readonly PairRow[]) =>
  pairs.length === 0 ? Promise.resolve([]) : queryRows<{ group_id: string; subject_id: string; work_type: string; count: number | string }>(db, sql`
    select l.group_id, l.subject_id, wt.name as work_type, count(*) as count
    from marks m
    join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
    join work_types wt on wt.school_id = m.school_id and wt.id = m.work_type_id
    where m.school_id = ${r.schoolId} and not m.deleted and l.status <> 'cancelled' and l.date between ${r.from}::date and ${r.to}::date
      and (l.group_id, l.subject_id) in (${pairsIn(pairs)})
    group by l.group_id, l.subject_id, wt.name
    order by wt.name`);

/** One statement: the period marks of the pairs in the period. */
const periodMarksOf = (db: Db, r: { schoolId: string; periodId: string }, pairs: readonly PairRow[]) =>
  pairs.length === 0 ? Promise.resolve([]) : queryRows<{ id: string; group_id: string; subject_id: string; student_id: string; value: string }>(db, sql`
    select id, group_id, subject_id, student_id, value from period_marks
    where school_id = ${r.schoolId} and kind = 'period' and period_id = ${r.periodId}
      and (group_id, subject_id) in (${pairsIn(pairs)})`);

/**
 * The teacher's report for a period: six statements whatever the number of groups (the period, the
 * teacher, the school's zone, the pairs with their lessons, the marks, the period marks).
 */
export async function teacherReport(db: Db, now: Date, schoolId: string, query: TeacherReportQuery & { staffId: string }): Promise<TeacherReport> {
  const [period] = await queryRows<{ id: string; academic_year_id: string; name: string; starts_on: string; ends_on: string }>(db, sql`
    select id, academic_year_id, name, starts_on::text as starts_on, ends_on::text as ends_on
    from periods where school_id = ${schoolId} and id = ${query.periodId}`);
  if (!period) throw badRequest('period.not_found', 'Период не найден', { periodId: 'Период не найден' });
  const [person] = await queryRows<{ id: string; last_name: string; first_name: string; middle_name: string }>(db, sql`
    select id, last_name, first_name, middle_name from staff where school_id = ${schoolId} and id in (${uuids([query.staffId])})`);
  if (!person) throw badRequest('staff.not_found', 'Сотрудник не найден', { staffId: 'Сотрудник не найден' });
  const today = localDate(now, (await getSchool(db, schoolId)).timeZone);
  const countedTo = minDate(period.ends_on, today);
  const range = { schoolId, staffId: person.id, academicYearId: period.academic_year_id, periodId: period.id, from: period.starts_on, to: period.ends_on, countedTo };
  const pairs = await pairsOf(db, range);
  const [marks, periodMarks] = [await marksOf(db, range, pairs), await periodMarksOf(db, range, pairs)];
  const key = (r: { group_id: string; subject_id: string }) => `${r.group_id}:${r.subject_id}`;
  const { byKey } = resultsBreakdown(periodMarks.map((m) => ({ id: m.id, key: key(m), unit: `${m.student_id}:${m.subject_id}`, value: m.value as PeriodMarkValue })));
  const weeks = (Date.parse(period.ends_on) - Date.parse(period.starts_on) + 86_400_000) / (7 * 86_400_000);
  const collator = new Intl.Collator('ru', { numeric: true });
  return {
    teacher: { id: person.id, name: shortName({ lastName: person.last_name, firstName: person.first_name, middleName: person.middle_name }) },
    period: { id: period.id, name: period.name, startsOn: period.starts_on, endsOn: period.ends_on },
    countedTo,
    rows: pairs.map((p) => {
      const ofPair = marks.filter((m) => key(m) === key(p));
      const results = byKey.get(key(p)) ?? { students: 0, figures: periodResults([]) };
      return {
        groupId: p.group_id, group: p.group_name, subjectId: p.subject_id, subject: p.subject_name,
        scheduled: Number(p.scheduled), given: Number(p.given),
        loadHours: p.hours === null ? null : Math.round(Number(p.hours) * weeks),
        planHours: Number(p.plan_hours), planned: Number(p.planned),
        marks: ofPair.reduce((sum, m) => sum + Number(m.count), 0),
        marksByType: ofPair.map((m) => ({ workType: m.work_type, count: Number(m.count) })),
        students: results.students, figures: results.figures,
        noTopic: p.no_topic, noHomework: p.no_homework,
      };
    }).sort((a, b) => collator.compare(a.group, b.group) || collator.compare(a.subject, b.subject)),
  };
}
