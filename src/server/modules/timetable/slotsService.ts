import { addDays, maxDate } from '../../../shared/domain/calendar.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { Regeneration, SlotCreate, SlotUpdate } from '../../../shared/contract/timetable.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, found, notFound } from '../../errors.ts';
import { getYear, type YearRow } from '../calendar/service.ts';
import { getSchool, lockSchool } from '../organisation/service.ts';
import { assignedStaffIds } from '../../roster/teaching.ts';
import { type GroupInfo, groupsByIds, roomNames } from '../structure/service.ts';
import { assertYearWritable, materialise } from './generation.ts';
import { presentSlot } from './presenters.ts';
import * as lessons from './queries.ts';
import * as q from './slotQueries.ts';

export const slotNotFound = () => notFound('timetable_slot', 'Урок расписания не найден');

export const getSlot = async (db: Db, schoolId: string, id: string) => found(await q.findSlot(db, schoolId, id), slotNotFound);

type Candidate = Omit<q.SlotInsert, 'id' | 'schoolId'>;

const clashMessages = { groupId: 'У группы уже есть урок в это время', staffId: 'У учителя уже есть урок в это время', roomId: 'Кабинет уже занят в это время' };

/**
 * The rules of a slot: its group's year is open or being planned and holds its dates, Saturday only
 * in a six-day week, the teacher is assigned the subject in the group, and no slot of the same
 * group, teacher or room meets it.
 */
async function checkSlot(tx: Db, schoolId: string, slot: Candidate, exceptId?: string): Promise<{ year: YearRow; group: GroupInfo }> {
  const [group] = await groupsByIds(tx, schoolId, [slot.groupId]);
  if (!group) throw badRequest('teaching_group.not_found', 'Группа не найдена', { groupId: 'Группа не найдена' });
  const year = await getYear(tx, schoolId, group.academicYearId);
  assertYearWritable(year);
  const fields: Record<string, string> = {};
  if (slot.validFrom < year.startsOn || slot.validFrom > year.endsOn) fields.validFrom = 'Внутри учебного года группы';
  if (slot.validTo < year.startsOn || slot.validTo > year.endsOn) fields.validTo = 'Внутри учебного года группы';
  if (slot.validFrom > slot.validTo) fields.validTo ??= 'Не раньше даты начала';
  if (slot.weekday === 6 && year.weekDays !== 6) fields.weekday = 'Суббота — только при шестидневной неделе';
  if (slot.roomId && !(await roomNames(tx, schoolId, [slot.roomId])).has(slot.roomId)) fields.roomId = 'Кабинет не найден';
  if (Object.keys(fields).length > 0) throw badRequest('validation.failed', 'Неверный урок расписания', fields);
  if ((await assignedStaffIds(tx, schoolId, [slot.staffId], slot.groupId, slot.subjectId)).length === 0) {
    throw badRequest('timetable_slot.not_assigned', 'Учитель не ведёт этот предмет в этой группе (нет нагрузки)', {
      staffId: 'Нет нагрузки по этому предмету в этой группе',
    });
  }
  const clash = await q.clashingSlot(tx, schoolId, slot, exceptId);
  if (clash) {
    const on = (['groupId', 'staffId', 'roomId'] as const).filter((k) => clash[k] !== null && clash[k] === slot[k]);
    throw new AppError('timetable_slot.clash', 409, 'Урок расписания пересекается с другим', Object.fromEntries(on.map((k) => [k, clashMessages[k]])), presentSlot(clash));
  }
  return { year, group };
}

/** The school's today: lessons of later days are "future" and follow the timetable. */
const todayOf = async (db: Db, schoolId: string, now: Date) => localDate(now, (await getSchool(db, schoolId)).timeZone);

/**
 * Seed 003, 1.4: a timetable change rewrites only the future. The slot's lessons after today that
 * nothing was written to are replaced by the new occurrences; past lessons and those holding a
 * topic, marks, attendance or homework stay as they are and are reported.
 */
async function regenerate(tx: Db, schoolId: string, slotId: string, today: string, next?: { slot: q.SlotRow; year: YearRow; group: GroupInfo }): Promise<Regeneration> {
  const removed = await lessons.deleteUntouchedAfter(tx, schoolId, slotId, today);
  const kept = await lessons.touchedAfter(tx, schoolId, slotId, today);
  const inserted = next
    ? await materialise(tx, schoolId, next.year, [next.group], [next.slot], maxDate(addDays(today, 1), next.year.startsOn), next.year.endsOn)
    : 0;
  return { inserted, removed, kept };
}

export const createSlot = (db: Db, schoolId: string, input: SlotCreate, now: Date) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const candidate = { ...input, roomId: input.roomId ?? null, weekParity: input.weekParity ?? null };
    const { year, group } = await checkSlot(tx, schoolId, candidate);
    const slot = await q.insertSlot(tx, { schoolId, id: newId(), ...candidate });
    return { slot, lessons: await regenerate(tx, schoolId, slot.id, await todayOf(tx, schoolId, now), { slot, year, group }) };
  });

export const updateSlot = (db: Db, schoolId: string, id: string, patch: SlotUpdate, now: Date) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const current = await getSlot(tx, schoolId, id);
    if (Object.keys(patch).length === 0) throw new AppError('validation.nothing_to_update', 400, 'Нет полей для изменения');
    // The year the slot lives in must still be open, whichever group it moves to.
    assertYearWritable(await getYear(tx, schoolId, (await groupsByIds(tx, schoolId, [current.groupId]))[0]!.academicYearId));
    const { year, group } = await checkSlot(tx, schoolId, { ...current, ...patch }, id);
    const slot = found(await q.updateSlot(tx, schoolId, id, patch), slotNotFound);
    return { slot, lessons: await regenerate(tx, schoolId, id, await todayOf(tx, schoolId, now), { slot, year, group }) };
  });

export const deleteSlot = (db: Db, schoolId: string, id: string, now: Date) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const current = await getSlot(tx, schoolId, id);
    assertYearWritable(await getYear(tx, schoolId, (await groupsByIds(tx, schoolId, [current.groupId]))[0]!.academicYearId));
    const report = await regenerate(tx, schoolId, id, await todayOf(tx, schoolId, now));
    await lessons.detachFromSlot(tx, schoolId, id);
    await q.deleteSlot(tx, schoolId, id);
    return report;
  });

export { listSlots } from './slotQueries.ts';
