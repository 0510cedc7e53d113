import type { ClosurePreview, ReopeningCreate } from '../../../shared/contract/grading.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import { bandContains, rangeContainsDate } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { requestContext } from '../../db/requestContext.ts';
import { AppError, badRequest, conflict } from '../../errors.ts';
import { getPeriod, periodNotFound } from '../calendar/service.ts';
import { getSchool, lockSchool } from '../organisation/service.ts';
import { getSubject } from '../structure/catalogService.ts';
import { groupsByIds } from '../structure/service.ts';
import * as q from './closureQueries.ts';

export type ClosureState = { periodId: string; closure: q.ClosureRow | undefined; reopenings: q.ReopeningRow[] };

const HOUR_MS = 3_600_000;

export async function closureState(db: Db, schoolId: string, periodId: string, now: Date): Promise<ClosureState> {
  await getPeriod(db, schoolId, periodId);
  const closure = await q.findClosure(db, schoolId, periodId);
  return { periodId, closure, reopenings: closure ? await q.activeReopenings(db, schoolId, periodId, now) : [] };
}

/**
 * Before the confirmation of closing: whether the period has ended, and how many period marks,
 * topics and attendance takings its journal still lacks (school-local today).
 */
export async function closurePreview(db: Db, schoolId: string, periodId: string, now: Date): Promise<ClosurePreview> {
  const today = localDate(now, (await getSchool(db, schoolId)).timeZone);
  const counts = await q.openCounts(db, schoolId, periodId, today);
  if (!counts) throw periodNotFound();
  return {
    periodId,
    endsOn: counts.ends_on,
    ended: counts.ended,
    studentsWithoutMark: counts.students_without_mark,
    lessonsWithoutTopic: counts.lessons_without_topic,
    lessonsWithoutAttendance: counts.lessons_without_attendance,
  };
}

/** Seed 001, 4.4.1: after the period's final marks its journal is locked for teachers. */
export const closePeriod = (db: Db, schoolId: string, periodId: string, closedBy: string | null, now: Date) =>
  db.transaction(async (tx): Promise<ClosureState> => {
    await lockSchool(tx, schoolId);
    await getPeriod(tx, schoolId, periodId);
    const closure = await q.insertClosure(tx, { schoolId, periodId, closedBy, closedAt: now });
    if (!closure) throw conflict('period.already_closed', 'Учебный период уже закрыт');
    return { periodId, closure, reopenings: [] };
  });

/** The reason reaches the audit triggers through the request context, read when the transaction opens. */
function auditReason(reason: string) {
  const store = requestContext.getStore();
  if (store) store.reason = reason;
}

async function reopeningErrors(tx: Db, schoolId: string, period: Awaited<ReturnType<typeof getPeriod>>, input: ReopeningCreate) {
  const fields: Record<string, string> = {};
  const inside = `Дата внутри периода ${period.startsOn} – ${period.endsOn}`;
  if (!rangeContainsDate(period, input.fromDate)) fields.fromDate = inside;
  if (!rangeContainsDate(period, input.toDate)) fields.toDate = inside;
  else if (input.toDate < input.fromDate) fields.toDate = 'Не раньше даты начала';
  const [group] = await groupsByIds(tx, schoolId, [input.groupId]);
  if (!group) fields.groupId = 'Группа не найдена';
  else if (group.academicYearId !== period.academicYearId || (group.grade !== null && !bandContains(period, group.grade))) {
    fields.groupId = 'Группа не учится в этом периоде';
  }
  if (input.subjectId) {
    try {
      await getSubject(tx, schoolId, input.subjectId);
    } catch (error) {
      if (!(error instanceof AppError && error.status === 404)) throw error;
      fields.subjectId = 'Предмет не найден';
    }
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * The deputy opens a closed period's journal again for one group (and subject, or all its
 * subjects), for the lessons of a date range, with a reason, for a limited number of hours.
 */
export function reopenPeriod(db: Db, schoolId: string, periodId: string, input: ReopeningCreate, openedBy: string | null, now: Date) {
  auditReason(input.reason);
  return db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const period = await getPeriod(tx, schoolId, periodId);
    const fields = await reopeningErrors(tx, schoolId, period, input);
    if (fields) throw badRequest('period_reopening.invalid', 'Проверьте заполнение полей', fields);
    if (!(await q.findClosure(tx, schoolId, periodId))) throw conflict('period.not_closed', 'Учебный период не закрыт: открывать нечего');
    return q.insertReopening(tx, {
      id: newId(), schoolId, periodId, groupId: input.groupId, subjectId: input.subjectId ?? null,
      fromDate: input.fromDate, toDate: input.toDate, reason: input.reason, openedBy, openedAt: now,
      expiresAt: new Date(now.getTime() + input.hours * HOUR_MS),
    });
  });
}
