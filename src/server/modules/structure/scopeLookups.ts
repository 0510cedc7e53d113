import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import { assignments, classes, groupMembers, teachingGroups } from '../../db/schema/structure.ts';

/** What a teacher reaches through the structure (policy/scope.ts builds the actor's scope from it). */
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

/** A teacher's reach in the given years: three set-based queries, whatever the number of groups. */
export async function teachingReach(db: Db, schoolId: string, staffIds: string[], yearIds: string[]): Promise<TeachingReach> {
  if (staffIds.length === 0 || yearIds.length === 0) {
    return { taughtGroupIds: [], taughtClassIds: [], memberStudentIds: [], keptClassIds: [], keptGroupIds: [] };
  }
  const taught = await db.selectDistinct({ id: teachingGroups.id, kind: teachingGroups.kind, classId: teachingGroups.classId })
    .from(assignments)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, assignments.schoolId), eq(teachingGroups.id, assignments.groupId)))
    .where(and(eq(assignments.schoolId, schoolId), inArray(assignments.staffId, staffIds), inArray(assignments.academicYearId, yearIds)));
  const kept = await db.select({ classId: classes.id, groupId: teachingGroups.id })
    .from(classes)
    .leftJoin(teachingGroups, and(eq(teachingGroups.schoolId, classes.schoolId), eq(teachingGroups.classId, classes.id)))
    .where(and(
      eq(classes.schoolId, schoolId),
      inArray(classes.academicYearId, yearIds),
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


/**
 * Whether one of the staff records has an assignment in the group in a year of the given
 * statuses: the one indexed lookup that settles most journal reads of a teacher, before the whole
 * scope (teachingReach and the rest) is worth building.
 */
export async function assignedToGroup(db: Db, schoolId: string, staffIds: string[], groupId: string, yearStatuses: readonly string[]): Promise<boolean> {
  if (staffIds.length === 0) return false;
  const rows = await db.select({ id: assignments.id }).from(assignments)
    .innerJoin(academicYears, and(eq(academicYears.schoolId, assignments.schoolId), eq(academicYears.id, assignments.academicYearId)))
    .where(and(
      eq(assignments.schoolId, schoolId), eq(assignments.groupId, groupId), inArray(assignments.staffId, staffIds),
      inArray(academicYears.status, [...yearStatuses]),
    ))
    .limit(1);
  return rows.length > 0;
}

/** `assignedToGroup` as an SQL boolean over the caller's columns; `staffIds` is a uuid[] expression. */
export const assignedToGroupSql = (to: { schoolId: SQL; groupId: SQL }, staffIds: SQL, yearStatuses: readonly string[]): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${assignments} join ${academicYears}
    on ${academicYears.schoolId} = ${assignments.schoolId} and ${academicYears.id} = ${assignments.academicYearId}
    where ${and(eq(assignments.schoolId, to.schoolId), eq(assignments.groupId, to.groupId), inArray(academicYears.status, [...yearStatuses]))}
      and ${assignments.staffId} = any(${staffIds}))`;
