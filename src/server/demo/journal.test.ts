import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withDemoDistrict } from '../../../tests/factories/demo.ts';
import type { PeriodMarkValue } from '../../shared/contract/enums.ts';
import { DEFAULT_GRADING_POLICY, type MarkInput, suggestPeriodMark } from '../../shared/domain/grading.ts';
import { periodResults } from '../../shared/domain/results.ts';
import { type Db, queryRows } from '../db/client.ts';
import { DEMO_TODAY } from './journal.ts';

const rows = <T>(db: Db, query: ReturnType<typeof sql>) => queryRows<T>(db, query);
const one = async <T>(db: Db, query: ReturnType<typeof sql>) => (await rows<T>(db, query))[0]!;

/** Who sits in a group on a date: a class group's class (enrolments), another group's members. */
const inGroupOn = (groupId: string, date: string, studentId: string) => sql.raw(`(
  exists (select 1 from teaching_groups g join enrolments e on e.school_id = g.school_id and e.class_id = g.class_id
          where g.id = ${groupId} and g.kind = 'class' and e.student_id = ${studentId}
            and e.starts_on <= ${date} and (e.ends_on is null or e.ends_on >= ${date}))
  or exists (select 1 from group_members m where m.group_id = ${groupId} and m.student_id = ${studentId}
             and m.starts_on <= ${date} and (m.ends_on is null or m.ends_on >= ${date})))`);

/** Student-lessons held so far: everyone in the group on each past lesson's date. */
const seats = sql.raw(`
  select l.school_id, l.id as lesson_id, s.student_id from lessons l
  join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id
  join lateral (
    select e.student_id from enrolments e where g.kind = 'class' and e.school_id = g.school_id and e.class_id = g.class_id
      and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date)
    union all
    select m.student_id from group_members m where g.kind <> 'class' and m.school_id = g.school_id and m.group_id = g.id
      and m.starts_on <= l.date and (m.ends_on is null or m.ends_on >= l.date)) s on true
  where l.date <= '${DEMO_TODAY}'`);

describe('the demo journal', () => {
  let db: Db, general: string, college: string;
  withDemoDistrict((demo) => ({ db, general, college } = demo));

  it('gives every group a weekly timetable with the hours of its load and the assigned teacher', async () => {
    const load = await one<{ hours: number; slots: number; foreign: number; groups: number; timetabled: number }>(db, sql`
      select (select sum(hours_per_week)::int from assignments) as hours, (select count(*)::int from timetable_slots) as slots,
             (select count(*)::int from timetable_slots t where not exists (select 1 from assignments a
                where a.school_id = t.school_id and a.group_id = t.group_id and a.subject_id = t.subject_id and a.staff_id = t.staff_id)) as foreign,
             (select count(distinct group_id)::int from assignments) as groups,
             (select count(distinct group_id)::int from timetable_slots) as timetabled`);
    expect(load.foreign).toBe(0);
    expect(load.timetabled).toBe(load.groups);
    // A teacher loaded beyond what the week holds may lose an hour; nearly every hour is placed.
    expect(load.slots).toBeGreaterThanOrEqual(load.hours * 0.995);
    expect(load.slots).toBeLessThanOrEqual(load.hours);
    const valid = await one<{ n: number }>(db, sql`
      select count(*)::int as n from timetable_slots t join academic_years y on y.school_id = t.school_id
      where t.valid_from <> y.starts_on or t.valid_to <> y.ends_on or t.week_parity is not null or t.weekday > y.week_days`);
    expect(valid.n).toBe(0);
  });

  it('has no clash of group, class, teacher or room in the timetable', async () => {
    const clashes = await rows<{ what: string; n: number }>(db, sql`
      select 'group' as what, count(*)::int as n from (select 1 from timetable_slots group by school_id, group_id, weekday, lesson_number having count(*) > 1) x
      union all select 'teacher', count(*)::int from (select 1 from timetable_slots group by school_id, staff_id, weekday, lesson_number having count(*) > 1) x
      union all select 'room', count(*)::int from (select 1 from timetable_slots where room_id is not null group by school_id, room_id, weekday, lesson_number having count(*) > 1) x
      union all select 'class', count(*)::int from timetable_slots a
        join teaching_groups ga on ga.school_id = a.school_id and ga.id = a.group_id and ga.kind = 'class'
        join teaching_groups gb on gb.school_id = ga.school_id and gb.class_id = ga.class_id and gb.kind = 'subgroup'
        join timetable_slots b on b.school_id = a.school_id and b.group_id = gb.id and b.weekday = a.weekday and b.lesson_number = a.lesson_number`);
    expect(clashes).toEqual([{ what: 'group', n: 0 }, { what: 'teacher', n: 0 }, { what: 'room', n: 0 }, { what: 'class', n: 0 }]);
  });

  it('gives classes 4–8 lessons a day, the youngest the fewest', async () => {
    const days = await rows<{ grade: number; most: number; fewest: number }>(db, sql`
      select c.grade, max(n)::int as most, min(n)::int as fewest from (
        select t.school_id, g.class_id, t.weekday, count(distinct t.lesson_number) as n from timetable_slots t
        join teaching_groups g on g.school_id = t.school_id and g.id = t.group_id where g.class_id is not null
        group by 1, 2, 3) d
      join classes c on c.school_id = d.school_id and c.id = d.class_id where c.school_id = ${general} group by c.grade order by c.grade`);
    expect(days.find((d) => d.grade === 1)!.most).toBeLessThanOrEqual(5);
    for (const d of days) {
      expect(d.fewest).toBeGreaterThanOrEqual(4);
      expect(d.most).toBeLessThanOrEqual(8);
    }
  });

  it('holds lessons only on school days of the group, never on a holiday, up to the end of the period under way', async () => {
    const wrong = await one<{ weekend: number; holiday: number; outside: number; last: string }>(db, sql`
      select count(*) filter (where extract(isodow from l.date) > y.week_days)::int as weekend,
             count(*) filter (where exists (select 1 from holidays h where h.school_id = l.school_id and l.date between h.starts_on and h.ends_on
               and (h.grade_from is null or c.grade between h.grade_from and h.grade_to)))::int as holiday,
             count(*) filter (where l.date < y.starts_on or l.date > y.ends_on)::int as outside,
             max(l.date)::text as last
      from lessons l join academic_years y on y.school_id = l.school_id
      join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id
      left join classes c on c.school_id = g.school_id and c.id = g.class_id`);
    expect(wrong).toMatchObject({ weekend: 0, holiday: 0, outside: 0 });
    // The second quarter (and first half) ends on 29 December, the college's semester on the 30th.
    expect(wrong.last).toBe('2026-12-30');
    const [first] = await rows<{ date: string }>(db, sql`select min(date)::text as date from lessons`);
    expect(first!.date).toBe('2026-09-01');
  });

  it('writes a topic and work types for every lesson up to today, and nothing for the lessons after it', async () => {
    const topics = await one<{ past: number; untitled: number; future: number; filled: number }>(db, sql`
      select count(*) filter (where date <= ${DEMO_TODAY})::int as past,
             count(*) filter (where date <= ${DEMO_TODAY} and (topic = '' or jsonb_array_length(work_type_ids) = 0 or topic_written_at is null))::int as untitled,
             count(*) filter (where date > ${DEMO_TODAY})::int as future,
             count(*) filter (where date > ${DEMO_TODAY} and (topic <> '' or topic_written_at is not null))::int as filled
      from lessons`);
    expect(topics.past).toBeGreaterThan(10_000);
    expect(topics.untitled).toBe(0);
    expect(topics.future).toBeGreaterThan(1_000);
    expect(topics.filled).toBe(0);
  });

  it('sets homework with pages or tasks for most lessons held, due on a later lesson of the group', async () => {
    const hw = await one<{ held: number; set: number; later: number; bare: number; future: number }>(db, sql`
      select (select count(*)::int from lessons where date <= ${DEMO_TODAY}) as held, count(*)::int as set,
             count(*) filter (where d.id is not null and d.date > l.date and d.group_id = l.group_id and d.subject_id = l.subject_id)::int as later,
             count(*) filter (where h.pages = '' and h.tasks = '' and h.text = '')::int as bare,
             count(*) filter (where l.date > ${DEMO_TODAY})::int as future
      from homework h join lessons l on l.school_id = h.school_id and l.id = h.lesson_id
      left join lessons d on d.school_id = h.school_id and d.id = h.due_lesson_id`);
    expect(hw.set).toBeGreaterThan(hw.held * 0.5);
    expect(hw.later).toBeGreaterThan(hw.set * 0.95);
    expect(hw.bare).toBe(0);
    expect(hw.future).toBe(0);
  });

  it('gives marks from 1 to 5, each with a first version, only to students of the group on the lesson date, never after today', async () => {
    const marks = await one<{ n: number; bad: number; outsiders: number; late: number; versions: number }>(db, sql`
      select count(*)::int as n,
             count(*) filter (where m.scale <> 'five' or m.value not in ('1', '2', '3', '4', '5') or m.deleted or m.version <> 1)::int as bad,
             count(*) filter (where not ${inGroupOn('l.group_id', 'l.date', 'm.student_id')})::int as outsiders,
             count(*) filter (where l.date > ${DEMO_TODAY} or m.created_at >= (${DEMO_TODAY}::date + 1)::timestamp at time zone 'Europe/Moscow')::int as late,
             (select count(*)::int from mark_versions v where v.version = 1) as versions
      from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id`);
    expect(marks.n).toBeGreaterThan(20_000);
    expect(marks).toMatchObject({ bad: 0, outsiders: 0, late: 0, versions: marks.n });
    const spread = await rows<{ value: string; share: number }>(db, sql`
      select value, round(count(*) * 100.0 / sum(count(*)) over ())::int as share from marks group by value order by value`);
    const share = Object.fromEntries(spread.map((s) => [s.value, s.share]));
    expect(share['4']).toBeGreaterThan(share['2'] ?? 0);
    expect(share['5']).toBeGreaterThan(10);
    expect(share['3']).toBeGreaterThan(10);
  });

  it('spreads marks per student around an ability: some excellent students, some weak ones', async () => {
    const students = await rows<{ mean: number; n: number }>(db, sql`
      select avg(value::int)::float as mean, count(*)::int as n from marks where school_id = ${general} group by student_id`);
    const means = students.map((s) => s.mean);
    expect(means.filter((m) => m >= 4.5).length).toBeGreaterThan(students.length * 0.05);
    expect(means.filter((m) => m < 3.5).length).toBeGreaterThan(students.length * 0.05);
    // About 1–2 marks a week in a subject of several hours; 12 weeks so far.
    const median = students.map((s) => s.n).sort((a, b) => a - b)[Math.floor(students.length / 2)]!;
    expect(median).toBeGreaterThan(40);
    const first = await one<{ n: number }>(db, sql`
      select count(*)::int as n from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
      join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id join classes c on c.school_id = g.school_id and c.id = g.class_id
      where c.grade = 1 and c.school_id = ${general}`);
    expect(first.n).toBe(0);
  });

  it('records about 7 % absences, mostly ill or excused with a reason, only for students of the lesson', async () => {
    const a = await one<{ seats: number; n: number; ill: number; excused: number; absent: number; late: number; reasonless: number; outsiders: number; future: number }>(db, sql`
      select (select count(*)::int from (${seats}) s) as seats, count(*)::int as n,
             count(*) filter (where code = 'ill')::int as ill, count(*) filter (where code = 'excused')::int as excused,
             count(*) filter (where code = 'absent')::int as absent, count(*) filter (where code = 'late')::int as late,
             count(*) filter (where code in ('ill', 'excused') and reason = '')::int as reasonless,
             count(*) filter (where not ${inGroupOn('l.group_id', 'l.date', 'a.student_id')})::int as outsiders,
             count(*) filter (where l.date > ${DEMO_TODAY})::int as future
      from attendance a join lessons l on l.school_id = a.school_id and l.id = a.lesson_id`);
    expect(a.n / a.seats).toBeGreaterThan(0.04);
    expect(a.n / a.seats).toBeLessThan(0.10);
    expect(a.ill + a.excused).toBeGreaterThan(a.n * 0.7);
    expect(a.absent).toBeGreaterThan(0);
    expect(a.late).toBeGreaterThan(0);
    expect(a).toMatchObject({ reasonless: 0, outsiders: 0, future: 0 });
    const marked = await one<{ n: number }>(db, sql`
      select count(*)::int as n from marks m join attendance a on a.school_id = m.school_id and a.lesson_id = m.lesson_id
      and a.student_id = m.student_id where a.code in ('absent', 'ill', 'excused')`);
    expect(marked.n).toBe(0);
  });

  it('keeps the school’s usual work types and a first grading policy with the default rules', async () => {
    const types = await rows<{ school_id: string; n: number; control: number }>(db, sql`
      select school_id, count(*)::int as n, count(*) filter (where is_control)::int as control from work_types group by school_id order by school_id`);
    expect(types.map((t) => [t.n, t.control])).toEqual([[8, 3], [8, 3]]);
    const policies = await rows<{ version: number; rules: unknown }>(db, sql`select version, rules from grading_policies order by school_id`);
    expect(policies).toEqual([{ version: 1, rules: DEFAULT_GRADING_POLICY }, { version: 1, rules: DEFAULT_GRADING_POLICY }]);
  });

  it('closes the first quarter with a period mark for every student and subject, as the policy suggests', async () => {
    const closed = await rows<{ school_id: string; name: string; closed_at: Date }>(db, sql`
      select c.school_id, p.name, c.closed_at from period_closures c join periods p on p.school_id = c.school_id and p.id = c.period_id`);
    expect(closed.map((c) => [c.school_id, c.name])).toEqual([[general, '1 четверть']]);
    const missing = await one<{ n: number; extra: number }>(db, sql`
      select count(*) filter (where pm.id is null)::int as n,
             (select count(*)::int from period_marks x join periods p on p.school_id = x.school_id and p.id = x.period_id where p.name <> '1 четверть') as extra
      from (select distinct l.school_id, l.group_id, l.subject_id, s.student_id from lessons l
            join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id
            join classes c on c.school_id = g.school_id and c.id = g.class_id and c.grade between 2 and 9
            join (${seats}) s on s.school_id = l.school_id and s.lesson_id = l.id
            where l.school_id = ${general} and l.date <= '2026-10-23') want
      left join period_marks pm on pm.school_id = want.school_id and pm.group_id = want.group_id and pm.subject_id = want.subject_id
        and pm.student_id = want.student_id`);
    expect(missing).toEqual({ n: 0, extra: 0 });
    const [sample] = await rows<{ group_id: string; subject_id: string; student_id: string; value: string; explanation: string }>(db, sql`
      select pm.group_id, pm.subject_id, pm.student_id, pm.value, pm.explanation from period_marks pm
      join subjects s on s.school_id = pm.school_id and s.id = pm.subject_id where s.name = 'Алгебра' order by pm.id limit 1`);
    const marks = await rows<{ value: string; scale: string; weight: number; work_type_id: string }>(db, sql`
      select m.value, m.scale, m.weight::float as weight, m.work_type_id from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
      where l.group_id = ${sample!.group_id} and l.subject_id = ${sample!.subject_id} and m.student_id = ${sample!.student_id}
        and l.date between '2026-09-01' and '2026-10-23'`);
    const suggestion = suggestPeriodMark(marks.map((m) => ({ ...m, workTypeId: m.work_type_id })), DEFAULT_GRADING_POLICY);
    expect(sample).toMatchObject({ value: suggestion.value, explanation: suggestion.explanation });
    const values = await rows<{ value: string; n: number }>(db, sql`select value, count(*)::int as n from period_marks group by value order by value`);
    const n = Object.fromEntries(values.map((v) => [v.value, v.n]));
    expect((n['notAssessed'] ?? 0) / values.reduce((s, v) => s + v.n, 0)).toBeLessThan(0.05);
    expect(n['4']).toBeGreaterThan(n['2'] ?? 0);
  });

  it('gives the first quarter results like a real school’s: most pass, about half good, a few excellent, «н/а» rare', async () => {
    // Each student's period marks of the quarter, counted in the class he is in on its last day (as the reports do).
    const list = await rows<{ class_id: string; values: PeriodMarkValue[] }>(db, sql`
      select e.class_id, array_agg(pm.value) as values from period_marks pm
      join periods p on p.school_id = pm.school_id and p.id = pm.period_id and p.name = '1 четверть'
      join enrolments e on e.school_id = pm.school_id and e.student_id = pm.student_id
        and e.starts_on <= p.ends_on and (e.ends_on is null or e.ends_on >= p.ends_on)
      where pm.school_id = ${general} and pm.kind = 'period' group by e.class_id, pm.student_id`);
    const school = periodResults(list.map((s) => s.values));
    const share = (n: number) => (n / school.assessed) * 100;
    expect(school.assessed).toBeGreaterThan(300);
    expect(school.progressPercent).toBeGreaterThanOrEqual(93);
    expect(school.qualityPercent).toBeGreaterThanOrEqual(35);
    expect(school.qualityPercent).toBeLessThanOrEqual(65);
    expect(share(school.excellent)).toBeGreaterThanOrEqual(3);
    expect(share(school.excellent)).toBeLessThanOrEqual(12);
    expect(share(school.notAssessed)).toBeLessThanOrEqual(3);
    // Every mark of 2–5 and «н/а» is what the product suggests from the student's marks of the quarter.
    const marks = await rows<{ key: string; value: string; scale: string; weight: number; work_type_id: string }>(db, sql`
      select l.group_id || '|' || l.subject_id || '|' || m.student_id as key, m.value, m.scale, m.weight::float as weight, m.work_type_id
      from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
      where m.school_id = ${general} and l.date between '2026-09-01' and '2026-10-23'`);
    const byKey = new Map<string, MarkInput[]>();
    for (const m of marks) byKey.set(m.key, [...(byKey.get(m.key) ?? []), { value: m.value, scale: m.scale, weight: m.weight, workTypeId: m.work_type_id }]);
    const set = await rows<{ key: string; value: string }>(db, sql`
      select pm.group_id || '|' || pm.subject_id || '|' || pm.student_id as key, pm.value from period_marks pm
      where pm.school_id = ${general} and pm.kind = 'period' and pm.value <> 'pass'`);
    const disagree = set.filter((m) => suggestPeriodMark(byKey.get(m.key) ?? [], DEFAULT_GRADING_POLICY).value !== m.value);
    expect(set.length).toBeGreaterThan(3000);
    expect(disagree).toEqual([]);
    // No class far off: every class keeps at least four in five passing.
    const byClass = new Map<string, PeriodMarkValue[][]>();
    for (const s of list) byClass.set(s.class_id, [...(byClass.get(s.class_id) ?? []), s.values]);
    for (const students of byClass.values()) expect(periodResults(students).progressPercent).toBeGreaterThanOrEqual(80);
  });

  it('leaves the halves of grades 10–11 and the college’s semester open, without period marks', async () => {
    const open = await one<{ n: number }>(db, sql`
      select count(*)::int as n from period_marks pm join periods p on p.school_id = pm.school_id and p.id = pm.period_id
      where p.kind <> 'quarter' or pm.school_id = ${college}`);
    expect(open.n).toBe(0);
  });

  it('shows exam marks in a grade-9 class and examined disciplines in the college (seed 002, 4.3.11)', async () => {
    const exams = await one<{ n: number; classes: number; subjects: string }>(db, sql`
      select count(*)::int as n, count(distinct c.id)::int as classes, string_agg(distinct s.name, ',') as subjects
      from period_marks pm join teaching_groups g on g.school_id = pm.school_id and g.id = pm.group_id
      join classes c on c.school_id = g.school_id and c.id = g.class_id join subjects s on s.school_id = pm.school_id and s.id = pm.subject_id
      where pm.school_id = ${general} and pm.kind = 'exam' and c.grade = 9 and pm.period_id is null and pm.value in ('3', '4', '5')`);
    expect(exams).toMatchObject({ classes: 1, subjects: 'Русский язык' });
    expect(exams.n).toBeGreaterThan(10);
    const examined = await one<{ n: number }>(db, sql`select count(*)::int as n from exam_subjects where school_id = ${college}`);
    expect(examined.n).toBeGreaterThan(0);
  });
});
