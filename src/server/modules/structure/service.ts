import { classNotFound } from '../../policy/notFound.ts';
import type { Db } from '../../db/client.ts';
import { found } from '../../errors.ts';
import * as groups from './groupQueries.ts';
import * as q from './queries.ts';


export const getClass = async (db: Db, schoolId: string, id: string) => found(await q.findClass(db, schoolId, id), classNotFound);

/** Ids of the classes of one grade (параллель) in a year. */
export const classIdsOfGrade = (db: Db, schoolId: string, academicYearId: string, grade: number) =>
  q.findClassIdsOfGrade(db, schoolId, academicYearId, grade);

/**
 * The enrolment module calls this when stays in a class end: the students' open subgroup
 * memberships of that class end the same day (call inside the transaction that ends the stays).
 */
export const endSubgroupMemberships = (tx: Db, schoolId: string, classId: string, studentIds: string[], day: string) =>
  groups.endSubgroupMemberships(tx, schoolId, classId, studentIds, day);

export { copyClassesToYear, copyGroupsAndLoadToYear } from './rollover.ts';
/** A group's year and grade (the class's grade for a class group or subgroup), for homework's school-day rules. */
export const gradeOfGroup = (db: Db, schoolId: string, groupId: string) => groups.gradeOfGroup(db, schoolId, groupId);
export { assignedStaffIds, type GroupInfo, groupsByIds, groupsOfYear, roomNames, subjectNames } from './timetableLookups.ts';
