import type { AcceptConfirm } from '../../../shared/contract/grading.ts';
import { ACCEPT_UNDO_MINUTES, acceptDeadline, type AcceptLine, notAssessedAcceptable, planAccept } from '../../../shared/domain/acceptSuggestions.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { PeriodMarkValue } from '../../../shared/contract/enums.ts';
import type { Explanation, PeriodMarkLike } from '../../../shared/domain/grading.ts';
import type { Db } from '../../db/client.ts';
import type { AcceptedItem } from '../../db/schema/grading.ts';
import { newId } from '../../db/ids.ts';
import { AppError, conflict, found, notFound } from '../../errors.ts';
import { assertCanUndoAccept } from '../../policy/grading.ts';
import type { Actor } from '../../policy/policy.ts';
import { setAuditReason } from '../audit/service.ts';
import { getSchool } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';
import * as aq from './acceptQueries.ts';
import * as q from './periodMarkQueries.ts';
import { lockOf, resolveTarget } from './periodMarksService.ts';
import { currentPolicy } from './policyService.ts';
import { linesOf, type Target } from './suggestions.ts';

export const UNDO_REASON = 'Отмена «Принять предложенные»';

type TargetInput = { groupId: string; subjectId: string; periodId?: string | null; academicYearId?: string };

/** The plan of one click on a sheet, with the lines it reads (under the caller's locks, in a transaction). */
async function planOf(db: Db, schoolId: string, target: Target, existing: q.PeriodMarkRow[], now: Date) {
  const policy = await currentPolicy(db, schoolId);
  const lines = await linesOf(db, schoolId, target, policy, now);
  const school = await getSchool(db, schoolId);
  const today = localDate(now, school.timeZone);
  const marks = new Map(existing.map((m) => [m.studentId, m]));
  const input: (AcceptLine & { reason: Explanation; explanation: string })[] = [...lines.roster].map((id) => {
    const s = lines.suggestions.get(id)!;
    const m = marks.get(id);
    return {
      studentId: id, suggestion: s.value as PeriodMarkLike, reason: s.reason, explanation: s.explanation,
      current: m ? { value: m.value, suggested: m.suggested, version: m.version } : null,
    };
  });
  const deadlinePassed = notAssessedAcceptable(target.to, today);
  return { policy, marks, deadline: acceptDeadline(target.to), deadlinePassed, ...planAccept(input, deadlinePassed) };
}

/** «Принять предложенные», step one: every mark the click would set, nothing written. */
export async function acceptPreview(db: Db, schoolId: string, input: TargetInput, now: Date) {
  const target = await resolveTarget(db, schoolId, input, false);
  const lock = await lockOf(db, schoolId, target, now);
  if (lock) throw lock;
  const plan = await planOf(db, schoolId, target, await q.marksOfSlot(db, schoolId, target.slot), now);
  const students = new Map((await studentsByIds(db, schoolId, plan.take.map((l) => l.studentId))).map((s) => [s.id, s]));
  const items = plan.take.map((l) => {
    const s = students.get(l.studentId)!;
    return {
      student: { id: s.id, lastName: s.lastName, firstName: s.firstName, middleName: s.middleName },
      current: l.current && { value: l.current.value as PeriodMarkValue, version: l.current.version },
      value: l.suggestion,
      reason: l.reason,
    };
  }).sort((a, b) => a.student.lastName.localeCompare(b.student.lastName, 'ru') || a.student.firstName.localeCompare(b.student.firstName, 'ru')
    || a.student.id.localeCompare(b.student.id));
  return {
    groupId: target.group.id, subjectId: target.subjectId, periodId: target.period?.id ?? null, academicYearId: target.year.id,
    deadline: plan.deadline, deadlinePassed: plan.deadlinePassed, items, leftOutNotAssessed: plan.leftOutNotAssessed.length,
  };
}

const previewStale = (fields: Record<string, string>) =>
  new AppError('period_mark.preview_stale', 409, 'Предложенные отметки изменились: откройте список заново и проверьте его', fields);

/**
 * Step two: the teacher confirms exactly what the preview showed. The preview is made again under
 * locks on the sheet's marks; anything different (a suggestion changed, a mark set meanwhile, a
 * student more or less) refuses the whole batch with 409, nothing written. The batch is kept for
 * its undo.
 */
export const acceptConfirm = (db: Db, schoolId: string, input: AcceptConfirm, authorUserId: string, now: Date) =>
  db.transaction(async (tx) => {
    const target = await resolveTarget(tx, schoolId, input, true);
    const lock = await lockOf(tx, schoolId, target, now);
    if (lock) throw lock;
    const plan = await planOf(tx, schoolId, target, await aq.slotMarksForUpdate(tx, schoolId, target.slot), now);
    const planned = new Map(plan.take.map((l) => [l.studentId, l]));
    const fields: Record<string, string> = {};
    input.items.forEach((item, i) => {
      const line = planned.get(item.studentId);
      if (!line) fields[`items.${i}.studentId`] = 'Этой отметки больше нет среди предложенных';
      else if (line.suggestion !== item.value) fields[`items.${i}.value`] = 'Предложение изменилось';
      else if ((line.current?.version ?? undefined) !== item.version) fields[`items.${i}.version`] = 'Отметку уже изменили';
    });
    if (plan.take.length !== input.items.length && Object.keys(fields).length === 0) fields.items = 'Появились новые предложенные отметки';
    if (Object.keys(fields).length > 0) throw previewStale(fields);

    const common = { policyVersion: plan.policy.version === 0 ? null : plan.policy.version, authorUserId, updatedAt: now };
    const fresh = plan.take.filter((l) => l.current === null);
    const changed = plan.take.filter((l) => l.current !== null);
    const inserted = await q.insertPeriodMarks(tx, fresh.map((l) => ({
      id: newId(), schoolId, ...target.slot, studentId: l.studentId, value: l.suggestion, suggested: l.suggestion,
      explanation: l.explanation, reason: l.reason, ...common, createdAt: now,
    })));
    const updated = await q.updatePeriodMarks(tx, schoolId, changed.map((l) => ({
      id: plan.marks.get(l.studentId)!.id, version: l.current!.version, value: l.suggestion, suggested: l.suggestion,
      explanation: l.explanation, reason: l.reason,
    })), common);
    if (inserted.length !== fresh.length || updated.length !== changed.length) throw previewStale({});
    const rows = [...inserted, ...updated];
    const items: AcceptedItem[] = rows.map((row) => {
      const was = plan.marks.get(row.studentId);
      return {
        studentId: row.studentId, markId: row.id, versionAfter: row.version,
        before: was ? {
          value: was.value, suggested: was.suggested, explanation: was.explanation, reason: was.reason ?? null,
          policyVersion: was.policyVersion, authorUserId: was.authorUserId, updatedAt: was.updatedAt.toISOString(),
        } : null,
      };
    });
    const batch = await aq.insertAccept(tx, {
      id: newId(), schoolId, ...target.slot, authorUserId, createdAt: now, undoUntil: new Date(now.getTime() + ACCEPT_UNDO_MINUTES * 60_000), items,
    });
    const order = new Map(input.items.map((item, i) => [item.studentId, i]));
    return { batch, rows: rows.sort((a, b) => order.get(a.studentId)! - order.get(b.studentId)!) };
  });

const acceptNotFound = () => notFound('period_mark_accept', 'Такого принятия предложенных отметок нет');

/**
 * «Отменить»: puts back what one batch changed, as new versions (a mark that did not exist is
 * removed; the audit log keeps every state), with the reason in the audit. Only its teacher, only
 * the sheet's latest batch, within ACCEPT_UNDO_MINUTES, and only if none of its marks changed since.
 */
export const undoAccept = (db: Db, actor: Actor | null, schoolId: string, batchId: string, now: Date) =>
  db.transaction(async (tx) => {
    const batch = found(await aq.findAcceptForUpdate(tx, schoolId, batchId), acceptNotFound);
    await assertCanUndoAccept(tx, actor, schoolId, batch);
    if (batch.undoneAt) throw conflict('period_mark.undo_done', 'Это принятие уже отменено');
    if (now >= batch.undoUntil) {
      throw conflict('period_mark.undo_expired', `Отменить принятие можно только в течение ${ACCEPT_UNDO_MINUTES} минут`);
    }
    if (await aq.laterAcceptExists(tx, schoolId, batch)) {
      throw conflict('period_mark.undo_not_latest', 'Отменить можно только последнее принятие предложенных отметок в этой ведомости');
    }
    const target = await resolveTarget(tx, schoolId, batch, false);
    const lock = await lockOf(tx, schoolId, target, now);
    if (lock) throw lock;
    const current = new Map((await aq.marksByIdsForUpdate(tx, schoolId, batch.items.map((i) => i.markId))).map((m) => [m.id, m]));
    const changed: Record<string, string> = {};
    batch.items.forEach((item, i) => {
      if (current.get(item.markId)?.version !== item.versionAfter) changed[`items.${i}.studentId`] = 'Отметку изменили после принятия';
    });
    if (Object.keys(changed).length > 0) {
      throw conflict('period_mark.undo_changed', 'Часть отметок уже изменили после принятия: отмените их вручную', changed);
    }
    await setAuditReason(tx, UNDO_REASON);
    const restored = await aq.restoreMarks(tx, schoolId, batch.items.filter((i) => i.before !== null).map((i) => ({
      id: i.markId, version: i.versionAfter, ...i.before!,
    })));
    const removed = await aq.removeMarks(tx, schoolId, batch.items.filter((i) => i.before === null).map((i) => ({ id: i.markId, version: i.versionAfter })));
    await aq.markUndone(tx, schoolId, batch.id, now);
    return { restored, removed: removed.map((r) => r.studentId), studentIds: batch.items.map((i) => i.studentId) };
  });
