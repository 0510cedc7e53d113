import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { WHOLE_SCHOOL_ROLES } from '../../policy/actions.ts';
import { type Actor, assertCan, rolesIn } from '../../policy/policy.ts';
import { requestScope } from '../../policy/scope.ts';
import { assignedStaffIds, groupStaysOf } from '../structure/service.ts';
import type { LessonReachIds, LessonRow } from './queries.ts';
import { lessonNotFound } from './service.ts';

/** The staff rows the actor acts as a teacher in this school. */
export const teacherIdsOf = (actor: Actor | null, schoolId: string): string[] =>
  actor?.roles.filter((r) => r.schoolId === schoolId && r.role === 'teacher' && r.personId).map((r) => r.personId!) ?? [];

export const isWholeSchool = (actor: Actor | null, schoolId: string) => rolesIn(actor, schoolId).some((r) => WHOLE_SCHOOL_ROLES.includes(r));

/** The groups a student or guardian reads: every group the student (or child) ever sat in. */
async function ownGroupIds(req: FastifyRequest, schoolId: string): Promise<string[]> {
  const scope = await requestScope(req, schoolId);
  const studentIds = [...scope.ownStudentIds, ...scope.childIds];
  return (await groupStaysOf(req.server.database.db, schoolId, studentIds)).map((s) => s.groupId);
}

/**
 * The timetable: staff read all of it; a student or guardian the slots of their own (children's)
 * groups. Undefined = the whole school.
 */
export async function timetableReach(req: FastifyRequest, schoolId: string): Promise<string[] | undefined> {
  assertCan(req.actor, 'timetable.read', { schoolId });
  if (rolesIn(req.actor, schoolId).some((r) => r !== 'student' && r !== 'guardian')) return undefined;
  return [...new Set(await ownGroupIds(req, schoolId))];
}

/**
 * Journal read rules (seed 003, 2.4): admin, director and deputy read every journal; a teacher the
 * groups he teaches, every group of his class and the lessons he substitutes; a student or guardian
 * their own (children's) groups. Undefined = the whole school.
 */
export async function lessonReach(req: FastifyRequest, schoolId: string): Promise<LessonReachIds | undefined> {
  assertCan(req.actor, 'lesson.read', { schoolId });
  if (isWholeSchool(req.actor, schoolId)) return undefined;
  const scope = await requestScope(req, schoolId);
  const groupIds = new Set([...scope.taughtGroupIds, ...scope.keptGroupIds, ...(await ownGroupIds(req, schoolId))]);
  return { groupIds: [...groupIds], staffIds: teacherIdsOf(req.actor, schoolId) };
}

export const reachesLesson = (reach: LessonReachIds | undefined, lesson: Pick<LessonRow, 'groupId' | 'substituteStaffId'>) =>
  !reach || reach.groupIds.includes(lesson.groupId) || (!!lesson.substituteStaffId && reach.staffIds.includes(lesson.substituteStaffId));

/** The lesson, or 404 when it is outside the actor's journals. */
export function assertReachesLesson(reach: LessonReachIds | undefined, lesson: LessonRow): LessonRow {
  if (!reachesLesson(reach, lesson)) throw lessonNotFound();
  return lesson;
}

export const notAssigned = () => new AppError('journal.not_assigned', 403, 'Вы не ведёте этот предмет в этой группе');
const readOnly = () => new AppError('journal.read_only', 403, 'Вы не ведёте этот предмет в этой группе: журнал доступен только для чтения');

/**
 * Seed 000 §2, 003 §2.3: only the teacher assigned the subject in the group writes its journal
 * (an extra lesson, the thematic plan). Returns the staff id he acts as.
 */
export async function assertTeaches(db: Db, actor: Actor | null, schoolId: string, groupId: string, subjectId: string): Promise<string> {
  assertCan(actor, 'lesson.read', { schoolId });
  const [staffId] = await assignedStaffIds(db, schoolId, teacherIdsOf(actor, schoolId), groupId, subjectId);
  if (staffId) return staffId;
  throw isWholeSchool(actor, schoolId) ? readOnly() : notAssigned();
}
