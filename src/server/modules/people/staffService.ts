import type { StaffCreate, StaffUpdate } from '../../../shared/contract/people.ts';
import { todayUtc } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, found } from '../../errors.ts';
import * as q from './queries.ts';
import { staffNotFound } from './service.ts';

export type StaffListFilter = Omit<q.StaffFilter, 'today'>;

export const listStaff = (db: Db, schoolId: string, filter: StaffListFilter, cursor: string | undefined, limit: number) =>
  q.listStaff(db, schoolId, { ...filter, today: todayUtc() }, cursor, limit);

export const createStaff = (db: Db, schoolId: string, input: StaffCreate) =>
  db.transaction((tx) => q.insertStaff(tx, { schoolId, id: newId(), ...input }));

export const updateStaff = (db: Db, schoolId: string, id: string, patch: StaffUpdate) =>
  db.transaction(async (tx) => {
    const current = found(await q.lockStaff(tx, schoolId, id), staffNotFound);
    const hiredOn = patch.hiredOn === undefined ? current.hiredOn : patch.hiredOn;
    const dismissedOn = patch.dismissedOn === undefined ? current.dismissedOn : patch.dismissedOn;
    if (hiredOn && dismissedOn && dismissedOn < hiredOn) {
      throw badRequest('staff.dismissed_before_hired', 'Дата увольнения раньше даты приёма на работу', {
        [patch.dismissedOn === undefined ? 'hiredOn' : 'dismissedOn']:
          patch.dismissedOn === undefined ? 'Не позже даты увольнения' : 'Не раньше даты приёма на работу',
      });
    }
    return found(await q.updateStaff(tx, schoolId, id, patch), staffNotFound);
  });

/** Only a record nothing refers to; a person who worked here is dismissed instead (PATCH dismissedOn). */
export const deleteStaff = (db: Db, schoolId: string, id: string) =>
  db.transaction(async (tx) => {
    if (!(await q.deleteStaff(tx, schoolId, id))) throw staffNotFound();
  });
