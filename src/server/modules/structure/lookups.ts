import { and, eq, gte, inArray, isNull, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { assignments, classes, groupMembers, teachingGroups } from '../../db/schema/structure.ts';
import { enrolledOnSql, staysInClassBetween, staysInClassBetweenSql, staysOfStudents, studentIdsEnrolled } from '../enrolment/service.ts';

/** Classes (of any year) whose class teacher / curator is one of the given staff members. */
export async function classIdsOfClassTeacher(db: Db, schoolId: string, staffIds: string[]): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), inArray(classes.classTeacherId, staffIds)));
  return rows.map((r) => r.id);
}

/** Whether any of these staff people teaches the subject to the group (an assignment of any period). */
export async function isAssigned(db: Db, schoolId: string, staffIds: string[], groupId: string, subjectId: string): Promise<boolean> {
  if (staffIds.length === 0) return false;
  const rows = await db.select({ id: assignments.id }).from(assignments)
    .where(and(eq(assignments.schoolId, schoolId), eq(assignments.groupId, groupId), eq(assignments.subjectId, subjectId), inArray(assignments.staffId, staffIds)))
    .limit(1);
  return rows.length > 0;
}

/**
 * `isAssigned` as an SQL boolean over the caller's columns (a lesson's), for a lookup that checks it
 * in the same statement; `staffIds` is a uuid[] expression (a bound array literal, a placeholder).
 */
export const assignedSql = (to: { schoolId: SQL; groupId: SQL; subjectId: SQL }, staffIds: SQL): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${assignments} where ${and(
    eq(assignments.schoolId, to.schoolId), eq(assignments.groupId, to.groupId), eq(assignments.subjectId, to.subjectId),
  )} and ${assignments.staffId} = any(${staffIds}))`;

/** A group's year and grade: the class's grade for a class group or subgroup, null for other groups. */
export async function gradeOfGroup(db: Db, schoolId: string, groupId: string) {
  const rows = await db.select({ academicYearId: teachingGroups.academicYearId, grade: classes.grade }).from(teachingGroups)
    .leftJoin(classes, and(eq(classes.schoolId, teachingGroups.schoolId), eq(classes.id, teachingGroups.classId)))
    .where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, groupId)));
  return rows[0];
}

/**
 * Who sits in a group's lessons on a date: for a whole-class group the students enrolled in the
 * class that day, for any other group the members whose membership covers the date.
 */
export async function studentIdsInGroupOn(db: Db, schoolId: string, groupId: string, on: string): Promise<string[]> {
  const [group] = await db.select({ kind: teachingGroups.kind, classId: teachingGroups.classId }).from(teachingGroups)
    .where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, groupId)));
  if (!group) return [];
  if (group.kind === 'class') return group.classId ? studentIdsEnrolled(db, schoolId, [group.classId], on) : [];
  const rows = await db.selectDistinct({ studentId: groupMembers.studentId }).from(groupMembers).where(and(
    eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId),
    lte(groupMembers.startsOn, on), or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, on)),
  ));
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

/** A student's time in a group: from the stay in its class (whole-class group) or the membership. */
export type GroupStay = { studentId: string; groupId: string; startsOn: string; endsOn: string | null };

/** Every group these students ever sat in, with the dates: three set-based queries. */
export async function groupStaysOf(db: Db, schoolId: string, studentIds: string[]): Promise<GroupStay[]> {
  if (studentIds.length === 0) return [];
  const members = await db.select({
    studentId: groupMembers.studentId, groupId: groupMembers.groupId, startsOn: groupMembers.startsOn, endsOn: groupMembers.endsOn,
  }).from(groupMembers).where(and(eq(groupMembers.schoolId, schoolId), inArray(groupMembers.studentId, studentIds)));
  const stays = await staysOfStudents(db, schoolId, studentIds);
  const classIds = [...new Set(stays.map((s) => s.classId))];
  const classGroups = classIds.length === 0 ? [] : await db.select({ id: teachingGroups.id, classId: teachingGroups.classId }).from(teachingGroups)
    .where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.kind, 'class'), inArray(teachingGroups.classId, classIds)));
  const groupOfClass = new Map(classGroups.map((g) => [g.classId, g.id]));
  const classStays = stays.flatMap((s) => {
    const groupId = groupOfClass.get(s.classId);
    return groupId ? [{ studentId: s.studentId, groupId, startsOn: s.startsOn, endsOn: s.endsOn }] : [];
  });
  return [...members, ...classStays];
}

/** The stays in a class that overlap the dates from–to (two set-based queries). */
export const classStaysBetween = (db: Db, schoolId: string, classId: string, from: string, to: string): Promise<Omit<GroupStay, 'groupId'>[]> =>
  staysInClassBetween(db, schoolId, classId, from, to);

type Bound = string | SQLWrapper;

const membersBetween = (schoolId: Bound, groupId: Bound, from: Bound, to: Bound) => and(
  eq(groupMembers.schoolId, schoolId), eq(groupMembers.groupId, groupId),
  lte(groupMembers.startsOn, to), or(isNull(groupMembers.endsOn), gte(groupMembers.endsOn, from)),
);

/** Who sat in a group at any time from–to, with the dates of each stay: the roster of a journal page. */
export async function groupStaysBetween(
  db: Db, schoolId: string, groupOrId: string | { id: string; kind: string; classId: string | null }, from: string, to: string,
): Promise<GroupStay[]> {
  const groupId = typeof groupOrId === 'string' ? groupOrId : groupOrId.id;
  // A caller that has the group already saves the lookup.
  const [group] = typeof groupOrId === 'string'
    ? await db.select({ kind: teachingGroups.kind, classId: teachingGroups.classId }).from(teachingGroups)
      .where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.id, groupId)))
    : [groupOrId];
  if (!group) return [];
  if (group.kind === 'class') {
    return group.classId ? (await classStaysBetween(db, schoolId, group.classId, from, to)).map((s) => ({ ...s, groupId })) : [];
  }
  return db.select({
    studentId: groupMembers.studentId, groupId: groupMembers.groupId, startsOn: groupMembers.startsOn, endsOn: groupMembers.endsOn,
  }).from(groupMembers).where(membersBetween(schoolId, groupId, from, to));
}

/**
 * `groupStaysBetween` as a subquery (student_id, starts_on, ends_on) that needs only the group's id,
 * for a read that joins the roster in its own statement: the stays in the class of a whole-class
 * group, or the memberships of any other group. The values may be placeholders of a prepared statement.
 */
export function groupStaysBetweenSql(schoolId: Bound, groupId: Bound, from: Bound, to: Bound): SQL {
  const kindIs = (kind: SQL) => sql`(select ${teachingGroups.kind} from ${teachingGroups}
    where ${teachingGroups.schoolId} = ${schoolId} and ${teachingGroups.id} = ${groupId}) ${kind}`;
  const classOfClassGroup = sql`(select ${teachingGroups.classId} from ${teachingGroups}
    where ${teachingGroups.schoolId} = ${schoolId} and ${teachingGroups.id} = ${groupId} and ${teachingGroups.kind} = 'class')`;
  return sql`${staysInClassBetweenSql(schoolId, classOfClassGroup, from, to)}
    union all
    select ${groupMembers.studentId}, ${groupMembers.startsOn}, ${groupMembers.endsOn}
    from ${groupMembers} where ${membersBetween(schoolId, groupId, from, to)} and ${kindIs(sql`<> 'class'`)}`;
}
