import type { DiaryStudent } from '../../../shared/contract/diary.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../policy/policy.ts';
import { schoolNames } from '../organisation/service.ts';
import { guardianLinks, studentsByIds } from '../people/service.ts';
import { classesOn } from './marksQueries.ts';

/**
 * Whose diary the actor may open, across schools: themself as a student, their children as a
 * guardian. A few queries per school the actor has such a role in (a family has one or two).
 */
export async function diaryStudents(db: Db, actor: Actor, today: string): Promise<DiaryStudent[]> {
  const family = actor.roles.filter((r) => (r.role === 'student' || r.role === 'guardian') && r.personId);
  const schoolIds = [...new Set(family.map((r) => r.schoolId))];
  const names = await schoolNames(db, schoolIds);
  const items: DiaryStudent[] = [];
  for (const schoolId of schoolIds) {
    const own = family.filter((r) => r.schoolId === schoolId && r.role === 'student').map((r) => r.personId!);
    const guardianIds = family.filter((r) => r.schoolId === schoolId && r.role === 'guardian').map((r) => r.personId!);
    const children = (await guardianLinks(db, schoolId, { guardianIds })).map((l) => l.studentId);
    const ids = [...new Set([...own, ...children])];
    const [students, stays] = await Promise.all([studentsByIds(db, schoolId, ids), classesOn(db, schoolId, ids, today)]);
    for (const s of students) {
      const stay = stays.find((c) => c.studentId === s.id);
      items.push({
        schoolId,
        schoolName: names.get(schoolId) ?? '',
        studentId: s.id,
        fullName: fullName(s),
        shortName: shortName(s),
        className: stay ? `${stay.grade}${stay.letter}` : null,
        relation: own.includes(s.id) ? 'self' : 'child',
      });
    }
  }
  return items.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'ru') || a.fullName.localeCompare(b.fullName, 'ru'));
}
