import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import * as q from './queries.ts';

type Promotion = {
  /** Old class id → the class of the next grade in the new year. */
  classIds: Map<string, string>;
  graduatingClassIds: string[];
  lastDay: string;
  firstDay: string;
  orderNumber: string;
  orderDate: string;
};

/**
 * Year rollover (the caller holds the transaction): open stays in the mapped classes end on
 * `lastDay` as promoted and reopen in the next grade on `firstDay`; open stays in graduating
 * classes end as graduated. Subgroup memberships move with the groups (structure's copy step).
 */
export async function promoteStudents(tx: Db, schoolId: string, p: Promotion) {
  const stays = await q.openStaysIn(tx, schoolId, [...p.classIds.keys(), ...p.graduatingClassIds]);
  const moving = stays.filter((s) => p.classIds.has(s.classId));
  const leaving = stays.filter((s) => !p.classIds.has(s.classId));
  const order = { endsOn: p.lastDay, endOrderNumber: p.orderNumber, endOrderDate: p.orderDate, endReason: null };
  await q.closeEnrolments(tx, schoolId, moving.map((s) => s.id), { ...order, endEvent: 'promoted' });
  await q.closeEnrolments(tx, schoolId, leaving.map((s) => s.id), { ...order, endEvent: 'graduated' });
  await q.insertEnrolments(tx, moving.map((s) => ({
    id: newId(), schoolId, studentId: s.studentId, classId: p.classIds.get(s.classId)!, startsOn: p.firstDay,
    startEvent: 'promoted', startOrderNumber: p.orderNumber, startOrderDate: p.orderDate,
  })));
  return { promoted: moving.length, graduated: leaving.length, graduatedStudentIds: leaving.map((s) => s.studentId) };
}
