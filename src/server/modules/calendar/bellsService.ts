import type { Bell, BellScheduleCreate, BellScheduleUpdate } from '../../../shared/contract/calendar.ts';
import { bellErrors } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import * as bq from './bellQueries.ts';
import type { BellRow, BellScheduleRow } from './bellQueries.ts';
import { assertYearWritable, bellScheduleNotFound, lockWritableYear, yearNotFound } from './guards.ts';
import * as q from './queries.ts';

export type BellScheduleWithBells = BellScheduleRow & { bells: BellRow[] };

/** Joins schedules to their bells fetched in one query. */
function withBells(schedules: BellScheduleRow[], bells: BellRow[]): BellScheduleWithBells[] {
  const byId = new Map(schedules.map((s) => [s.id, [] as BellRow[]]));
  for (const bell of bells) byId.get(bell.bellScheduleId)?.push(bell);
  return schedules.map((s) => ({ ...s, bells: byId.get(s.id) ?? [] }));
}

export async function listBellSchedules(
  db: Db, schoolId: string, filter: { academicYearId?: string }, cursor: string | undefined, limit: number,
) {
  const schedules = await bq.listBellSchedules(db, schoolId, filter, cursor, limit);
  return withBells(schedules, await bq.bellsOf(db, schoolId, schedules.map((s) => s.id)));
}

export async function getBellSchedule(db: Db, schoolId: string, id: string) {
  const schedule = found(await bq.findBellSchedule(db, schoolId, id), bellScheduleNotFound);
  return withBells([schedule], await bq.bellsOf(db, schoolId, [id]))[0]!;
}

function assertBells(bells: Bell[]) {
  const errors = bellErrors(bells);
  if (errors) throw badRequest('bell_schedule.bad_bells', 'Звонки пересекаются или идут не по порядку', errors);
}

async function assertNameFree(tx: Db, schoolId: string, academicYearId: string, name: string, exceptId: string) {
  const taken = (await bq.bellSchedulesOfYear(tx, schoolId, academicYearId)).some((s) => s.name === name && s.id !== exceptId);
  if (taken) throw conflict('conflict.duplicate', 'Такая запись уже есть', { name: 'Уже занято' });
}

const bellRows = (schoolId: string, bellScheduleId: string, bells: Bell[]) =>
  bells.map((b) => ({ schoolId, bellScheduleId, ...b }));

export const createBellSchedule = (db: Db, schoolId: string, input: BellScheduleCreate) =>
  db.transaction(async (tx) => {
    assertBells(input.bells);
    await lockWritableYear(tx, schoolId, input.academicYearId);
    const id = newId();
    await assertNameFree(tx, schoolId, input.academicYearId, input.name, id);
    if (input.isDefault) await bq.unsetOtherDefaults(tx, schoolId, input.academicYearId, id);
    const { bells, ...schedule } = input;
    const [row] = await bq.insertBellSchedules(tx, [{ id, schoolId, ...schedule }]);
    const inserted = await bq.insertBells(tx, bellRows(schoolId, id, bells));
    return withBells([row!], inserted.sort((a, b) => a.lessonNumber - b.lessonNumber))[0]!;
  });

/** `bells`, when given, replaces every bell of the schedule in the same transaction. */
export const updateBellSchedule = (db: Db, schoolId: string, id: string, patch: BellScheduleUpdate) =>
  db.transaction(async (tx) => {
    if (patch.bells) assertBells(patch.bells);
    const current = await lockSchedule(tx, schoolId, id);
    const { bells, ...fields } = patch;
    if (fields.name !== undefined) await assertNameFree(tx, schoolId, current.academicYearId, fields.name, id);
    if (fields.isDefault) await bq.unsetOtherDefaults(tx, schoolId, current.academicYearId, id);
    const row = Object.keys(fields).length > 0 ? found(await bq.updateBellSchedule(tx, schoolId, id, fields), bellScheduleNotFound) : current;
    if (bells) {
      await bq.deleteBellsOf(tx, schoolId, id);
      await bq.insertBells(tx, bellRows(schoolId, id, bells));
    }
    return withBells([row], await bq.bellsOf(tx, schoolId, [id]))[0]!;
  });

export const deleteBellSchedule = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await lockSchedule(tx, schoolId, id);
    await bq.deleteBellSchedule(tx, schoolId, id);
  });

async function lockSchedule(tx: Db, schoolId: string, id: string) {
  await lockSchool(tx, schoolId);
  const schedule = found(await bq.findBellSchedule(tx, schoolId, id), bellScheduleNotFound);
  assertYearWritable(found(await q.findYear(tx, schoolId, schedule.academicYearId), yearNotFound));
  return schedule;
}
