import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { WHOLE_SCHOOL_ROLES } from '../../policy/actions.ts';
import { AccessDenied, assertCan, rolesIn } from '../../policy/policy.ts';
import { requestScope } from '../../policy/scope.ts';
import { getStudent, studentNotFound } from '../people/service.ts';
import { groupStaysOf, studentIdsInGroupOn } from '../structure/service.ts';
import type { HomeworkWithLesson, ListFilter, ListReach } from './queries.ts';

export const homeworkNotFound = () => notFound('homework', 'Домашнее задание не найдено');

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

/** The role check (401/404/403), then what the actor reaches, from the request's scope. */
export async function readerOf(req: FastifyRequest, schoolId: string): Promise<Reader> {
  assertCan(req.actor, 'homework.read', { schoolId });
  const roles = rolesIn(req.actor, schoolId);
  const staffIds = req.actor?.roles.filter((r) => r.schoolId === schoolId && r.role === 'teacher' && r.personId).map((r) => r.personId!) ?? [];
  if (roles.some((r) => WHOLE_SCHOOL_ROLES.includes(r))) {
    return { schoolId, all: true, groupIds: new Set(), staffIds, studentIds: [], teacherStudentIds: new Set() };
  }
  const scope = await requestScope(req, schoolId);
  const teacher = roles.includes('teacher');
  return {
    schoolId,
    all: false,
    groupIds: teacher ? new Set([...scope.taughtGroupIds, ...scope.keptGroupIds]) : new Set(),
    staffIds,
    studentIds: [...new Set([...scope.ownStudentIds, ...scope.childIds])],
    teacherStudentIds: teacher ? new Set([...scope.taughtStudentIds, ...scope.classStudentIds]) : new Set(),
  };
}

const denied = (reader: Reader) => {
  const error = homeworkNotFound();
  return new AccessDenied(error.code, 404, error.message, { action: 'homework.read', schoolId: reader.schoolId });
};

/** The students a homework is given to: its chosen students, else the group's students on the lesson's date. */
export const recipientsOf = async (db: Db, hw: HomeworkWithLesson, chosen: string[]) =>
  (hw.individual ? chosen : await studentIdsInGroupOn(db, hw.schoolId, hw.groupId, hw.lessonDate));

/** 404 unless the reader may see this homework (and so its files). */
export async function assertCanRead(db: Db, reader: Reader, hw: HomeworkWithLesson, chosen: string[]): Promise<void> {
  if (reader.all || reader.groupIds.has(hw.groupId)) return;
  if (reader.staffIds.includes(hw.staffId) || (hw.substituteStaffId && reader.staffIds.includes(hw.substituteStaffId))) return;
  if (reader.studentIds.length > 0) {
    const recipients = new Set(await recipientsOf(db, hw, chosen));
    if (reader.studentIds.some((id) => recipients.has(id))) return;
  }
  throw denied(reader);
}

/** The chosen students a reader may see: staff all of them, a student or guardian only their own. */
export const visibleStudents = (reader: Reader, hw: Pick<HomeworkWithLesson, 'groupId' | 'staffId' | 'substituteStaffId'>, chosen: string[]) =>
  (reader.all || reader.groupIds.has(hw.groupId) || reader.staffIds.includes(hw.staffId)
    || (hw.substituteStaffId !== null && reader.staffIds.includes(hw.substituteStaffId))
    ? chosen
    : chosen.filter((id) => reader.studentIds.includes(id)));

/**
 * The list's reach, and with `?studentId` that student's homework: only a student the reader may
 * read (404 otherwise), and for a teacher only within the groups whose journal he reads.
 */
export async function listScope(db: Db, reader: Reader, studentId: string | undefined): Promise<Pick<ListFilter, 'reach' | 'student'>> {
  const ownStays = reader.all ? [] : await groupStaysOf(db, reader.schoolId, reader.studentIds);
  const reach: ListReach = reader.all
    ? { all: true }
    : { all: false, groupIds: [...reader.groupIds], students: { ids: reader.studentIds, stays: ownStays } };
  if (studentId === undefined) return { reach };
  if (reader.all) await getStudent(db, reader.schoolId, studentId);
  else if (!reader.studentIds.includes(studentId) && !reader.teacherStudentIds.has(studentId)) {
    const error = studentNotFound();
    throw new AccessDenied(error.code, 404, error.message, { action: 'homework.read', schoolId: reader.schoolId });
  }
  const stays = reader.studentIds.includes(studentId)
    ? ownStays.filter((s) => s.studentId === studentId)
    : await groupStaysOf(db, reader.schoolId, [studentId]);
  // A student's or guardian's own child needs no group reach; a teacher sees that student only in his groups.
  const narrowed: ListReach = reader.all || reader.studentIds.includes(studentId) ? { all: true } : { all: false, groupIds: [...reader.groupIds], students: { ids: [], stays: [] } };
  return { reach: narrowed, student: { id: studentId, stays } };
}
