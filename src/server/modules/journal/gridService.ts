import type { z } from 'zod';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { GroupKind, LessonKind, LessonStatus } from '../../../shared/contract/enums.ts';
import type { Journal, ZJournalQuery } from '../../../shared/contract/journal.ts';
import { journalDebts } from '../../../shared/domain/debts.ts';
import { weightedMean } from '../../../shared/domain/grading.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import type { Actor } from '../../policy/policy.ts';
import { getPeriod } from '../calendar/service.ts';
import { currentPolicy } from '../grading/policyService.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { getSubject } from '../structure/catalogService.ts';
import { getGroup } from '../structure/groupService.ts';
import { groupStaysBetween, isAssigned } from '../structure/service.ts';
import { staffIdsOf } from './access.ts';
import { gridCells } from './gridQueries.ts';
import { presentMark, presentWorkType } from './presenters.ts';
import { listWorkTypes } from './workTypeService.ts';


/**
 * Independent lookups at once (on PostgreSQL the pool runs them side by side; PGlite serialises
 * them anyway); the first failure in the list's order wins, so the error does not depend on timing.
 */
async function inOrder<T extends readonly unknown[]>(promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/**
 * One journal page: a group's subject over a period, with every student who sat in the group at
 * any time in the period (sorted by ФИО), the lessons, current marks, attendance, debts and means.
 * The cells cost three queries (gridQueries.ts); the rest are small lookups.
 */
export async function journalPage(db: Db, actor: Actor | null, now: Date, schoolId: string, query: z.infer<typeof ZJournalQuery>): Promise<Journal> {
  const [group, subject, period] = await inOrder([
    getGroup(db, schoolId, query.groupId), getSubject(db, schoolId, query.subjectId), getPeriod(db, schoolId, query.periodId),
  ]);
  if (period.academicYearId !== group.academicYearId) {
    throw badRequest('journal.period_other_year', 'Период другого учебного года, чем группа', { periodId: 'Период другого учебного года' });
  }
  const slice = { schoolId, groupId: group.id, subjectId: subject.id, from: period.startsOn, to: period.endsOn };
  const staysAndStudents = groupStaysBetween(db, schoolId, group, slice.from, slice.to)
    .then(async (stays) => ({ stays, students: await studentsByIds(db, schoolId, [...new Set(stays.map((s) => s.studentId))]) }));
  const [{ stays, students: rows }, cells, workTypes, school, canWrite, policy] = await inOrder([
    staysAndStudents, gridCells(db, slice), listWorkTypes(db, schoolId), getSchool(db, schoolId),
    isAssigned(db, schoolId, staffIdsOf(actor, schoolId), group.id, subject.id), currentPolicy(db, schoolId),
  ]);
  const meanRules = { workTypeWeights: policy.rules.workTypeWeights, excludedWorkTypeIds: policy.rules.excludedWorkTypeIds };
  const students = rows.map((s) => ({ id: s.id, name: fullName(s), shortName: shortName(s) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  const today = localDate(now, school.timeZone);
  const debts = journalDebts({
    lessons: cells.lessons, marks: cells.marks, attendance: cells.attendance, stays, today,
    controlWorkTypeIds: new Set(workTypes.filter((w) => w.isControl).map((w) => w.id)),
  });
  const marksOf = new Map<string, typeof cells.marks>();
  for (const m of cells.marks) marksOf.set(m.studentId, [...(marksOf.get(m.studentId) ?? []), m]);
  const weightedMeans = Object.fromEntries(students.map((s) => [s.id, weightedMean(marksOf.get(s.id) ?? [], meanRules)]));
  return {
    group: { id: group.id, name: group.name, kind: group.kind as GroupKind, classId: group.classId },
    subject: { id: subject.id, name: subject.name, shortName: subject.shortName },
    period: { id: period.id, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn },
    students,
    lessons: cells.lessons.map((l) => ({ ...l, status: l.status as LessonStatus, kind: l.kind as LessonKind })),
    marks: cells.marks.map((m) => {
      const { deleted: _deleted, createdAt: _createdAt, ...shown } = presentMark(m);
      return shown;
    }),
    attendance: cells.attendance.map((a) => ({
      id: a.id, lessonId: a.lessonId, studentId: a.studentId, code: a.code as Journal['attendance'][number]['code'], reason: a.reason, version: a.version,
    })),
    workTypes: workTypes.map(presentWorkType),
    debts,
    weightedMeans,
    meanRules,
    canWrite,
  };
}
