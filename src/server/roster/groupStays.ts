import { and, eq, gte, inArray, isNull, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { enrolments, groupMembers, teachingGroups } from '../db/schema/structure.ts';
import { classStaysBetweenSql, enrolledOnSql } from './classStays.ts';

// Who sits in which teaching group on which dates. A whole-class group seats the students enrolled
// in its class (their stays, classStays.ts); any other group (subgroup, cross-class, extracurricular)
// its members, each membership with its dates. Each fact in its SQL form, the TypeScript form
// running that same SQL.

/** A student's time in a group: from the stay in its class (whole-class group) or the membership. */
export type GroupStay = { studentId: string; groupId: string; startsOn: string; endsOn: string | null };

/** A value of a condition: bound, a column or expression, or a placeholder of a prepared statement. */
type Bound = string | SQLWrapper;

const membersBetween = (schoolId: Bound, groupId: Bound, from: Bound, to: Bound) => and(
  eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId),
  lte(groupMembers.startsOn, to), or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, from)),
);

/**
 * Who sat in a group at any time from–to, as a subquery (student_id, starts_on, ends_on) that needs
 * only the group's id: the stays in the class of a whole-class group, or the memberships of any
 * other group. The values may be placeholders of a prepared statement (the journal page's roster).
 */
export function groupStaysBetweenSql(schoolId: Bound, groupId: Bound, from: Bound, to: Bound): SQL {
  const kindIs = (kind: SQL) => sql`(select ${teachingGroups.kind} from ${teachingGroups}
    where ${teachingGroups.schoolId} = ${schoolId} and ${teachingGroups.id} = ${groupId}) ${kind}`;
  const classOfClassGroup = sql`(select ${teachingGroups.classId} from ${teachingGroups}
    where ${teachingGroups.schoolId} = ${schoolId} and ${teachingGroups.id} = ${groupId} and ${teachingGroups.kind} = 'class')`;
  return sql`${classStaysBetweenSql(schoolId, classOfClassGroup, from, to)}
    union all
    select ${groupMembers.studentId}, ${groupMembers.startsOn}, ${groupMembers.endsOn}
    from ${groupMembers} where ${membersBetween(schoolId, groupId, from, to)} and ${kindIs(sql`<> 'class'`)}`;
}

/** Who sat in a group at any time from–to, with the dates of each stay: one statement. */
export const groupStaysBetween = (db: Db, schoolId: string, groupId: string, from: string, to: string): Promise<GroupStay[]> =>
  queryRows<GroupStay>(db, sql`select s.student_id as "studentId", ${groupId}::uuid as "groupId",
    s.starts_on::text as "startsOn", s.ends_on::text as "endsOn"
    from (${groupStaysBetweenSql(schoolId, groupId, from, to)}) s (student_id, starts_on, ends_on)`);

/** Who sits in a group's lessons on a date. */
export async function studentIdsInGroupOn(db: Db, schoolId: string, groupId: string, on: string): Promise<string[]> {
  const rows = await queryRows<{ studentId: string }>(db, sql`select distinct s.student_id as "studentId"
    from (${groupStaysBetweenSql(schoolId, groupId, on, on)}) s (student_id, starts_on, ends_on)`);
  return rows.map((r) => r.studentId);
}

/** `studentIdsInGroupOn(…).includes(studentId)` as an SQL boolean over the caller's columns; false for a missing group. */
export const sitsInGroupOnSql = (at: { schoolId: SQL; groupId: SQL; studentId: SQL; on: SQL }): SQL<boolean> => sql<boolean>`coalesce((
  select case when ${teachingGroups.kind} = 'class'
    then ${enrolledOnSql({ schoolId: at.schoolId, classId: sql`${teachingGroups.classId}`, studentId: at.studentId, on: at.on })}
    else exists (select 1 from ${groupMembers} where ${and(
      eq(groupMembers.schoolId, at.schoolId), eq(groupMembers.groupId, teachingGroups.id), eq(groupMembers.studentId, at.studentId),
      lte(groupMembers.startsOn, at.on), or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, at.on)),
    )}) end
  from ${teachingGroups} where ${teachingGroups.schoolId} = ${at.schoolId} and ${teachingGroups.id} = ${at.groupId}), false)`;

/**
 * Every group these students sat in (at some date of from–to, or ever), as a subquery (student_id,
 * group_id, starts_on, ends_on): whole-class groups through the stays in their class, any other
 * group through memberships. Two indexed lookups, whatever the number of groups.
 */
export function groupStaysOfStudentsSql(schoolId: string, studentIds: string[], range?: { from: string; to: string }): SQL {
  const overlapsClass = range ? sql` and ${lte(enrolments.startsOn, range.to)} and ${or(isNull(enrolments.endsOn), gte(enrolments.endsOn, range.from))}` : sql``;
  const overlapsMember = range ? sql` and ${lte(groupMembers.startsOn, range.to)} and ${or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, range.from))}` : sql``;
  return sql`select ${enrolments.studentId} as student_id, ${teachingGroups.id} as group_id,
      ${enrolments.startsOn}::text as starts_on, ${enrolments.endsOn}::text as ends_on
    from ${enrolments} join ${teachingGroups} on ${teachingGroups.schoolId} = ${enrolments.schoolId}
      and ${teachingGroups.classId} = ${enrolments.classId} and ${teachingGroups.kind} = 'class'
    where ${eq(enrolments.schoolId, schoolId)} and ${inArray(enrolments.studentId, studentIds)}${overlapsClass}
    union all
    select ${groupMembers.studentId}, ${groupMembers.groupId}, ${groupMembers.startsOn}::text, ${groupMembers.endsOn}::text
    from ${groupMembers}
    where ${eq(groupMembers.schoolId, schoolId)} and ${inArray(groupMembers.studentId, studentIds)}${overlapsMember}`;
}

/** `groupStaysOfStudentsSql` run: the students' stays in groups, with their dates. */
export const groupStaysOfStudents = async (db: Db, schoolId: string, studentIds: string[], range?: { from: string; to: string }): Promise<GroupStay[]> =>
  studentIds.length === 0 ? [] : queryRows<GroupStay>(db, sql`select s.student_id as "studentId", s.group_id as "groupId",
    s.starts_on as "startsOn", s.ends_on as "endsOn" from (${groupStaysOfStudentsSql(schoolId, studentIds, range)}) s`);

/**
 * The groups a student sits in at some date of the range, as an SQL list `(select group_id …)`: a
 * handful of ids that let a lesson query start from `lessons_group_date_idx`.
 */
export const studentGroupIdsBetweenSql = (schoolId: string, studentId: string, from: string, to: string): SQL =>
  sql`(select s.group_id from (${groupStaysOfStudentsSql(schoolId, [studentId], { from, to })}) s)`;

/** Whether one of the stays seats the student in the group on the date. */
export const sitsIn = (stays: readonly Omit<GroupStay, 'studentId'>[], groupId: string, date: string) =>
  stays.some((s) => s.groupId === groupId && s.startsOn <= date && (s.endsOn === null || s.endsOn >= date));
