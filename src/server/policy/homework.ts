import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { rolesIn, staffIdsOf } from '../roster/actor.ts';
import { type GroupStay, groupStaysOfStudents, studentIdsInGroupOn } from '../roster/groupStays.ts';
import { homeworkNotFound, studentNotFound } from './notFound.ts';
import { assertCan } from './policy.ts';
import { hide, isWholeSchool, requestScope } from './scope.ts';

/**
 * Who reads homework (seed 003, 2.4 and 152-ФЗ): admin, director and deputy every one; a teacher
 * the homework of the groups he teaches, of his class's groups, and of a lesson he takes; a
 * student the homework of his groups (individual homework only if given to him); a guardian
 * what his children read.
 */
export type Reader = {
  schoolId: string;
  all: boolean;
  /** Teacher: the groups whose journal he reads. */
  groupIds: ReadonlySet<string>;
  staffIds: string[];
  /** Student: himself; guardian: his children. */
  studentIds: string[];
  /** Teacher: the students he may read (his groups' and his class's), for `?studentId`. */
  teacherStudentIds: ReadonlySet<string>;
};

/** What the rules need to know of a homework: the lesson it was set in, and whether it is individual. */
export type HomeworkTarget = {
  schoolId: string; groupId: string; lessonDate: string; staffId: string; substituteStaffId: string | null; individual: boolean;
};

/** Which homework a list may show: all, or the reader's groups and the students' own. */
export type HomeworkListReach =
  | { all: true }
  | { all: false; groupIds: string[]; students: { ids: string[]; stays: GroupStay[] } };

/** The role check (401/404/403), then what the actor reaches, from the request's scope. */
export async function readerOf(req: FastifyRequest, schoolId: string): Promise<Reader> {
  assertCan(req.actor, 'homework.read', { schoolId });
  const staffIds = staffIdsOf(req.actor, schoolId);
  if (isWholeSchool(req.actor, schoolId)) {
    return { schoolId, all: true, groupIds: new Set(), staffIds, studentIds: [], teacherStudentIds: new Set() };
  }
  const scope = await requestScope(req, schoolId);
  const teacher = rolesIn(req.actor, schoolId).includes('teacher');
  return {
    schoolId,
    all: false,
    groupIds: teacher ? new Set([...scope.taughtGroupIds, ...scope.keptGroupIds]) : new Set(),
    staffIds,
    studentIds: [...new Set([...scope.ownStudentIds, ...scope.childIds])],
    teacherStudentIds: teacher ? new Set([...scope.taughtStudentIds, ...scope.classStudentIds]) : new Set(),
  };
}

/** The students a homework is given to: its chosen students, else the group's students on the lesson's date. */
export const recipientsOf = async (db: Db, hw: HomeworkTarget, chosen: string[]) =>
  (hw.individual ? chosen : await studentIdsInGroupOn(db, hw.schoolId, hw.groupId, hw.lessonDate));

const takesLesson = (reader: Reader, hw: Pick<HomeworkTarget, 'staffId' | 'substituteStaffId'>) =>
  reader.staffIds.includes(hw.staffId) || (hw.substituteStaffId !== null && reader.staffIds.includes(hw.substituteStaffId));

/** 404 unless the reader may see this homework (and so its files). */
export async function assertCanRead(db: Db, reader: Reader, hw: HomeworkTarget, chosen: string[]): Promise<void> {
  if (reader.all || reader.groupIds.has(hw.groupId) || takesLesson(reader, hw)) return;
  if (reader.studentIds.length > 0) {
    const recipients = new Set(await recipientsOf(db, hw, chosen));
    if (reader.studentIds.some((id) => recipients.has(id))) return;
  }
  throw hide(homeworkNotFound(), 'homework.read', reader.schoolId);
}

/** The chosen students a reader may see: staff all of them, a student or guardian only their own. */
export const visibleStudents = (reader: Reader, hw: Pick<HomeworkTarget, 'groupId' | 'staffId' | 'substituteStaffId'>, chosen: string[]) =>
  (reader.all || reader.groupIds.has(hw.groupId) || takesLesson(reader, hw) ? chosen : chosen.filter((id) => reader.studentIds.includes(id)));

/**
 * The list's reach, and with `?studentId` that student's homework: only a student the reader may
 * read (404 otherwise; a whole-school reader's caller checks the student exists), and for a teacher
 * only within the groups whose journal he reads.
 */
export async function listScope(db: Db, reader: Reader, studentId: string | undefined): Promise<{ reach: HomeworkListReach; student?: { id: string; stays: GroupStay[] } }> {
  const ownStays = reader.all ? [] : await groupStaysOfStudents(db, reader.schoolId, reader.studentIds);
  const reach: HomeworkListReach = reader.all
    ? { all: true }
    : { all: false, groupIds: [...reader.groupIds], students: { ids: reader.studentIds, stays: ownStays } };
  if (studentId === undefined) return { reach };
  if (!reader.all && !reader.studentIds.includes(studentId) && !reader.teacherStudentIds.has(studentId)) {
    throw hide(studentNotFound(), 'homework.read', reader.schoolId);
  }
  const stays = reader.studentIds.includes(studentId)
    ? ownStays.filter((s) => s.studentId === studentId)
    : await groupStaysOfStudents(db, reader.schoolId, [studentId]);
  // A student's or guardian's own child needs no group reach; a teacher sees that student only in his groups.
  const narrowed: HomeworkListReach = reader.all || reader.studentIds.includes(studentId)
    ? { all: true }
    : { all: false, groupIds: [...reader.groupIds], students: { ids: [], stays: [] } };
  return { reach: narrowed, student: { id: studentId, stays } };
}
