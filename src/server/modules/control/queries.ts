import { and, asc, between, eq, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendanceTakings, marks, workTypes } from '../../db/schema/journal.ts';
import { homework } from '../../db/schema/homework.ts';
import { classes, subjects, teachingGroups } from '../../db/schema/structure.ts';

// Set-based reads of the journal for the compliance board: each query narrows the rows to those
// that could break a rule; src/shared/domain/compliance.ts decides which actually do.

export type ControlFilter = { schoolId: string; from: string; to: string; staffId?: string; classId?: string };

/** Who answers for a lesson: the substitute when there is one (seed 004: substitutions count for him). */
const responsible = sql<string>`coalesce(${lessons.substituteStaffId}, ${lessons.staffId})`;

const lessonColumns = {
  lessonId: lessons.id,
  lessonDate: lessons.date,
  staffId: responsible,
  groupId: lessons.groupId,
  groupName: teachingGroups.name,
  classId: teachingGroups.classId,
  subjectId: lessons.subjectId,
  subjectName: subjects.name,
};

function lessonFilter(f: ControlFilter): SQL {
  return and(
    eq(lessons.schoolId, f.schoolId),
    between(lessons.date, f.from, f.to),
    ne(lessons.status, 'cancelled'),
    f.staffId ? sql`${responsible} = ${f.staffId}` : undefined,
    f.classId ? eq(teachingGroups.classId, f.classId) : undefined,
  )!;
}

/** Homework entered after its lesson ended (school-local end from the year's default bell schedule). */
export function homeworkAfterLesson(db: Db, f: ControlFilter, timeZone: string) {
  const endsAt = sql`((${lessons.date} + ${bells.endsAt}) at time zone ${timeZone})`;
  return db.select({ ...lessonColumns, entryId: homework.id, enteredAt: homework.createdAt, endsAt: bells.endsAt })
    .from(homework)
    .innerJoin(lessons, and(eq(lessons.schoolId, homework.schoolId), eq(lessons.id, homework.lessonId)))
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .innerJoin(bellSchedules, and(
      eq(bellSchedules.schoolId, lessons.schoolId), eq(bellSchedules.academicYearId, teachingGroups.academicYearId), eq(bellSchedules.isDefault, true),
    ))
    .innerJoin(bells, and(eq(bells.schoolId, lessons.schoolId), eq(bells.bellScheduleId, bellSchedules.id), eq(bells.lessonNumber, lessons.lessonNumber)))
    .where(and(lessonFilter(f), eq(homework.deleted, false), sql`${homework.createdAt} > ${endsAt}`))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(homework.id));
}

/** Current marks entered after the school-local day of their lesson. */
export function marksAfterLessonDay(db: Db, f: ControlFilter, timeZone: string) {
  return db.select({
    ...lessonColumns, entryId: marks.id, studentId: marks.studentId, enteredAt: marks.createdAt, written: workTypes.isWritten,
  })
    .from(marks)
    .innerJoin(lessons, and(eq(lessons.schoolId, marks.schoolId), eq(lessons.id, marks.lessonId)))
    .innerJoin(workTypes, and(eq(workTypes.schoolId, marks.schoolId), eq(workTypes.id, marks.workTypeId)))
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .where(and(lessonFilter(f), eq(marks.deleted, false), sql`(${marks.createdAt} at time zone ${timeZone})::date > ${lessons.date}`))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(marks.id));
}

/** Lessons held before `today` that still have no topic. */
export function lessonsWithoutTopic(db: Db, f: ControlFilter, today: string) {
  return db.select({ ...lessonColumns, status: lessons.status, topic: lessons.topic })
    .from(lessons)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .where(and(lessonFilter(f), lt(lessons.date, today), sql`btrim(${lessons.topic}) = ''`))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id));
}

/**
 * Lessons held before `today` whose attendance was not taken on their school-local day: never
 * taken (`takenAt` null) or taken on a later day (seed 003, 2.5).
 */
export function lessonsWithoutAttendance(db: Db, f: ControlFilter, today: string, timeZone: string) {
  return db.select({ ...lessonColumns, status: lessons.status, takenAt: attendanceTakings.takenAt })
    .from(lessons)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .leftJoin(attendanceTakings, and(eq(attendanceTakings.schoolId, lessons.schoolId), eq(attendanceTakings.lessonId, lessons.id)))
    .where(and(lessonFilter(f), lt(lessons.date, today),
      sql`(${attendanceTakings.takenAt} is null or (${attendanceTakings.takenAt} at time zone ${timeZone})::date > ${lessons.date})`))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id));
}

export type FewMarksRow = {
  period_id: string; period_ends_on: string; group_id: string; group_name: string; class_id: string | null;
  subject_id: string; subject_name: string; staff_id: string; student_id: string; marks: number;
  /** Of `marks`, those for a written or control work (a work type flagged `is_written` or `is_control`). */
  written_marks: number;
};

/**
 * Every group and subject with lessons in each period of `periods` (a CTE `p` with the period's
 * id, year, dates, grade band and `on_date`), and every student in the group on `on_date`. The
 * teacher answering is the timetable's teacher of the group's latest lesson (not a substitute).
 */
const periodMembers = (f: ControlFilter, periods: SQL) => sql`
    with p as (${periods}),
    gs as (
      select distinct on (p.id, l.group_id, l.subject_id)
        p.id as period_id, p.starts_on, p.ends_on, p.on_date, l.group_id, l.subject_id, g.name as group_name, g.kind, g.class_id,
        l.staff_id
      from p
        join lessons l on l.school_id = ${f.schoolId} and l.date between p.starts_on and p.ends_on and l.status <> 'cancelled'
        join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id and g.academic_year_id = p.academic_year_id
        left join classes c on c.school_id = g.school_id and c.id = g.class_id
      where (c.grade is null or c.grade between p.grade_from and p.grade_to)
        ${f.classId ? sql`and g.class_id = ${f.classId}` : sql``}
      order by p.id, l.group_id, l.subject_id, l.date desc, l.lesson_number desc
    ),
    members as (
      select gs.*, e.student_id from gs
        join enrolments e on gs.kind = 'class' and e.school_id = ${f.schoolId} and e.class_id = gs.class_id
          and e.starts_on <= gs.on_date and (e.ends_on is null or e.ends_on >= gs.on_date)
      union all
      select gs.*, m.student_id from gs
        join group_members m on gs.kind <> 'class' and m.school_id = ${f.schoolId} and m.group_id = gs.group_id
          and m.starts_on <= gs.on_date and (m.ends_on is null or m.ends_on >= gs.on_date)
    )`;

/**
 * For each period overlapping the range whose period-mark deadline is at most `warnDays` away (or
 * past): every student of each group and subject taught in it (on the deadline, or today if
 * earlier) and that student's current marks there, all and those for a written or control work;
 * only those below `minMarks` or below `minWrittenMarks` written ones (seed 001, 5.2).
 */
export function studentsWithFewMarks(
  db: Db, f: ControlFilter, today: string, min: { marks: number; written: number }, deadlineDays: number, warnDays: number,
) {
  return queryRows<FewMarksRow>(db, sql`
    ${periodMembers(f, sql`
      select id, academic_year_id, starts_on, ends_on, grade_from, grade_to, least(ends_on - ${deadlineDays}::int, ${today}::date) as on_date
      from periods
      where school_id = ${f.schoolId} and starts_on <= ${f.to}::date and ends_on >= ${f.from}::date
        and ends_on - ${deadlineDays}::int <= ${today}::date + ${warnDays}::int`)},
    counted as (
      select members.*, c.marks, c.written_marks
      from members cross join lateral (
        select count(*)::int as marks, (count(*) filter (where wt.is_written or wt.is_control))::int as written_marks
        from marks mk
          join lessons l2 on l2.school_id = mk.school_id and l2.id = mk.lesson_id
          join work_types wt on wt.school_id = mk.school_id and wt.id = mk.work_type_id
        where mk.school_id = ${f.schoolId} and mk.student_id = members.student_id and not mk.deleted
          and l2.group_id = members.group_id and l2.subject_id = members.subject_id and l2.date between members.starts_on and members.ends_on
      ) c
    )
    select counted.period_id, counted.ends_on::text as period_ends_on, counted.group_id, counted.group_name, counted.class_id,
      counted.subject_id, s.name as subject_name, counted.staff_id, counted.student_id, counted.marks, counted.written_marks
    from counted join subjects s on s.school_id = ${f.schoolId} and s.id = counted.subject_id
    where (counted.marks < ${min.marks}::int or counted.written_marks < ${min.written}::int)
      ${f.staffId ? sql`and counted.staff_id = ${f.staffId}` : sql``}
    order by counted.ends_on, s.name, counted.group_name, counted.student_id`);
}

export type MissingPeriodMarkRow = Omit<FewMarksRow, 'marks' | 'written_marks'> & { has_mark: boolean };

/**
 * Seed 001, 5.3: for each period overlapping the range whose period-mark deadline has passed
 * (before today), every student of each group and subject taught in it (on the deadline) without a
 * period mark there.
 */
export function studentsWithoutPeriodMark(db: Db, f: ControlFilter, today: string, deadlineDays: number) {
  return queryRows<MissingPeriodMarkRow>(db, sql`
    ${periodMembers(f, sql`
      select id, academic_year_id, starts_on, ends_on, grade_from, grade_to, ends_on - ${deadlineDays}::int as on_date
      from periods
      where school_id = ${f.schoolId} and starts_on <= ${f.to}::date and ends_on >= ${f.from}::date
        and ends_on - ${deadlineDays}::int < ${today}::date`)}
    select members.period_id, members.ends_on::text as period_ends_on, members.group_id, members.group_name, members.class_id,
      members.subject_id, s.name as subject_name, members.staff_id, members.student_id, false as has_mark
    from members
      join subjects s on s.school_id = ${f.schoolId} and s.id = members.subject_id
    where not exists (
        select 1 from period_marks pm
        where pm.school_id = ${f.schoolId} and pm.group_id = members.group_id and pm.subject_id = members.subject_id
          and pm.student_id = members.student_id and pm.period_id = members.period_id
      ) ${f.staffId ? sql`and members.staff_id = ${f.staffId}` : sql``}
    order by members.ends_on, s.name, members.group_name, members.student_id`);
}

/** «5А» for each class id. */
export const classNames = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), inArray(classes.id, ids)));
