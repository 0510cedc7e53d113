import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { periodClosures, periodReopenings } from '../../db/schema/grading.ts';
import { groupStaysBetweenSql } from '../../roster/groupStays.ts';

export type ClosureRow = typeof periodClosures.$inferSelect;
export type ReopeningRow = typeof periodReopenings.$inferSelect;

export const findClosure = async (db: Db, schoolId: string, periodId: string): Promise<ClosureRow | undefined> =>
  (await db.select().from(periodClosures).where(and(eq(periodClosures.schoolId, schoolId), eq(periodClosures.periodId, periodId))))[0];

/** Inserts the closure; undefined when the period was already closed (the row stays as it was). */
export const insertClosure = async (db: Db, row: ClosureRow): Promise<ClosureRow | undefined> =>
  (await db.insert(periodClosures).values(row).onConflictDoNothing().returning())[0];

export const insertReopening = async (db: Db, row: typeof periodReopenings.$inferInsert) =>
  (await db.insert(periodReopenings).values(row).returning())[0]!;

export const activeReopenings = (db: Db, schoolId: string, periodId: string, now: Date) =>
  db.select().from(periodReopenings).where(and(
    eq(periodReopenings.schoolId, schoolId), eq(periodReopenings.periodId, periodId), gt(periodReopenings.expiresAt, now),
  )).orderBy(asc(periodReopenings.openedAt), asc(periodReopenings.id));

/** Whether a reopening of the period for this group (and subject, or all its subjects) is in force. */
export async function groupReopened(db: Db, schoolId: string, periodId: string, groupId: string, subjectId: string, now: Date) {
  const rows = await db.select({ id: periodReopenings.id }).from(periodReopenings).where(and(
    eq(periodReopenings.schoolId, schoolId),
    eq(periodReopenings.periodId, periodId),
    eq(periodReopenings.groupId, groupId),
    or(isNull(periodReopenings.subjectId), eq(periodReopenings.subjectId, subjectId)),
    gt(periodReopenings.expiresAt, now),
  )).limit(1);
  return rows.length > 0;
}

export type OpenCounts = { ends_on: string; ended: boolean; students_without_mark: number; lessons_without_topic: number; lessons_without_attendance: number };

/**
 * What is still open in a period's journal, in one statement (a read across the journal, for the
 * closing dialog): the lessons of the period held by `today` (not cancelled) in the groups of its
 * year and grade band, how many have no topic and how many no attendance taken; and every student
 * who sits in one of their groups on the period's last day (or today, if earlier) for each subject
 * taught there, without a period mark. Undefined for a period the school does not have.
 */
export async function openCounts(db: Db, schoolId: string, periodId: string, today: string): Promise<OpenCounts | undefined> {
  const seated = groupStaysBetweenSql(schoolId, sql`slots.group_id`, sql`p.on_date`, sql`p.on_date`);
  const [row] = await queryRows<OpenCounts>(db, sql`
    with p as (
      select id, academic_year_id, starts_on, ends_on, grade_from, grade_to,
        greatest(starts_on, least(ends_on, ${today}::date)) as on_date
      from periods where school_id = ${schoolId} and id = ${periodId}
    ),
    held as (
      select l.id, l.group_id, l.subject_id, l.topic, l.date
      from p
        join lessons l on l.school_id = ${schoolId} and l.date between p.starts_on and p.ends_on and l.status <> 'cancelled'
        join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id and g.academic_year_id = p.academic_year_id
        left join classes c on c.school_id = g.school_id and c.id = g.class_id
      where c.grade is null or c.grade between p.grade_from and p.grade_to
    ),
    slots as (select distinct group_id, subject_id from held),
    seats as (
      select distinct slots.group_id, slots.subject_id, s.student_id
      from slots cross join p cross join lateral (${seated}) s (student_id, starts_on, ends_on)
    )
    select p.ends_on::text as ends_on, p.ends_on < ${today}::date as ended,
      (select count(*) from seats where not exists (
        select 1 from period_marks m where m.school_id = ${schoolId} and m.period_id = p.id
          and m.group_id = seats.group_id and m.subject_id = seats.subject_id and m.student_id = seats.student_id))::int as students_without_mark,
      (select count(*) from held where held.date <= ${today}::date and btrim(held.topic) = '')::int as lessons_without_topic,
      (select count(*) from held where held.date <= ${today}::date and not exists (
        select 1 from attendance_takings t where t.school_id = ${schoolId} and t.lesson_id = held.id))::int as lessons_without_attendance
    from p`);
  return row;
}
