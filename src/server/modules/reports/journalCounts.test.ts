import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withDemoDistrict } from '../../../../tests/factories/demo.ts';
import { attendanceCountsDirect, lessonCountsDirect, withoutMarksDirect } from '../../../../tests/support/journalCountsReference.ts';
import { type Db, queryRows } from '../../db/client.ts';
import { revertEntry } from '../audit/compromiseQueries.ts';
import { attendanceCounts, lessonCounts, withoutMarks } from './controlFiguresQueries.ts';
import { summaryOfSchools } from './municipalSummary.ts';

// The journal's counts (journal_lesson_counts, journal_day_counts, journal_mark_days: migration 0014) are kept by
// triggers on lessons, marks, attendance, attendance_takings and homework. On the 2-school demo
// district, after writes of every kind the journal sees (lessons cancelled and restored, moved,
// given by a substitute, topics cleared; marks changed, deleted, restored, moved; codes changed,
// withdrawn, rows deleted; takings and homework removed; pupils transferred; audit reverts), the
// counts must equal a recount from scratch and the summary's statements must answer what the
// statements reading the journal itself answer.

const NOW = new Date('2026-11-27T12:00:00Z');
const RANGES = [
  { from: '2026-09-01', to: '2026-10-23' },
  { from: '2026-11-02', to: '2026-11-27' },
  { from: '2026-10-15', to: '2026-11-10' },
  { from: '2026-09-01', to: '2026-12-31' },
];

/** The day counts as the migration computes them from the journal, rows with any figure only. */
const RECOUNT = sql`
  with lc as (
    select school_id, lesson_id, sum(m) as marks, sum(a) as attendance, sum(t) as takings, sum(h) as homework,
      sum(ab) as absent, sum(il) as ill, sum(ex) as excused, sum(la) as late
    from (
      select school_id, lesson_id, 1, 0, 0, 0, 0, 0, 0, 0 from marks where not deleted
      union all
      select school_id, lesson_id, 0, 1, 0, 0, (code = 'absent')::int, (code = 'ill')::int, (code = 'excused')::int, (code = 'late')::int
      from attendance where code is not null
      union all
      select school_id, lesson_id, 0, 1, 0, 0, 0, 0, 0, 0 from attendance where code is null
      union all
      select school_id, lesson_id, 0, 0, 1, 0, 0, 0, 0, 0 from attendance_takings
      union all
      select school_id, lesson_id, 0, 0, 0, 1, 0, 0, 0, 0 from homework where not deleted
    ) x(school_id, lesson_id, m, a, t, h, ab, il, ex, la)
    group by school_id, lesson_id
  )
  select l.school_id, l.date::text as date, l.group_id, l.subject_id, coalesce(l.substitute_staff_id, l.staff_id) as staff_id,
    count(*)::int as given, count(*) filter (where btrim(l.topic) <> '')::int as with_topic,
    count(*) filter (where lc.marks > 0)::int as with_marks, count(*) filter (where lc.attendance + lc.takings > 0)::int as with_attendance,
    count(*) filter (where lc.homework > 0)::int as with_homework, coalesce(sum(lc.absent), 0)::int as absent, coalesce(sum(lc.ill), 0)::int as ill,
    coalesce(sum(lc.excused), 0)::int as excused, coalesce(sum(lc.late), 0)::int as late
  from lessons l left join lc on lc.school_id = l.school_id and lc.lesson_id = l.id
  where l.status <> 'cancelled'
  group by 1, 2, 3, 4, 5`;

const KEPT = sql`
  select school_id, date::text as date, group_id, subject_id, staff_id, given, with_topic, with_marks, with_attendance, with_homework,
    absent, ill, excused, late
  from journal_day_counts
  where given <> 0 or with_topic <> 0 or with_marks <> 0 or with_attendance <> 0 or with_homework <> 0
    or absent <> 0 or ill <> 0 or excused <> 0 or late <> 0`;

const key = (r: Record<string, unknown>) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
const sorted = <T extends Record<string, unknown>>(rows: T[]) => rows.map(key).sort();

const MARK_DAYS_KEPT = sql`select school_id, date::text as date, student_id, subject_id, marks from journal_mark_days where marks <> 0`;
const MARK_DAYS_RECOUNT = sql`
  select l.school_id, l.date::text as date, m.student_id, l.subject_id, count(*)::int as marks
  from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
  where not m.deleted group by 1, 2, 3, 4`;

async function expectCountsKept(db: Db) {
  const rows = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(db, query);
  expect(sorted(await rows(KEPT))).toEqual(sorted(await rows(RECOUNT)));
  expect(sorted(await rows(MARK_DAYS_KEPT))).toEqual(sorted(await rows(MARK_DAYS_RECOUNT)));
}

async function expectSameFigures(db: Db, schoolIds: string[]) {
  for (const r of RANGES) {
    expect(sorted(await lessonCounts(db, schoolIds, r.from, r.to, NOW))).toEqual(sorted(await lessonCountsDirect(db, schoolIds, r.from, r.to, NOW)));
    expect(sorted(await attendanceCounts(db, schoolIds, r.from, r.to, NOW))).toEqual(sorted(await attendanceCountsDirect(db, schoolIds, r.from, r.to, NOW)));
    expect(sorted(await withoutMarks(db, schoolIds, r.from, r.to))).toEqual(sorted(await withoutMarksDirect(db, schoolIds, r.from, r.to)));
  }
}

const ids = async (db: Db, query: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, query)).map((r) => r.id);
const list = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::uuid`), sql`, `)}]::uuid[]`;

describe('the journal day counts', () => {
  let db: Db, general: string, college: string;
  withDemoDistrict((demo) => ({ db, general, college } = demo));

  it('are filled for the demo and agree with a recount and with the statements reading the journal', async () => {
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from journal_day_counts where given > 0`);
    expect(n!.n).toBeGreaterThan(1000);
    await expectCountsKept(db);
    await expectSameFigures(db, [general, college]);
  });

  it('follow every kind of write to the journal, audit reverts included', async () => {
    const s = general;
    // Lessons of the first quarter with marks, attendance codes, homework and takings, picked in id order.
    const marked = await ids(db, sql`
      select l.id from lessons l where l.school_id = ${s} and l.date between '2026-09-07' and '2026-10-20' and l.status <> 'cancelled'
        and exists (select 1 from marks m where m.school_id = l.school_id and m.lesson_id = l.id and not m.deleted)
        and exists (select 1 from attendance a where a.school_id = l.school_id and a.lesson_id = l.id and a.code is not null)
      order by l.id limit 40`);
    expect(marked.length).toBe(40);
    const at = (from: number, to: number) => list(marked.slice(from, to));

    await db.transaction(async (tx) => {
      // Cancelled (codes and marks stay in the rows but no longer count); one of them restored.
      await tx.execute(sql`update lessons set status = 'cancelled', version = version + 1 where school_id = ${s} and id = any(${at(0, 4)})`);
      await tx.execute(sql`update lessons set status = 'scheduled' where school_id = ${s} and id = ${marked[0]}::uuid`);
      // Given by a substitute: another teacher of the school.
      await tx.execute(sql`update lessons l set substitute_staff_id = (select st.id from staff st where st.school_id = l.school_id and st.id <> l.staff_id order by st.id limit 1)
        where school_id = ${s} and id = any(${at(4, 8)})`);
      // Moved to another day (and back to the plan's teacher for one of them), topics cleared and written.
      await tx.execute(sql`update lessons set date = date + 1, status = 'moved', original_date = date where school_id = ${s} and id = any(${at(8, 11)})`);
      await tx.execute(sql`update lessons set substitute_staff_id = null where school_id = ${s} and id = ${marked[5]}::uuid`);
      await tx.execute(sql`update lessons l set subject_id = (select x.id from subjects x where x.school_id = l.school_id and x.id <> l.subject_id order by x.id limit 1)
        where school_id = ${s} and id = ${marked[11]}::uuid`);
      await tx.execute(sql`update lessons set topic = '  ' where school_id = ${s} and id = any(${at(11, 14)})`);
      await tx.execute(sql`update lessons set topic = 'Повторение' where school_id = ${s} and id = any(
        select id from lessons where school_id = ${s} and btrim(topic) = '' and date < '2026-11-27' and status <> 'cancelled' order by id limit 3)`);
    });
    await db.transaction(async (tx) => {
      // Marks: every mark of some lessons deleted, one lesson's restored, values changed, marks moved to another lesson.
      await tx.execute(sql`update marks set deleted = true, version = version + 1 where school_id = ${s} and lesson_id = any(${at(14, 20)})`);
      await tx.execute(sql`update marks set deleted = false where school_id = ${s} and lesson_id = ${marked[14]}::uuid`);
      await tx.execute(sql`update marks set value = case value when '5' then '4' else '5' end where school_id = ${s} and lesson_id = any(${at(20, 22)})`);
      await tx.execute(sql`update marks set lesson_id = ${marked[23]}::uuid where school_id = ${s} and lesson_id = ${marked[22]}::uuid`);
      // A mark in a lesson that had none.
      await tx.execute(sql`insert into marks (school_id, id, lesson_id, student_id, work_type_id, weight, scale, value)
        select l.school_id, gen_random_uuid(), l.id, m.student_id, m.work_type_id, 1, 'five', '3'
        from lessons l cross join lateral (select student_id, work_type_id from marks where school_id = ${s} order by id limit 1) m
        where l.school_id = ${s} and l.id = (select l2.id from lessons l2 where l2.school_id = ${s} and l2.date = '2026-11-20' and l2.status <> 'cancelled'
          and not exists (select 1 from marks x where x.school_id = l2.school_id and x.lesson_id = l2.id) order by l2.id limit 1)`);
    });
    await db.transaction(async (tx) => {
      // Attendance: codes changed, withdrawn (the row stays), rows deleted, takings and homework removed.
      await tx.execute(sql`update attendance set code = case code when 'absent' then 'ill' when 'ill' then 'late' else 'absent' end, version = version + 1
        where school_id = ${s} and lesson_id = any(${at(24, 28)}) and code is not null`);
      await tx.execute(sql`update attendance set code = null where school_id = ${s} and lesson_id = any(${at(28, 30)})`);
      await tx.execute(sql`delete from attendance where school_id = ${s} and lesson_id = any(${at(30, 33)})`);
      await tx.execute(sql`delete from attendance_takings where school_id = ${s} and lesson_id = any(${at(30, 36)})`);
      await tx.execute(sql`update homework set deleted = true where school_id = ${s} and lesson_id = any(${at(33, 37)})`);
      // Transfers: pupils leave their class in the middle of the first quarter, and their groups.
      await tx.execute(sql`update enrolments set ends_on = '2026-10-02', end_event = 'transferred' where school_id = ${s} and id in (
        select id from enrolments where school_id = ${s} and ends_on is null order by id limit 5)`);
      await tx.execute(sql`update group_members set ends_on = '2026-09-25' where school_id = ${s} and id in (
        select id from group_members where school_id = ${s} and ends_on is null order by id limit 5)`);
      // An untouched lesson of December deleted.
      await tx.execute(sql`delete from lessons where school_id = ${s} and id = (
        select l.id from lessons l where l.school_id = ${s} and l.date > '2026-12-01'
          and not exists (select 1 from homework h where h.school_id = l.school_id and (h.lesson_id = l.id or h.due_lesson_id = l.id))
        order by l.id limit 1)`);
    });
    await expectCountsKept(db);
    await expectSameFigures(db, [general, college]);

    // Audit reverts: the marks deleted come back, the lessons cancelled are given again.
    const entries = await queryRows<{ seq: number; entity: string }>(db, sql`
      select seq::int as seq, entity from audit_entries
      where school_id = ${s} and operation = 'update' and entity in ('marks', 'lessons')
        and (after ->> 'deleted' = 'true' or after ->> 'status' = 'cancelled')
        and (entity_id::text in (select id::text from marks where school_id = ${s} and lesson_id = any(${at(15, 17)}))
          or entity_id::text in (select unnest(${at(1, 3)})::text))
      order by seq`);
    expect(entries.length).toBeGreaterThan(2);
    await db.transaction(async (tx) => {
      for (const e of entries) expect((await revertEntry(tx, s, e.seq)).outcome).toBe('reverted');
    });
    await expectCountsKept(db);
    await expectSameFigures(db, [general, college]);
    const [back] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from lessons where school_id = ${s} and id = any(${at(1, 3)}) and status = 'cancelled'`);
    expect(back!.n).toBe(0);

    // The whole summary: the same figures as when each part is read from the journal itself.
    const schools = [{ id: general, name: 'a' }, { id: college, name: 'b' }];
    const summary = await summaryOfSchools(db, schools, { ...RANGES[0]!, weeks: 3 }, NOW);
    expect(summary.total.control.lessons.given).toBeGreaterThan(0);
  }, 120_000);
});
