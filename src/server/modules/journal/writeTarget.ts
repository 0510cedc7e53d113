import type { Db } from '../../db/client.ts';
import { badRequest, conflict } from '../../errors.ts';
import { assertCanWriteLesson, lessonWriter } from '../../policy/lessons.ts';
import { lessonNotFound } from '../../policy/notFound.ts';
import type { Actor } from '../../policy/policy.ts';
import { periodClosed } from '../grading/locks.ts';
import { lessonForWrite, type WriteTargets } from './lessonWriteQueries.ts';

/**
 * A lesson whose cells the actor may write now: the lesson's teacher or its substitute (policy), the
 * lesson not cancelled, its period not closed (seed 001, 4.4.1), the lesson begun (no mark for work
 * not done yet; topics and homework may be written ahead). One statement (`lessonForWrite`),
 * which also answers for the student and the work type the write names.
 */
export async function writableLesson(
  db: Db, actor: Actor | null, action: 'mark.write' | 'attendance.write', schoolId: string, lessonId: string, now: Date, targets: WriteTargets = {},
) {
  const found = await lessonForWrite(db, schoolId, lessonId, lessonWriter(actor, action, schoolId), now, targets);
  if (!found) throw lessonNotFound();
  await assertCanWriteLesson(db, actor, action, found.lesson, { teaching: found.teaching });
  if (found.lesson.status === 'cancelled') throw conflict('lesson.cancelled', 'Урок отменён: отметки и посещаемость в нём не ведутся');
  if (found.locked) throw periodClosed();
  if (!found.begun) {
    throw conflict('journal.lesson_in_future', 'Урок ещё не начался: отметки и посещаемость ставятся с начала урока');
  }
  return found;
}

/** Marks and attendance only for the students in the lesson's group on the lesson's date. */
export function assertStudentSits(sits: boolean | null) {
  if (sits) return;
  throw badRequest('journal.student_not_in_group', 'Ученик не числится в группе на дату урока', {
    studentId: 'Ученик не числится в группе на дату урока',
  });
}
