import type { ClassRoster } from '../../../shared/contract/classroom.ts';
import { localDate } from '../../../shared/domain/calendar.ts';
import type { Db } from '../../db/client.ts';
import { personIdsWithAccounts } from '../../roster/accounts.ts';
import { getSchool } from '../organisation/service.ts';
import { getClass } from '../structure/service.ts';
import { guardianLinks } from '../../roster/family.ts';
import { guardiansByIds, studentsByIds } from './lookups.ts';
import { presentLinkedGuardian, presentStudent } from './presenters.ts';
import { studentIdsEnrolledOn } from '../../roster/classStays.ts';

const byName = (a: { fullName: string; id: string }, b: { fullName: string; id: string }) =>
  a.fullName.localeCompare(b.fullName, 'ru') || a.id.localeCompare(b.id);

/**
 * Seed 004, 5.3 and 002, 4.3: the class teacher keeps the class list, its personal data and the
 * parents' contacts. The students in the class today with their guardians; five queries in all.
 */
export async function classRoster(db: Db, now: Date, schoolId: string, classId: string): Promise<ClassRoster> {
  await getClass(db, schoolId, classId);
  const today = localDate(now, (await getSchool(db, schoolId)).timeZone);
  const studentIds = await studentIdsEnrolledOn(db, schoolId, [classId], today);
  const [students, links] = await Promise.all([studentsByIds(db, schoolId, studentIds), guardianLinks(db, schoolId, { studentIds })]);
  const guardians = new Map((await guardiansByIds(db, schoolId, [...new Set(links.map((l) => l.guardianId))])).map((g) => [g.id, g]));
  const accounts = await personIdsWithAccounts(db, schoolId, [...studentIds, ...guardians.keys()]);
  return {
    items: students.map((s) => ({
      student: { ...presentStudent(s), hasAccount: accounts.has(s.id) },
      guardians: links.filter((l) => l.studentId === s.id && guardians.has(l.guardianId))
        .map((l) => ({ ...presentLinkedGuardian({ ...guardians.get(l.guardianId)!, relation: l.relation }), hasAccount: accounts.has(l.guardianId) }))
        .sort(byName),
    })).sort((a, b) => byName(a.student, b.student)),
  };
}
