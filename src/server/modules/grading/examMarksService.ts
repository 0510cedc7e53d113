import type { ExamMarkQuery, ExamMarkSet, ExamSubject } from '../../../shared/contract/exams.ts';
import { isYearWritable } from '../../../shared/domain/calendar.ts';
import { type ExamKind, hasExamMarks, suggestFinalMark } from '../../../shared/domain/exams.ts';
import type { FivePointValue, PeriodMarkLike } from '../../../shared/domain/grading.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, conflict } from '../../errors.ts';
import { groupStaysBetween } from '../../roster/groupStays.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import { getYear } from '../calendar/service.ts';
import { getSubject } from '../structure/catalogService.ts';
import { groupsByIds } from '../structure/service.ts';
import * as xq from './examQueries.ts';
import * as q from './periodMarkQueries.ts';
import { lockOf, resolveTarget } from './periodMarksService.ts';
import { presentExamMark } from './presenters.ts';
import type { Target } from './suggestions.ts';

// Exam (экзаменационная) and final (итоговая) marks, seed 002 §4.3.11: the year's marks of kind
// `exam` and `final` in period_marks, so versions, audit and locks are those of the year mark.

/** Whether the target's group has exam and final marks in its subject (src/shared/domain/exams.ts). */
async function examsHeld(db: Db, schoolId: string, t: Target): Promise<boolean> {
  const school = await getSchool(db, schoolId);
  const examSubject = await xq.isExamSubject(db, schoolId, t.group.id, t.subjectId);
  return hasExamMarks({ schoolKind: school.kind as 'general' | 'college', grade: t.group.grade, examSubject });
}

type Row = q.PeriodMarkRow;

/** Each student's year, exam and final mark, in one query. */
async function byStudent(db: Db, schoolId: string, t: Target, studentIds?: string[]) {
  const map = new Map<string, { year?: Row; exam?: Row; final?: Row }>();
  for (const row of await xq.yearKindMarks(db, schoolId, t.slot, studentIds)) {
    const entry = map.get(row.studentId) ?? {};
    entry[row.kind === 'period' ? 'year' : (row.kind as ExamKind)] = row;
    map.set(row.studentId, entry);
  }
  return map;
}

const finalOf = (marks: { year?: Row; exam?: Row } | undefined) =>
  suggestFinalMark((marks?.year?.value ?? null) as PeriodMarkLike | null, (marks?.exam?.value ?? null) as FivePointValue | null);

const notHeld = () => {
  const message = 'В этой группе по этому предмету нет экзамена: экзаменационные и итоговые отметки ставятся в 9 и 11 классах и по экзаменационным дисциплинам';
  return badRequest('exam_mark.not_held', message, { kind: message });
};

/** The sheet of exam and final marks of a group's subject in a year, with each student's year mark and suggested final mark. */
export async function examMarkSheet(db: Db, schoolId: string, input: ExamMarkQuery, now: Date) {
  const target = await resolveTarget(db, schoolId, { ...input, periodId: null }, false);
  const available = await examsHeld(db, schoolId, target);
  const closed = (await lockOf(db, schoolId, target, now)) !== null;
  const head = { groupId: target.group.id, subjectId: target.subjectId, academicYearId: target.year.id, available, closed };
  if (!available) return { ...head, items: [] };
  const [stays, marks] = await Promise.all([groupStaysBetween(db, schoolId, target.group.id, target.from, target.to), byStudent(db, schoolId, target)]);
  const ids = new Set([...stays.map((s) => s.studentId), ...marks.keys()]);
  const students = (await studentsByIds(db, schoolId, [...ids]))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || a.id.localeCompare(b.id));
  return {
    ...head,
    items: students.map((s) => {
      const m = marks.get(s.id);
      return {
        student: { id: s.id, lastName: s.lastName, firstName: s.firstName, middleName: s.middleName },
        yearMark: (m?.year?.value ?? null) as PeriodMarkLike | null,
        exam: m?.exam ? presentExamMark(m.exam) : null,
        final: m?.final ? presentExamMark(m.final) : null,
        suggestion: finalOf(m),
      };
    }),
  };
}

/**
 * The teacher sets (or changes) a student's exam or final mark: the year mark's rules (the subject's
 * teacher, a writable year, the version seen or 409). A final mark keeps its suggestion and why.
 */
export const setExamMark = (db: Db, schoolId: string, input: ExamMarkSet, authorUserId: string | null, now: Date) =>
  db.transaction(async (tx) => {
    const target = await resolveTarget(tx, schoolId, { ...input, periodId: null }, true);
    if (!(await examsHeld(tx, schoolId, target))) throw notHeld();
    const lock = await lockOf(tx, schoolId, target, now);
    if (lock) throw lock;
    // One after the other: a transaction is one connection, and it runs one statement at a time.
    const stays = await groupStaysBetween(tx, schoolId, target.group.id, target.from, target.to);
    const marks = await byStudent(tx, schoolId, target, [input.studentId]);
    if (!stays.some((s) => s.studentId === input.studentId) && !marks.has(input.studentId)) {
      const message = 'Обучающийся не учился в этой группе в этом учебном году';
      throw badRequest('period_mark.not_in_group', message, { studentId: message });
    }
    const suggestion = input.kind === 'final' ? finalOf(marks.get(input.studentId)) : null;
    const slot = { ...target.slot, kind: input.kind };
    const existing = await q.findForUpdate(tx, schoolId, slot, input.studentId);
    const fields = { value: input.value, suggested: suggestion?.value ?? null, explanation: suggestion?.explanation ?? '', authorUserId, updatedAt: now };
    if (!existing) return q.insertPeriodMark(tx, { id: newId(), schoolId, ...slot, studentId: input.studentId, ...fields, createdAt: now });
    const stale = () => new AppError('period_mark.stale', 409, 'Отметку уже изменили: проверьте текущее значение', undefined, presentExamMark(existing));
    if (input.version !== existing.version) throw stale();
    const updated = await q.updatePeriodMark(tx, schoolId, existing.id, existing.version, fields);
    if (!updated) throw stale();
    return updated;
  });

export const listExamSubjects = (db: Db, schoolId: string, filter: { academicYearId?: string; groupId?: string }) =>
  xq.listExamSubjects(db, schoolId, filter);

/** The administration sets or unsets an examination as the final control form of a group's subject (audited). */
export const setExamSubject = (db: Db, schoolId: string, input: ExamSubject, setBy: string | null) =>
  db.transaction(async (tx) => {
    const [group] = await groupsByIds(tx, schoolId, [input.groupId]);
    if (!group) throw badRequest('teaching_group.not_found', 'Группа не найдена', { groupId: 'Группа не найдена' });
    try {
      await getSubject(tx, schoolId, input.subjectId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw badRequest(error.code, error.message, { subjectId: error.message });
      throw error;
    }
    const year = await getYear(tx, schoolId, group.academicYearId);
    if (!isYearWritable(year.status)) throw conflict('academic_year.closed', 'Учебный год закрыт: экзамены не меняются');
    if (input.exam) await xq.insertExamSubject(tx, { schoolId, groupId: input.groupId, subjectId: input.subjectId, setBy });
    else await xq.deleteExamSubject(tx, schoolId, input.groupId, input.subjectId);
    return input;
  });
