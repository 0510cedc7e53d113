import type { AcademicYearCreate, AcademicYearUpdate } from '../../../shared/contract/calendar.ts';
import { YEAR_TRANSITIONS, type YearTransition } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { conflict, found } from '../../errors.ts';
import { lockSchool } from '../organisation/service.ts';
import * as bq from './bellQueries.ts';
import { assertYearFits, assertYearWritable, yearNotFound } from './guards.ts';
import * as q from './queries.ts';

export const listYears = q.listYears;

export const createYear = (db: Db, schoolId: string, input: AcademicYearCreate) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    assertYearFits(input, await q.allYears(tx, schoolId));
    return q.insertYear(tx, { id: newId(), schoolId, ...input, status: 'planning' });
  });

export const updateYear = (db: Db, schoolId: string, id: string, patch: AcademicYearUpdate) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const years = await q.allYears(tx, schoolId);
    const year = found(years.find((y) => y.id === id), yearNotFound);
    assertYearWritable(year);
    const next = { ...year, ...patch };
    assertYearFits(next, years);
    if (next.startsOn !== year.startsOn || next.endsOn !== year.endsOn) {
      await assertContentInside(tx, schoolId, next);
    }
    return found(await q.updateYear(tx, schoolId, id, patch), yearNotFound);
  });

/** New dates may not leave a period or holiday of the year outside it (409 on the date that moved too far). */
async function assertContentInside(tx: Db, schoolId: string, year: { id: string; startsOn: string; endsOn: string }) {
  const content = [...await q.periodsOfYear(tx, schoolId, year.id), ...await q.holidaysOfYear(tx, schoolId, year.id)];
  const fields: Record<string, string> = {};
  const earliest = content.reduce<string | undefined>((m, r) => (m === undefined || r.startsOn < m ? r.startsOn : m), undefined);
  const latest = content.reduce<string | undefined>((m, r) => (m === undefined || r.endsOn > m ? r.endsOn : m), undefined);
  if (earliest !== undefined && earliest < year.startsOn) fields.startsOn = `Не позже ${earliest}: с этого дня идут периоды или каникулы года`;
  if (latest !== undefined && latest > year.endsOn) fields.endsOn = `Не раньше ${latest}: до этого дня идут периоды или каникулы года`;
  if (Object.keys(fields).length > 0) {
    throw conflict('academic_year.content_outside', 'Периоды или каникулы года оказались бы за его пределами', fields);
  }
}

/** Only a year still being planned is deleted, with its periods, holidays and bell schedules. */
export const deleteYear = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const year = found(await q.findYear(tx, schoolId, id), yearNotFound);
    if (year.status !== 'planning') {
      throw conflict('academic_year.not_planning', 'Удалить можно только учебный год в статусе «планирование»');
    }
    await bq.deleteBellSchedulesOfYear(tx, schoolId, id);
    await q.deleteHolidaysOfYear(tx, schoolId, id);
    await q.deletePeriodsOfYear(tx, schoolId, id);
    await q.deleteYear(tx, schoolId, id);
  });

const STATUS_NAMES: Record<string, string> = {
  planning: 'планирование', open: 'открыт', closed: 'закрыт', archived: 'в архиве',
};

/** planning → open → closed → archived; one open year per school. */
export const transitionYear = (db: Db, schoolId: string, id: string, transition: YearTransition) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const years = await q.allYears(tx, schoolId);
    const year = found(years.find((y) => y.id === id), yearNotFound);
    const { from, to } = YEAR_TRANSITIONS[transition];
    if (year.status !== from) {
      throw conflict('academic_year.bad_transition',
        `Учебный год в статусе «${STATUS_NAMES[year.status] ?? year.status}», а нужен «${STATUS_NAMES[from]}»`,
        { status: `Ожидался статус «${STATUS_NAMES[from]}»` });
    }
    const open = years.find((y) => y.status === 'open' && y.id !== id);
    if (to === 'open' && open) {
      throw conflict('academic_year.already_open', `Уже открыт учебный год «${open.name}»: сначала закройте его`);
    }
    return found(await q.updateYear(tx, schoolId, id, { status: to }), yearNotFound);
  });
