import type { LessonContext } from '../../../shared/contract/timetable.ts';
import { bandContains, rangeContainsDate } from '../../../shared/domain/calendar.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { mayWriteLesson } from '../../policy/lessons.ts';
import type { Actor } from '../../policy/policy.ts';
import { defaultBells, periodsOfYear } from '../calendar/service.ts';
import { isJournalLocked } from '../grading/locks.ts';
import { staffByIds, studentsByIds } from '../people/service.ts';
import { groupsByIds, subjectNames } from '../structure/service.ts';
import { presentLesson, presentTopic } from './presenters.ts';
import { type LessonRow, nextLessonsOf } from './queries.ts';
import { planOf } from './topicQueries.ts';
import { studentIdsInGroupOn } from '../../roster/groupStays.ts';

const NEXT_LESSONS = 10;
const hhmm = (time: string) => time.slice(0, 5);

/**
 * The lesson editor's data (a lesson the actor reads): names, bells, the group's students on the
 * date, its next lessons of the subject, the КТП, and whether the actor may write it now. A fixed
 * handful of queries, whatever the size of the group.
 */
export async function lessonContext(db: Db, actor: Actor | null, lesson: LessonRow, now: Date): Promise<LessonContext> {
  const { schoolId } = lesson;
  const [group] = await groupsByIds(db, schoolId, [lesson.groupId]);
  const [subjects, studentIds, next, plan, people, writable] = await Promise.all([
    subjectNames(db, schoolId, [lesson.subjectId]),
    studentIdsInGroupOn(db, schoolId, lesson.groupId, lesson.date),
    nextLessonsOf(db, lesson, NEXT_LESSONS),
    planOf(db, schoolId, lesson.groupId, lesson.subjectId),
    staffByIds(db, schoolId, lesson.substituteStaffId ? [lesson.staffId, lesson.substituteStaffId] : [lesson.staffId]),
    mayWriteLesson(db, actor, lesson),
  ]);
  const [students, bells, periods] = await Promise.all([
    studentsByIds(db, schoolId, studentIds),
    group ? defaultBells(db, schoolId, [group.academicYearId]) : [],
    group ? periodsOfYear(db, schoolId, group.academicYearId) : [],
  ]);
  const bell = bells.find((b) => b.lessonNumber === lesson.lessonNumber);
  const period = periods.find((p) => rangeContainsDate(p, lesson.date) && (group?.grade == null || bandContains(p, group.grade)));
  const nameOf = new Map(people.map((p) => [p.id, shortName(p)]));
  const locked = writable && await isJournalLocked(db, lesson, now)
    ? { code: 'journal.period_closed', message: 'Учебный период закрыт: изменения в журнале возможны только после открытия завучем' }
    : null;
  return {
    lesson: presentLesson(lesson),
    groupName: group?.name ?? '',
    subjectName: subjects.get(lesson.subjectId) ?? '',
    startsAt: bell ? hhmm(bell.startsAt) : null,
    endsAt: bell ? hhmm(bell.endsAt) : null,
    teacherName: nameOf.get(lesson.staffId) ?? '',
    substituteName: lesson.substituteStaffId ? nameOf.get(lesson.substituteStaffId) ?? '' : null,
    periodId: period?.id ?? null,
    students: students
      .sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || a.id.localeCompare(b.id))
      .map((s) => ({ id: s.id, name: fullName(s), shortName: shortName(s) })),
    nextLessons: next,
    plannedTopics: plan.map(presentTopic),
    canWrite: writable,
    locked,
  };
}
