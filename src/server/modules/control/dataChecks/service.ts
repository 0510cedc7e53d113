import type { DataCheck, DataChecks } from '../../../../shared/contract/classroom.ts';
import { localDate } from '../../../../shared/domain/calendar.ts';
import { isDataCheckDue, nextDataCheckOn } from '../../../../shared/domain/dataCheck.ts';
import { shortName } from '../../../../shared/domain/person.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import type { Actor } from '../../../policy/policy.ts';
import { staffIdsOf } from '../../../roster/actor.ts';
import { getSchool } from '../../organisation/service.ts';
import { getClass } from '../../structure/service.ts';
import * as q from './queries.ts';

const SHOWN = 12;

const present = (r: q.CheckRow): DataCheck => ({
  id: r.id,
  checkedOn: r.checkedOn,
  checkedAt: r.checkedAt.toISOString(),
  checkedByName: r.lastName !== null ? shortName({ lastName: r.lastName, firstName: r.firstName ?? '', middleName: r.middleName }) : (r.accountName ?? ''),
});

/** Seed 001, 3.3: the class's latest checks of personal data and whether the next one is due. */
export async function dataChecks(db: Db, schoolId: string, classId: string, now: Date): Promise<DataChecks> {
  const [school] = await Promise.all([getSchool(db, schoolId), getClass(db, schoolId, classId)]);
  const today = localDate(now, school.timeZone);
  const items = (await q.latestChecks(db, schoolId, classId, SHOWN)).map(present);
  const last = items[0] ?? null;
  return { today, last, nextOn: last ? nextDataCheckOn(last.checkedOn) : null, due: isDataCheckDue(last?.checkedOn ?? null, today), items };
}

/**
 * The class teacher (or the administrator) marks the class's personal data as checked today:
 * one row, in one transaction, captured by the audit log.
 */
export async function markDataChecked(db: Db, actor: Actor, schoolId: string, classId: string, now: Date): Promise<DataChecks> {
  const [school, cls] = await Promise.all([getSchool(db, schoolId), getClass(db, schoolId, classId)]);
  const staffIds = staffIdsOf(actor, schoolId);
  const checkedBy = [cls.classTeacherId, cls.masterId].find((id) => id && staffIds.includes(id)) ?? null;
  await db.transaction((tx) => q.insertCheck(tx, {
    schoolId, id: newId(), classId, checkedOn: localDate(now, school.timeZone), checkedAt: now, checkedByUserId: actor.userId, checkedByStaffId: checkedBy,
  }));
  return dataChecks(db, schoolId, classId, now);
}
