import type { GroupKind, SchoolKind, SubjectKind } from '../../../shared/contract/enums.ts';
import type { Assignment, Class, CurriculumHours, Room, Subject, TeachingGroup } from '../../../shared/contract/structure.ts';
import type { RoomRow, SubjectRow } from './catalogQueries.ts';
import type { GroupRow } from './groupQueries.ts';
import type { AssignmentRow, CurriculumRow } from './loadQueries.ts';
import type { ClassWithGroup } from './queries.ts';
import { classDisplayName } from './rules.ts';

export const presentSubject = (s: SubjectRow): Subject => ({
  id: s.id, name: s.name, shortName: s.shortName, kind: s.kind as SubjectKind, code: s.code, parentId: s.parentId, archived: s.archived,
});

export const presentRoom = (r: RoomRow): Room => ({ id: r.id, name: r.name, capacity: r.capacity, note: r.note });

export const presentClass = (kind: SchoolKind) => (c: ClassWithGroup): Class => ({
  id: c.id,
  academicYearId: c.academicYearId,
  grade: c.grade,
  letter: c.letter,
  name: classDisplayName(kind, c.grade, c.letter),
  classTeacherId: c.classTeacherId,
  masterId: c.masterId,
  shift: c.shift,
  groupId: c.groupId,
});

export const presentGroup = (g: GroupRow): TeachingGroup => ({
  id: g.id, academicYearId: g.academicYearId, name: g.name, kind: g.kind as GroupKind, classId: g.classId,
});

export const presentAssignment = (a: AssignmentRow): Assignment => ({
  id: a.id, academicYearId: a.academicYearId, staffId: a.staffId, groupId: a.groupId, subjectId: a.subjectId, periodId: a.periodId, hoursPerWeek: a.hoursPerWeek,
});

export const presentCurriculum = (c: CurriculumRow): CurriculumHours => ({
  id: c.id, academicYearId: c.academicYearId, grade: c.grade, subjectId: c.subjectId, hoursPerWeek: c.hoursPerWeek,
});
