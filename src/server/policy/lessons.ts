import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { rolesIn, staffIdsOf } from '../roster/actor.ts';
import { groupStaysOfStudents } from '../roster/groupStays.ts';
import { assignedStaffIds, type SubjectTeaching, subjectTeaching } from '../roster/teaching.ts';
import type { SchoolAction } from './actions.ts';
import { checkFact } from './facts.ts';
import { groupNotFound, lessonNotFound } from './notFound.ts';
import { AccessDenied, type Actor, assertCan, can } from './policy.ts';
import { hide, isWholeSchool, readsGroup, requestScope, scopeOf } from './scope.ts';

/** What the rules need to know of a lesson. */
export type LessonTarget = { schoolId: string; groupId: string; subjectId: string; substituteStaffId: string | null };

/** The journals a reader of lesson lists reaches: his groups, and the lessons he substitutes. */
export type LessonReach = { groupIds: string[]; staffIds: string[] };

/** Writes into one lesson: its cells, its topic and notes, its homework. */
export type LessonWrite = Extract<SchoolAction, 'mark.write' | 'attendance.write' | 'lesson.write' | 'homework.write'>;

const readOnly = (action: SchoolAction, schoolId: string) =>
  new AccessDenied('journal.read_only', 403, 'Вы не ведёте этот предмет в этой группе: журнал доступен только для чтения', { action, schoolId });
const notAssigned = (action: SchoolAction, schoolId: string) =>
  new AccessDenied('journal.not_assigned', 403, 'Вы не ведёте этот предмет в этой группе', { action, schoolId });
const forbidden = (action: SchoolAction, schoolId: string) =>
  new AccessDenied('policy.forbidden', 403, 'Недостаточно прав для этого действия', { action, schoolId });

/** The groups a student or guardian reads: every group the student (or child) ever sat in. */
export async function ownGroupIds(req: FastifyRequest, schoolId: string): Promise<string[]> {
  const scope = await requestScope(req, schoolId);
  const studentIds = [...scope.ownStudentIds, ...scope.childIds];
  return [...new Set((await groupStaysOfStudents(req.server.database.db, schoolId, studentIds)).map((s) => s.groupId))];
}

/**
 * Journal read rules (seed 003, 2.4): admin, director and deputy read every journal; a teacher the
 * groups he teaches, every group of his class and the lessons he substitutes; a student or guardian
 * their own (children's) groups. Undefined = the whole school.
 */
export async function lessonReach(req: FastifyRequest, schoolId: string): Promise<LessonReach | undefined> {
  assertCan(req.actor, 'lesson.read', { schoolId });
  if (isWholeSchool(req.actor, schoolId)) return undefined;
  const scope = await requestScope(req, schoolId);
  const groupIds = new Set([...scope.taughtGroupIds, ...scope.keptGroupIds, ...(await ownGroupIds(req, schoolId))]);
  return { groupIds: [...groupIds], staffIds: staffIdsOf(req.actor, schoolId) };
}

export const reachesLesson = (reach: LessonReach | undefined, lesson: Pick<LessonTarget, 'groupId' | 'substituteStaffId'>) =>
  !reach || reach.groupIds.includes(lesson.groupId) || (!!lesson.substituteStaffId && reach.staffIds.includes(lesson.substituteStaffId));

/** The lesson, or 404 when it is outside the actor's journals. */
export function assertReachesLesson<L extends Pick<LessonTarget, 'schoolId' | 'groupId' | 'substituteStaffId'>>(reach: LessonReach | undefined, lesson: L): L {
  if (!reachesLesson(reach, lesson)) throw hide(lessonNotFound(), 'lesson.read', lesson.schoolId);
  return lesson;
}

/** A group whose journal (lessons, thematic plan) the reach holds, or 404. */
export function assertReachesGroup(reach: LessonReach | undefined, schoolId: string, groupId: string): void {
  if (reach && !reach.groupIds.includes(groupId)) throw hide(groupNotFound(), 'lesson.read', schoolId);
}

/**
 * Before the lesson is read for a write: the staff ids the lookup asks about. Students and
 * guardians read journals but never write them: for the cells (seed 003, 2.4) and the lesson
 * itself they stop here with 403; for homework the lesson decides (404 as for anyone outside it).
 */
export function lessonWriter(actor: Actor | null, action: LessonWrite, schoolId: string): string[] {
  if (action === 'mark.write' || action === 'attendance.write') assertCan(actor, 'journal.read', { schoolId });
  if (action === 'lesson.write') assertStaffOf(actor, action, schoolId);
  return staffIdsOf(actor, schoolId);
}

/** Lessons and plans are read by students and guardians too, but written only by staff. */
function assertStaffOf(actor: Actor | null, action: SchoolAction, schoolId: string) {
  assertCan(actor, 'lesson.read', { schoolId });
  if (!rolesIn(actor, schoolId).some((r) => r !== 'student' && r !== 'guardian')) throw forbidden(action, schoolId);
}

type Verdict = 'write' | 'readOnly' | 'hidden';

/**
 * Seed 000 §2, 003 §2.3: a teacher writes only in the journals of the groups and subjects
 * assigned to him; a substitution lets its teacher write that one lesson. Administrators,
 * directors and deputies read journals but never write them; a teacher who reads this journal
 * (he teaches the group another subject, or keeps its class) learns why he may not; anyone else
 * learns nothing.
 */
async function writeVerdict(db: Db, actor: Actor, lesson: LessonTarget, teaching?: SubjectTeaching): Promise<Verdict> {
  const { schoolId, groupId, subjectId } = lesson;
  const staffIds = staffIdsOf(actor, schoolId);
  if (lesson.substituteStaffId && staffIds.includes(lesson.substituteStaffId)) return 'write';
  const fact = teaching ? checkFact(teaching, { groupId, subjectId, staffIds }) : await subjectTeaching(db, schoolId, staffIds, groupId, subjectId);
  if (fact.assigned) return 'write';
  if (isWholeSchool(actor, schoolId)) return 'readOnly';
  if (rolesIn(actor, schoolId).includes('teacher') && readsGroup(await scopeOf(db, actor, schoolId), groupId)) return 'readOnly';
  return 'hidden';
}

/**
 * A write into the lesson (`action`), by its teacher or its substitute; refused with 403 for a
 * reader of its journal, 404 (`notFoundAs`, the lesson by default) for anyone else. A caller that
 * read whether the actor is assigned the lesson's subject (`subjectTeachingSql`) hands that fact over.
 */
export async function assertCanWriteLesson(
  db: Db, actor: Actor | null, action: LessonWrite, lesson: LessonTarget,
  options: { teaching?: SubjectTeaching; notFoundAs?: () => AppError } = {},
): Promise<void> {
  if (!actor) throw new AppError('auth.required', 401, 'Требуется вход в систему');
  const verdict = await writeVerdict(db, actor, lesson, options.teaching);
  // The action's roles (actions.ts) hold too: whoever the object lets write must also hold the action.
  if (verdict === 'write' && can(actor, action, { schoolId: lesson.schoolId })) return;
  if (verdict === 'write') throw forbidden(action, lesson.schoolId);
  if (verdict === 'readOnly') throw readOnly(action, lesson.schoolId);
  throw hide((options.notFoundAs ?? lessonNotFound)(), action, lesson.schoolId);
}

/** Whether the actor may write the lesson (its editor shows the form or not). */
export const mayWriteLesson = async (db: Db, actor: Actor | null, lesson: LessonTarget) =>
  actor !== null && can(actor, 'lesson.write', { schoolId: lesson.schoolId }) && (await writeVerdict(db, actor, lesson)) === 'write';

/**
 * Seed 000 §2, 003 §2.3: only the teacher assigned the subject in the group writes its journal
 * beyond the timetable (an extra lesson, the thematic plan). Returns the staff id he acts as. The
 * whole-school roles read but never write (403), and so does a teacher who reads the group's
 * journal (403, he is told why); students and guardians never write (403); for any other teacher
 * the group does not exist (404).
 */
export async function assertTeaches(
  db: Db, actor: Actor | null, action: 'lesson.write' | 'thematicPlan.write', schoolId: string, groupId: string, subjectId: string,
): Promise<string> {
  assertStaffOf(actor, action, schoolId);
  const [staffId] = await assignedStaffIds(db, schoolId, staffIdsOf(actor, schoolId), groupId, subjectId);
  if (staffId && can(actor, action, { schoolId })) return staffId;
  if (staffId) throw forbidden(action, schoolId);
  if (isWholeSchool(actor, schoolId)) throw readOnly(action, schoolId);
  if (readsGroup(await scopeOf(db, actor, schoolId), groupId)) throw notAssigned(action, schoolId);
  throw hide(groupNotFound(), action, schoolId);
}

/**
 * Moving and cancelling a lesson: the deputy or the administrator (`timetable.write`), or the
 * lesson's own teacher; a substitution gives the right to fill the lesson in, not to reschedule it.
 */
export async function assertCanReschedule(db: Db, actor: Actor | null, lesson: LessonTarget): Promise<void> {
  lessonWriter(actor, 'lesson.write', lesson.schoolId);
  if (can(actor, 'timetable.write', { schoolId: lesson.schoolId })) return;
  const staffIds = staffIdsOf(actor, lesson.schoolId);
  const teaching = await subjectTeaching(db, lesson.schoolId, staffIds, lesson.groupId, lesson.subjectId);
  if (teaching.assigned) return;
  if (lesson.substituteStaffId && staffIds.includes(lesson.substituteStaffId)) {
    throw new AccessDenied('lesson.substitute_only', 403, 'Замена даёт право только заполнить этот урок', { action: 'lesson.write', schoolId: lesson.schoolId });
  }
  await assertCanWriteLesson(db, actor, 'lesson.write', { ...lesson, substituteStaffId: null }, { teaching });
}
