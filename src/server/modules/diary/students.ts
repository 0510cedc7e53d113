import type { DiaryStudent } from '../../../shared/contract/diary.ts';
import { fullName, shortName } from '../../../shared/domain/person.ts';
import type { Db } from '../../db/client.ts';
import { diaryOwnersOf } from '../../policy/diary.ts';
import type { Actor } from '../../policy/policy.ts';
import { classesOn } from '../../roster/classStays.ts';
import { schoolNames } from '../organisation/service.ts';
import { studentsByIds } from '../people/service.ts';

/**
 * The diaries the actor may open (policy/diary.ts), across schools, with each student's name and
 * class today. A few queries per school the actor has such a role in (a family has one or two).
 */
export async function diaryStudents(db: Db, actor: Actor, today: string): Promise<DiaryStudent[]> {
  const owners = await diaryOwnersOf(db, actor);
  const schoolIds = [...new Set(owners.map((o) => o.schoolId))];
  const names = await schoolNames(db, schoolIds);
  const items: DiaryStudent[] = [];
  for (const schoolId of schoolIds) {
    const mine = owners.filter((o) => o.schoolId === schoolId);
    const ids = mine.map((o) => o.studentId);
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
        classId: stay?.classId ?? null,
        relation: mine.find((o) => o.studentId === s.id)!.relation,
      });
    }
  }
  return items.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'ru') || a.fullName.localeCompare(b.fullName, 'ru'));
}
