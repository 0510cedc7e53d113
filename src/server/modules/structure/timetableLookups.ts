import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { assignments, classes, rooms, subjects, teachingGroups } from '../../db/schema/structure.ts';

/** What the timetable needs to know of a group: its year, kind, name and (for a class's groups) grade. */
export type GroupInfo = { id: string; name: string; kind: string; classId: string | null; academicYearId: string; grade: number | null };

const groupInfo = (db: Db) =>
  db.select({
    id: teachingGroups.id, name: teachingGroups.name, kind: teachingGroups.kind, classId: teachingGroups.classId,
    academicYearId: teachingGroups.academicYearId, grade: classes.grade,
  }).from(teachingGroups)
    .leftJoin(classes, and(eq(classes.schoolId, teachingGroups.schoolId), eq(classes.id, teachingGroups.classId)));

/** Groups by id, with their year and grade (one query). */
export async function groupsByIds(db: Db, schoolId: string, ids: string[]): Promise<GroupInfo[]> {
  if (ids.length === 0) return [];
  return groupInfo(db).where(and(eq(teachingGroups.schoolId, schoolId), inArray(teachingGroups.id, [...new Set(ids)])));
}

/** Every group of a year, with its grade (one query). */
export const groupsOfYear = (db: Db, schoolId: string, academicYearId: string): Promise<GroupInfo[]> =>
  groupInfo(db).where(and(eq(teachingGroups.schoolId, schoolId), eq(teachingGroups.academicYearId, academicYearId)));

/** Of these staff people, those assigned the subject in the group. */
export async function assignedStaffIds(db: Db, schoolId: string, staffIds: string[], groupId: string, subjectId: string): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.selectDistinct({ staffId: assignments.staffId }).from(assignments).where(and(
    eq(assignments.schoolId, schoolId), eq(assignments.groupId, groupId), eq(assignments.subjectId, subjectId), inArray(assignments.staffId, staffIds),
  ));
  return rows.map((r) => r.staffId);
}

/** Names of subjects by id, for lesson lists. */
export async function subjectNames(db: Db, schoolId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: subjects.id, name: subjects.name }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of rooms by id, for lesson lists. */
export async function roomNames(db: Db, schoolId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: rooms.id, name: rooms.name }).from(rooms)
    .where(and(eq(rooms.schoolId, schoolId), inArray(rooms.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}
