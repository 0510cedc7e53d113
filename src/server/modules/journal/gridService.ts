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
import { staffIdsOf } from '../../roster/actor.ts';
import type { GroupTeaching } from '../../roster/teaching.ts';
import { periodNotFound } from '../calendar/service.ts';
import { rulesOf } from '../grading/policyService.ts';
import { subjectNotFound } from '../structure/catalogService.ts';
import { readJournalPage } from './gridQueries.ts';
import { groupNotFound } from '../../policy/notFound.ts';

/**
 * One journal page: a group's subject over a period, with every student who sat in the group at
 * any time in the period (sorted by ФИО), the lessons, current marks, attendance, debts and means,
 * and the cells and lessons with a change under review (a compromised login's, seed 003, 4.4).
 * Two statements side by side (gridQueries.ts): the page's frame, with whether the actor teaches the
 * group (a roster fact), and its marks. `authorize` gets that fact and refuses whoever may not read; the rows read
 * for a refused page are dropped unseen.
 */
export async function journalPage(
  db: Db, actor: Actor | null, now: Date, schoolId: string, query: z.infer<typeof ZJournalQuery>, authorize: (teaching: GroupTeaching | undefined) => Promise<void>,
): Promise<Journal> {
  const read = await readJournalPage(db, { schoolId, ...query }, staffIdsOf(actor, schoolId));
  // Who may read is settled before anything about the page is told (an unknown subject, say).
  await authorize(read?.teaching);
  if (!read?.group) throw groupNotFound();
  const { group, subject, period, workTypes, canWrite, timeZone, cells } = read;
  if (!subject) throw subjectNotFound();
  if (!period) throw periodNotFound();
  if (period.academicYearId !== group.academicYearId) {
    throw badRequest('journal.period_other_year', 'Период другого учебного года, чем группа', { periodId: 'Период другого учебного года' });
  }
  const rules = rulesOf(read.policyRules);
  const meanRules = { workTypeWeights: rules.workTypeWeights, excludedWorkTypeIds: rules.excludedWorkTypeIds };
  const students = [...new Map(cells.roster.map((s) => [s.studentId, { id: s.studentId, name: fullName(s), shortName: shortName(s) }])).values()]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  const today = localDate(now, timeZone);
  const debts = journalDebts({
    lessons: cells.lessons, marks: cells.marks, attendance: cells.attendance, stays: cells.roster, today,
    controlWorkTypeIds: new Set(workTypes.filter((w) => w.isControl).map((w) => w.id)),
  });
  const marksOf = new Map<string, typeof cells.marks>();
  for (const m of cells.marks) {
    const list = marksOf.get(m.studentId);
    if (list) list.push(m);
    else marksOf.set(m.studentId, [m]);
  }
  const weightedMeans = Object.fromEntries(students.map((s) => [s.id, weightedMean(marksOf.get(s.id) ?? [], meanRules)]));
  return {
    group: { id: group.id, name: group.name, kind: group.kind as GroupKind, classId: group.classId },
    subject: { id: subject.id, name: subject.name, shortName: subject.shortName },
    period: { id: period.id, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn },
    students,
    lessons: cells.lessons.map((l) => ({ ...l, status: l.status as LessonStatus, kind: l.kind as LessonKind })),
    marks: cells.marks,
    attendance: cells.attendance,
    workTypes,
    debts,
    weightedMeans,
    meanRules,
    canWrite,
    underReview: {
      lessons: cells.underReview.filter((r) => r.studentId === null).map((r) => r.lessonId),
      cells: cells.underReview.filter((r): r is { lessonId: string; studentId: string } => r.studentId !== null),
    },
  };
}
