import type { PeriodMarkBatch, PeriodMarkSet } from '../../../shared/contract/grading.ts';
import { addDays, bandContains, isYearWritable } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, conflict } from '../../errors.ts';
import { getPeriod, getYear } from '../calendar/service.ts';
import { studentsByIds } from '../people/service.ts';
import { getSubject } from '../structure/catalogService.ts';
import { groupsByIds } from '../structure/service.ts';
import { findClosure, groupReopened } from './closureQueries.ts';
import * as q from './periodMarkQueries.ts';
import { currentPolicy } from './policyService.ts';
import { undoableAccept } from './acceptQueries.ts';
import { presentAcceptBatch, presentPeriodMark } from './presenters.ts';
import { linesOf, type Target } from './suggestions.ts';
import { groupNotFound } from '../../policy/notFound.ts';

type TargetInput = { groupId: string; subjectId: string; periodId?: string | null; academicYearId?: string };

/**
 * Unknown ids answer 404 in a query (the sheet asked for does not exist) and 400 with the field in
 * a body (the mark names something that does not exist).
 */
async function lookup<T>(promise: Promise<T>, field: string, inBody: boolean): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (inBody && error instanceof AppError && error.status === 404) throw badRequest(error.code, error.message, { [field]: error.message });
    throw error;
  }
}

const mismatch = (field: string, message: string) => badRequest('period_mark.target_mismatch', message, { [field]: message });

export async function resolveTarget(db: Db, schoolId: string, input: TargetInput, inBody: boolean): Promise<Target> {
  const [group] = await groupsByIds(db, schoolId, [input.groupId]);
  if (!group) throw inBody ? badRequest('teaching_group.not_found', 'Группа не найдена', { groupId: 'Группа не найдена' }) : groupNotFound();
  await lookup(getSubject(db, schoolId, input.subjectId), 'subjectId', inBody);
  const period = input.periodId ? await lookup(getPeriod(db, schoolId, input.periodId), 'periodId', inBody) : null;
  if (period && input.academicYearId && input.academicYearId !== period.academicYearId) {
    throw mismatch('academicYearId', 'Период относится к другому учебному году');
  }
  const year = await lookup(getYear(db, schoolId, period?.academicYearId ?? input.academicYearId!), 'academicYearId', inBody);
  if (year.id !== group.academicYearId) throw mismatch(period ? 'periodId' : 'academicYearId', 'Группа учится в другом учебном году');
  if (period && group.grade !== null && !bandContains(period, group.grade)) throw mismatch('periodId', 'Этот период не для параллели группы');
  const slot = { groupId: group.id, subjectId: input.subjectId, periodId: period?.id ?? null, academicYearId: year.id };
  return { group, subjectId: input.subjectId, period, year, from: period?.startsOn ?? year.startsOn, to: period?.endsOn ?? year.endsOn, slot };
}

/** Whether the teacher may no longer set this mark: a closed year, or a closed period not reopened for the group. */
export async function lockOf(db: Db, schoolId: string, t: Target, now: Date): Promise<AppError | null> {
  if (!isYearWritable(t.year.status)) return conflict('academic_year.closed', 'Учебный год закрыт: итоговые отметки не меняются');
  if (!t.period || !(await findClosure(db, schoolId, t.period.id))) return null;
  if (await groupReopened(db, schoolId, t.period.id, t.group.id, t.subjectId, now)) return null;
  return conflict('journal.period_closed', 'Учебный период закрыт: изменения возможны только после открытия завучем');
}

/** The sheet of period (or year) marks of a group's subject: each student's suggestion, its explanation and the mark set. */
export async function periodMarkSheet(db: Db, schoolId: string, input: TargetInput, now: Date, readerUserId?: string) {
  const target = await resolveTarget(db, schoolId, input, false);
  const policy = await currentPolicy(db, schoolId);
  const lines = await linesOf(db, schoolId, target, policy, now);
  const students = (await studentsByIds(db, schoolId, [...lines.roster]))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || a.id.localeCompare(b.id));
  const locked = (await lockOf(db, schoolId, target, now)) !== null;
  const undoable = locked ? undefined : await undoableAccept(db, schoolId, target.slot, readerUserId, now);
  return {
    groupId: target.group.id,
    subjectId: target.subjectId,
    periodId: target.period?.id ?? null,
    academicYearId: target.year.id,
    policyVersion: policy.version,
    // seed 001, 5.3: final marks no later than two days before the period ends
    dueOn: target.period ? addDays(target.period.endsOn, -2) : null,
    closed: locked,
    undoable: undoable ? presentAcceptBatch(undoable) : null,
    items: students.map((s) => ({
      student: { id: s.id, lastName: s.lastName, firstName: s.firstName, middleName: s.middleName },
      suggestion: lines.suggestions.get(s.id)!,
      mark: lines.marks.has(s.id) ? presentPeriodMark(lines.marks.get(s.id)!) : null,
    })),
  };
}

/**
 * The teacher sets (or changes) a student's period or year mark. The suggestion, its explanation
 * and the policy version are stored with it; a stale version answers 409 with the current mark.
 * Setting it later than two days before the period ends is allowed and flagged by compliance
 * (it reads `updated_at`).
 */
export const setPeriodMark = (db: Db, schoolId: string, input: PeriodMarkSet, authorUserId: string | null, now: Date) =>
  db.transaction(async (tx) => {
    const target = await resolveTarget(tx, schoolId, input, true);
    const lock = await lockOf(tx, schoolId, target, now);
    if (lock) throw lock;
    const policy = await currentPolicy(tx, schoolId);
    const lines = await linesOf(tx, schoolId, target, policy, now, [input.studentId]);
    if (!lines.roster.has(input.studentId)) {
      const message = 'Обучающийся не учился в этой группе в этот период';
      throw badRequest('period_mark.not_in_group', message, { studentId: message });
    }
    const suggestion = lines.suggestions.get(input.studentId)!;
    const existing = await q.findForUpdate(tx, schoolId, target.slot, input.studentId);
    const fields = {
      value: input.value, suggested: suggestion.value, explanation: suggestion.explanation, reason: suggestion.reason,
      policyVersion: policy.version === 0 ? null : policy.version, authorUserId, updatedAt: now,
    };
    if (!existing) return q.insertPeriodMark(tx, { id: newId(), schoolId, ...target.slot, studentId: input.studentId, ...fields, createdAt: now });
    const stale = () => new AppError('period_mark.stale', 409, 'Отметку уже изменили: проверьте текущее значение', undefined, presentPeriodMark(existing));
    if (input.version !== existing.version) throw stale();
    const updated = await q.updatePeriodMark(tx, schoolId, existing.id, existing.version, fields);
    if (!updated) throw stale();
    return updated;
  });

const batchStale = (fields: Record<string, string>) =>
  new AppError('period_mark.stale', 409, 'Отметки уже изменили: обновите ведомость и проверьте текущие значения', fields);

/**
 * Several students' marks of one sheet in one transaction, all or none («Принять предложенные»):
 * the same rules as one mark, a fixed number of statements whatever the number of students.
 */
export const setPeriodMarks = (db: Db, schoolId: string, input: PeriodMarkBatch, authorUserId: string | null, now: Date) =>
  db.transaction(async (tx) => {
    const target = await resolveTarget(tx, schoolId, input, true);
    const lock = await lockOf(tx, schoolId, target, now);
    if (lock) throw lock;
    const policy = await currentPolicy(tx, schoolId);
    const ids = input.items.map((i) => i.studentId);
    const lines = await linesOf(tx, schoolId, target, policy, now, ids);
    const outside: Record<string, string> = {};
    input.items.forEach((item, i) => {
      if (!lines.roster.has(item.studentId)) outside[`items.${i}.studentId`] = 'Обучающийся не учился в этой группе в этот период';
    });
    if (Object.keys(outside).length > 0) throw badRequest('period_mark.not_in_group', 'Обучающийся не учился в этой группе в этот период', outside);
    const existing = new Map((await q.marksOfSlotForUpdate(tx, schoolId, target.slot, ids)).map((m) => [m.studentId, m]));
    const stale: Record<string, string> = {};
    input.items.forEach((item, i) => {
      const current = existing.get(item.studentId);
      if (current && item.version !== current.version) stale[`items.${i}.version`] = 'Отметку уже изменили';
    });
    if (Object.keys(stale).length > 0) throw batchStale(stale);
    const common = { policyVersion: policy.version === 0 ? null : policy.version, authorUserId, updatedAt: now };
    const suggestionOf = (studentId: string) => lines.suggestions.get(studentId)!;
    const fresh = input.items.filter((i) => !existing.has(i.studentId));
    const inserted = await q.insertPeriodMarks(tx, fresh.map((item) => ({
      id: newId(), schoolId, ...target.slot, studentId: item.studentId, value: item.value,
      suggested: suggestionOf(item.studentId).value, explanation: suggestionOf(item.studentId).explanation,
      reason: suggestionOf(item.studentId).reason, ...common, createdAt: now,
    })));
    const changed = input.items.filter((i) => existing.has(i.studentId));
    const updated = await q.updatePeriodMarks(tx, schoolId, changed.map((item) => ({
      id: existing.get(item.studentId)!.id, version: existing.get(item.studentId)!.version, value: item.value,
      suggested: suggestionOf(item.studentId).value, explanation: suggestionOf(item.studentId).explanation,
      reason: suggestionOf(item.studentId).reason,
    })), common);
    // Another writer got in between (a mark inserted meanwhile): nothing of this batch stays.
    if (inserted.length !== fresh.length || updated.length !== changed.length) throw batchStale({});
    const byStudent = new Map([...inserted, ...updated].map((m) => [m.studentId, m]));
    return input.items.map((item) => byStudent.get(item.studentId)!);
  });
