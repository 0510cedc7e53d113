import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { academicYears } from '../db/schema/calendar.ts';
import { assignments, classes, groupMembers, teachingGroups } from '../db/schema/structure.ts';
import type { Fact } from './fact.ts';

// Who teaches what: a teacher's assignments (group × subject), the classes he keeps as class
// teacher, curator or master, and what those give him to reach.

/** The years whose classes and assignments count now: a closed year's class teacher keeps no list. */
export const CURRENT_YEARS = ['planning', 'open'] as const;

/** Whether one of the staff teaches the subject to the group (an assignment of any period): he writes its journal. */
export type SubjectTeaching = Fact<{ groupId: string; subjectId: string; staffIds: string[]; assigned: boolean }>;

/** Whether one of the staff teaches the group in a current year (any subject): he reads its journal. */
export type GroupTeaching = Fact<{ groupId: string; staffIds: string[]; teachesNow: boolean }>;

const assignedCondition = (to: { schoolId: SQL; groupId: SQL; subjectId: SQL }, staffIds: SQL) =>
  sql`exists (select 1 from ${assignments} where ${and(
    eq(assignments.schoolId, to.schoolId), eq(assignments.groupId, to.groupId), eq(assignments.subjectId, to.subjectId),
  )} and ${assignments.staffId} = any(${staffIds}))`;

/**
 * Whether one of the staff is assigned the subject in the group, as a plain SQL boolean over the
 * caller's columns (what a page shows: may this reader write); `staffIds` is a uuid[] expression.
 */
export const assignedSql = (to: { schoolId: SQL; groupId: SQL; subjectId: SQL }, staffIds: SQL): SQL<boolean> =>
  sql<boolean>`${assignedCondition(to, staffIds)}`;

/** `subjectTeaching` as an SQL value over the caller's columns, for a read that answers it in its own statement. */
export const subjectTeachingSql = (to: { schoolId: SQL; groupId: SQL; subjectId: SQL }, staffIds: SQL): SQL<SubjectTeaching> =>
  sql<SubjectTeaching>`json_build_object('groupId', ${to.groupId}, 'subjectId', ${to.subjectId}, 'staffIds', ${staffIds},
    'assigned', ${assignedCondition(to, staffIds)})`;

/** The staff of `staffIds` assigned the subject in the group (an assignment of any period). */
export async function assignedStaffIds(db: Db, schoolId: string, staffIds: string[], groupId: string, subjectId: string): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.selectDistinct({ staffId: assignments.staffId }).from(assignments).where(and(
    eq(assignments.schoolId, schoolId), eq(assignments.groupId, groupId), eq(assignments.subjectId, subjectId), inArray(assignments.staffId, staffIds),
  ));
  return rows.map((r) => r.staffId);
}

/** Whether one of the staff teaches the subject to the group. */
export async function subjectTeaching(db: Db, schoolId: string, staffIds: string[], groupId: string, subjectId: string): Promise<SubjectTeaching> {
  const assigned = (await assignedStaffIds(db, schoolId, staffIds, groupId, subjectId)).length > 0;
  return { groupId, subjectId, staffIds, assigned } as SubjectTeaching;
}

const teachesNowCondition = (to: { schoolId: SQL; groupId: SQL }, staffIds: SQL) =>
  sql`exists (select 1 from ${assignments} join ${academicYears}
    on ${academicYears.schoolId} = ${assignments.schoolId} and ${academicYears.id} = ${assignments.academicYearId}
    where ${and(eq(assignments.schoolId, to.schoolId), eq(assignments.groupId, to.groupId), inArray(academicYears.status, [...CURRENT_YEARS]))}
      and ${assignments.staffId} = any(${staffIds}))`;

/** `groupTeaching` as an SQL value over the caller's columns; `staffIds` is a uuid[] expression. */
export const groupTeachingSql = (to: { schoolId: SQL; groupId: SQL }, staffIds: SQL): SQL<GroupTeaching> =>
  sql<GroupTeaching>`json_build_object('groupId', ${to.groupId}, 'staffIds', ${staffIds}, 'teachesNow', ${teachesNowCondition(to, staffIds)})`;

/**
 * Whether one of the staff has an assignment in the group in a current year: the one indexed lookup
 * that settles most journal reads of a teacher, before his whole scope is worth building.
 */
export async function groupTeaching(db: Db, schoolId: string, staffIds: string[], groupId: string): Promise<GroupTeaching> {
  const rows = staffIds.length === 0 ? [] : await db.select({ id: assignments.id }).from(assignments)
    .innerJoin(academicYears, and(eq(academicYears.schoolId, assignments.schoolId), eq(academicYears.id, assignments.academicYearId)))
    .where(and(
      eq(assignments.schoolId, schoolId), eq(assignments.groupId, groupId), inArray(assignments.staffId, staffIds),
      inArray(academicYears.status, [...CURRENT_YEARS]),
    ))
    .limit(1);
  return { groupId, staffIds, teachesNow: rows.length > 0 } as GroupTeaching;
}

/** What a teacher reaches through his assignments and classes in the current years. */
export type TeachingReach = {
  /** Groups of his assignments. */
  taughtGroupIds: string[];
  /** Classes whose whole-class group he teaches: their enrolled students are his. */
  taughtClassIds: string[];
  /** Students who were ever members of the other groups he teaches (subgroups, cross-class, extracurricular). */
  memberStudentIds: string[];
  /** Classes he is class teacher / curator or master of. */
  keptClassIds: string[];
  /** Every group of those classes (the whole-class group and its subgroups). */
  keptGroupIds: string[];
};

const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/** A teacher's reach in the current years: three set-based queries, whatever the number of groups. */
export async function teachingReach(db: Db, schoolId: string, staffIds: string[]): Promise<TeachingReach> {
  if (staffIds.length === 0) return { taughtGroupIds: [], taughtClassIds: [], memberStudentIds: [], keptClassIds: [], keptGroupIds: [] };
  const currentYearIds = db.select({ id: academicYears.id }).from(academicYears)
    .where(and(eq(academicYears.schoolId, schoolId), inArray(academicYears.status, [...CURRENT_YEARS])));
  const taught = await db.selectDistinct({ id: teachingGroups.id, kind: teachingGroups.kind, classId: teachingGroups.classId })
    .from(assignments)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, assignments.schoolId), eq(teachingGroups.id, assignments.groupId)))
    .where(and(eq(assignments.schoolId, schoolId), inArray(assignments.staffId, staffIds), inArray(assignments.academicYearId, currentYearIds)));
  const kept = await db.select({ classId: classes.id, groupId: teachingGroups.id })
    .from(classes)
    .leftJoin(teachingGroups, and(eq(teachingGroups.schoolId, classes.schoolId), eq(teachingGroups.classId, classes.id)))
    .where(and(
      eq(classes.schoolId, schoolId),
      inArray(classes.academicYearId, currentYearIds),
      or(inArray(classes.classTeacherId, staffIds), inArray(classes.masterId, staffIds)),
    ));
  const memberGroupIds = taught.filter((g) => g.kind !== 'class').map((g) => g.id);
  const members = memberGroupIds.length === 0 ? [] : await db.selectDistinct({ studentId: groupMembers.studentId }).from(groupMembers)
    .where(and(eq(groupMembers.schoolId, schoolId), inArray(groupMembers.groupId, memberGroupIds)));
  return {
    taughtGroupIds: unique(taught.map((g) => g.id)),
    taughtClassIds: unique(taught.filter((g) => g.kind === 'class').map((g) => g.classId)),
    memberStudentIds: unique(members.map((m) => m.studentId)),
    keptClassIds: unique(kept.map((k) => k.classId)),
    keptGroupIds: unique(kept.map((k) => k.groupId)),
  };
}

/** Classes (of any year) whose class teacher / curator is one of the given staff members. */
export async function classIdsOfClassTeacher(db: Db, schoolId: string, staffIds: string[]): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), inArray(classes.classTeacherId, staffIds)));
  return rows.map((r) => r.id);
}

/**
 * The classes of a current year that the staff keep as class teacher, curator or master, with
 * their school: one query over every school at once (`/me` tells the web app which reports to offer).
 */
export async function keptClassesOf(db: Db, staffIds: string[]): Promise<{ schoolId: string; classId: string }[]> {
  if (staffIds.length === 0) return [];
  return db.select({ schoolId: classes.schoolId, classId: classes.id }).from(classes)
    .innerJoin(academicYears, and(eq(academicYears.schoolId, classes.schoolId), eq(academicYears.id, classes.academicYearId)))
    .where(and(
      inArray(academicYears.status, [...CURRENT_YEARS]),
      or(inArray(classes.classTeacherId, staffIds), inArray(classes.masterId, staffIds)),
    ))
    .orderBy(classes.schoolId, classes.id);
}
