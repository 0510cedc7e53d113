import type { z } from 'zod';
import type { ZAdmission, ZExpulsion, ZGraduation, ZTransfer } from '../../../shared/contract/enrolment.ts';
import { addDays } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, conflict, found, notFound, referenced } from '../../errors.ts';
import { getYear } from '../calendar/service.ts';
import { lockSchool } from '../organisation/service.ts';
import { getStudent } from '../people/service.ts';
import { endSubgroupMemberships, getClass } from '../structure/service.ts';
import * as q from './queries.ts';

export const enrolmentNotFound = () => notFound('enrolment', 'Запись о зачислении не найдена');

export const getEnrolment = async (db: Db, schoolId: string, id: string) => found(await q.findEnrolment(db, schoolId, id), enrolmentNotFound);

/** The class's year, open for writes, and the check that a date lies inside it. */
async function yearOfClass(db: Db, schoolId: string, classId: string) {
  const cls = await getClass(db, schoolId, classId);
  const year = await getYear(db, schoolId, cls.academicYearId);
  if (year.status === 'closed' || year.status === 'archived') {
    throw conflict('year.closed', 'Учебный год класса закрыт, изменения невозможны');
  }
  return {
    cls,
    inside(date: string, field: string) {
      if (date < year.startsOn || date > year.endsOn) {
        throw badRequest('date.outside_year', 'Дата вне учебного года класса', { [field]: 'Дата вне учебного года класса' });
      }
    },
  };
}

async function checkNoOverlap(db: Db, schoolId: string, studentId: string, from: string, exceptId?: string) {
  if (await q.hasStayFrom(db, schoolId, studentId, from, exceptId)) {
    throw conflict('enrolment.overlap', 'Обучающийся в это время уже числится в классе', { studentId: 'Уже числится в классе' });
  }
}

async function openStay(db: Db, schoolId: string, id: string) {
  const stay = await getEnrolment(db, schoolId, id);
  if (stay.endsOn !== null) throw conflict('enrolment.closed', 'Пребывание в классе уже завершено');
  return stay;
}

function notBeforeStart(stay: q.EnrolmentRow, on: string, strictly: boolean) {
  if (on < stay.startsOn || (strictly && on === stay.startsOn)) {
    throw badRequest('enrolment.before_start', 'Дата раньше зачисления в класс', { on: 'Позже даты зачисления' });
  }
}

/** Seed 004: the admin records admission (зачисление) by order. */
export const admit = (db: Db, schoolId: string, input: z.infer<typeof ZAdmission>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    await referenced(getStudent(tx, schoolId, input.studentId), 'studentId');
    const target = await referenced(yearOfClass(tx, schoolId, input.classId), 'classId');
    target.inside(input.startsOn, 'startsOn');
    await checkNoOverlap(tx, schoolId, input.studentId, input.startsOn);
    return q.insertEnrolment(tx, {
      id: newId(), schoolId, studentId: input.studentId, classId: input.classId, startsOn: input.startsOn,
      startEvent: 'admitted', startOrderNumber: input.orderNumber, startOrderDate: input.orderDate,
    });
  });

/** Seed 004: a transfer closes the stay the day before `on` and opens one in the new class on `on`. */
export const transfer = (db: Db, schoolId: string, id: string, input: z.infer<typeof ZTransfer>) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const stay = await openStay(tx, schoolId, id);
    notBeforeStart(stay, input.on, true);
    const lastDay = addDays(input.on, -1);
    (await yearOfClass(tx, schoolId, stay.classId)).inside(lastDay, 'on');
    const target = await referenced(yearOfClass(tx, schoolId, input.toClassId), 'toClassId');
    if (target.cls.id === stay.classId) throw badRequest('enrolment.same_class', 'Перевод в тот же класс', { toClassId: 'Другой класс' });
    target.inside(input.on, 'on');
    await checkNoOverlap(tx, schoolId, stay.studentId, input.on, stay.id);
    const order = { endOrderNumber: input.orderNumber, endOrderDate: input.orderDate };
    const closed = await q.closeEnrolment(tx, schoolId, stay.id, { endsOn: lastDay, endEvent: 'transferred', ...order, endReason: input.reason });
    await endSubgroupMemberships(tx, schoolId, stay.classId, [stay.studentId], lastDay);
    const opened = await q.insertEnrolment(tx, {
      id: newId(), schoolId, studentId: stay.studentId, classId: input.toClassId, startsOn: input.on,
      startEvent: 'transferred', startOrderNumber: input.orderNumber, startOrderDate: input.orderDate,
    });
    return { closed, opened };
  });

/** Expulsion and graduation end the stay on `on` itself. */
const leave = (event: 'expelled' | 'graduated') =>
  (db: Db, schoolId: string, id: string, input: z.infer<typeof ZExpulsion> | z.infer<typeof ZGraduation>) =>
    db.transaction(async (tx) => {
      await lockSchool(tx, schoolId);
      const stay = await openStay(tx, schoolId, id);
      notBeforeStart(stay, input.on, false);
      (await yearOfClass(tx, schoolId, stay.classId)).inside(input.on, 'on');
      const closed = await q.closeEnrolment(tx, schoolId, stay.id, {
        endsOn: input.on, endEvent: event, endOrderNumber: input.orderNumber, endOrderDate: input.orderDate,
        endReason: 'reason' in input ? input.reason : null,
      });
      await endSubgroupMemberships(tx, schoolId, stay.classId, [stay.studentId], input.on);
      return closed;
    });

export const expel = leave('expelled');
export const graduate = leave('graduated');

export { listEnrolments } from './queries.ts';
export { promoteStudents } from './promotion.ts';
