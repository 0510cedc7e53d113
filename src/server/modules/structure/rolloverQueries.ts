import { and, eq, inArray, isNull, lt, notInArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { assignments, classes, curriculumHours, groupMembers, teachingGroups } from '../../db/schema/structure.ts';

const CHUNK = 1000;

/** One multi-row insert per thousand rows, so a district-sized year stays within the parameter limit. */
export async function insertMany<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(table).values(rows.slice(i, i + CHUNK));
}

export const classesOfYear = (db: Db, schoolId: string, yearId: string) =>
  db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.academicYearId, yearId)));

export const groupsOfYear = (db: Db, schoolId: string, yearId: string) =>
  db.select().from(teachingGroups).where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.academicYearId, yearId)));

export async function openMembersOf(db: Db, schoolId: string, groupIds: string[], excludeStudentIds: string[]) {
  if (groupIds.length === 0) return [];
  return db.select().from(groupMembers).where(and(
    eq(groupMembers.schoolId, schoolId), inArray(groupMembers.groupId, groupIds), isNull(groupMembers.endsOn),
    excludeStudentIds.length > 0 ? notInArray(groupMembers.studentId, excludeStudentIds) : undefined,
  ));
}

/** Memberships of the old year's groups that are still open end the day before the new year's start. */
export async function closeOpenMembers(db: Db, schoolId: string, groupIds: string[], startsOn: string, lastDay: string) {
  if (groupIds.length === 0) return;
  await db.update(groupMembers).set({ endsOn: lastDay }).where(and(
    eq(groupMembers.schoolId, schoolId), inArray(groupMembers.groupId, groupIds), isNull(groupMembers.endsOn),
    lt(groupMembers.startsOn, startsOn),
  ));
}

export const assignmentsOfYear = (db: Db, schoolId: string, yearId: string) =>
  db.select().from(assignments).where(and(eq(assignments.schoolId, schoolId), eq(assignments.academicYearId, yearId)));

export const curriculumOfYear = (db: Db, schoolId: string, yearId: string) =>
  db.select().from(curriculumHours).where(and(eq(curriculumHours.schoolId, schoolId), eq(curriculumHours.academicYearId, yearId)));
