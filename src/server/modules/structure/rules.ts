import type { SchoolKind } from '../../../shared/contract/enums.ts';
import type { Db } from '../../db/client.ts';
import { badRequest, conflict, referenced } from '../../errors.ts';
import { getYear } from '../calendar/service.ts';
import { getSchool } from '../organisation/service.ts';
import { staffMember } from '../../roster/people.ts';

/** The year a write goes into: known in this school and neither closed nor archived. */
export async function writableYear(db: Db, schoolId: string, yearId: string, field = 'academicYearId') {
  const year = await referenced(getYear(db, schoolId, yearId), field);
  if (year.status === 'closed' || year.status === 'archived') {
    throw conflict('year.closed', 'Учебный год закрыт, изменения невозможны', { [field]: 'Учебный год закрыт' });
  }
  return year;
}

/** A teacher being given a class or a load: staff of this school who has not been dismissed. */
export async function activeStaff(db: Db, schoolId: string, staffId: string, field: string) {
  const person = await staffMember(db, schoolId, staffId);
  if (!person) throw badRequest('staff.not_found', 'Сотрудник не найден', { [field]: 'Сотрудник не найден' });
  if (person.dismissedOn !== null) throw badRequest('staff.dismissed', 'Сотрудник уволен', { [field]: 'Сотрудник уволен' });
  return person;
}

export const schoolKind = async (db: Db, schoolId: string): Promise<SchoolKind> => (await getSchool(db, schoolId)).kind as SchoolKind;

/** «5А» in a school; in a college the group code held in `letter` («ТМ-21»). */
export const classDisplayName = (kind: SchoolKind, grade: number, letter: string) =>
  kind === 'college' ? letter : `${grade}${letter}`;

export const outsideYear = (field: string) =>
  badRequest('date.outside_year', 'Дата вне учебного года', { [field]: 'Дата вне учебного года' });
