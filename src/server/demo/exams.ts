/**
 * Exam marks and examined disciplines of the demo (seed 002, 4.3.11), so the exam and final columns
 * can be seen: the first grade-9 class has sat a trial exam in Russian (its экзаменационная отметка),
 * and in a college every group's Russian and mathematics end with an examination.
 */
import { addDays } from '../../shared/domain/calendar.ts';
import { type JournalCtx, moscow } from './lessons.ts';
import type { Stay } from './marks.ts';

const EXAMINED = ['Русский язык', 'Математика'];

export function addExams(ctx: JournalCtx, stays: Map<string, Stay[]>): void {
  const { rows, rng, schoolId, today } = ctx;
  const college = rows.schools[0]!.kind === 'college';
  const subjectIds = new Set(rows.subjects.filter((s) => EXAMINED.includes(s.name)).map((s) => s.id));
  const classGroups = rows.teachingGroups.filter((g) => g.kind === 'class');
  if (college) {
    const examined = rows.assignments.filter((a) => subjectIds.has(a.subjectId) && classGroups.some((g) => g.id === a.groupId));
    const seen = new Set<string>();
    for (const a of examined) {
      const key = `${a.groupId}|${a.subjectId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.examSubjects.push({ schoolId, groupId: a.groupId, subjectId: a.subjectId, setBy: null, createdAt: new Date(moscow(addDays(today, -60), '10:00')) });
    }
    return;
  }
  const ninth = rows.classes.filter((c) => c.grade === 9).sort((a, b) => a.letter.localeCompare(b.letter, 'ru'))[0];
  const group = ninth && classGroups.find((g) => g.classId === ninth.id);
  const russian = rows.subjects.find((s) => s.name === 'Русский язык');
  const assignment = group && russian && rows.assignments.find((a) => a.groupId === group.id && a.subjectId === russian.id);
  if (!group || !assignment) return;
  const setAt = new Date(moscow(addDays(today, -1), '15:00'));
  const author = ctx.userOf.get(assignment.staffId) ?? null;
  for (const stay of stays.get(group.id) ?? []) {
    if (stay.endsOn !== null && stay.endsOn < today) continue;
    rows.periodMarks.push({
      schoolId, id: rng.id(), kind: 'exam', groupId: group.id, subjectId: assignment.subjectId, studentId: stay.studentId, periodId: null,
      academicYearId: ninth.academicYearId, value: String(rng.int(3, 5)), suggested: null, explanation: '', policyVersion: null,
      version: 1, authorUserId: author, createdAt: setAt, updatedAt: setAt,
    });
  }
}
