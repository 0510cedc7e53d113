import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { assignments, classes, curriculumHours, groupMembers, teachingGroups } from '../../db/schema/structure.ts';
import * as q from './rolloverQueries.ts';
import { addDays } from '../../../shared/domain/calendar.ts';
import { classDisplayName, schoolKind } from './rules.ts';

/**
 * Year rollover, step 1 (the caller holds the transaction): every class below `lastGrade` moves
 * up a grade into the new year with its letter, teachers, shift and whole-class group; the
 * classes of `lastGrade` are listed as graduating.
 */
export async function copyClassesToYear(tx: Db, schoolId: string, fromYearId: string, toYearId: string, lastGrade: number) {
  const kind = await schoolKind(tx, schoolId);
  const old = await q.classesOfYear(tx, schoolId, fromYearId);
  const classIds = new Map<string, string>();
  const graduatingClassIds: string[] = [];
  const rows: (typeof classes.$inferInsert)[] = [];
  for (const c of old) {
    if (c.grade >= lastGrade) {
      graduatingClassIds.push(c.id);
      continue;
    }
    const id = newId();
    classIds.set(c.id, id);
    rows.push({
      id, schoolId, academicYearId: toYearId, grade: c.grade + 1, letter: c.letter,
      classTeacherId: c.classTeacherId, masterId: c.masterId, shift: c.shift,
    });
  }
  await q.insertMany(tx, classes, rows);
  await q.insertMany(tx, teachingGroups, rows.map((c) => ({
    id: newId(), schoolId, academicYearId: toYearId, name: classDisplayName(kind, c.grade, c.letter), kind: 'class', classId: c.id,
  })));
  return { classIds, graduatingClassIds, classes: rows.length };
}

type GroupCopyOptions = {
  classIds: Map<string, string>;
  periodIds: Map<string, string>;
  excludeStudentIds: string[];
  startsOn: string;
};

/** «5А англ. 1» → «6А англ. 1» when the group is named after its class. */
const renamed = (name: string, oldClass: string | undefined, newClass: string | undefined) =>
  oldClass !== undefined && newClass !== undefined && name.startsWith(oldClass) ? newClass + name.slice(oldClass.length) : name;

/**
 * Year rollover, step 2: the other groups (subgroups follow their class; those of graduating
 * classes are dropped), their open memberships from `startsOn` (the old ones end the day before),
 * the teaching load and the curriculum.
 */
export async function copyGroupsAndLoadToYear(tx: Db, schoolId: string, fromYearId: string, toYearId: string, options: GroupCopyOptions) {
  const { classIds, periodIds, excludeStudentIds, startsOn } = options;
  const oldGroups = await q.groupsOfYear(tx, schoolId, fromYearId);
  const newGroups = await q.groupsOfYear(tx, schoolId, toYearId);
  const oldClassName = new Map(oldGroups.filter((g) => g.kind === 'class').map((g) => [g.classId!, g.name]));
  const newClassGroup = new Map(newGroups.filter((g) => g.kind === 'class').map((g) => [g.classId!, g]));

  const groupIds = new Map<string, string>();
  const groupRows: (typeof teachingGroups.$inferInsert)[] = [];
  for (const g of oldGroups) {
    if (g.kind === 'class') {
      const target = classIds.has(g.classId!) ? newClassGroup.get(classIds.get(g.classId!)!) : undefined;
      if (target) groupIds.set(g.id, target.id);
      continue;
    }
    const classId = g.classId ? classIds.get(g.classId) ?? null : null;
    if (g.kind === 'subgroup' && classId === null) continue;
    const id = newId();
    groupIds.set(g.id, id);
    const name = classId ? renamed(g.name, oldClassName.get(g.classId!), newClassGroup.get(classId)?.name) : g.name;
    groupRows.push({ id, schoolId, academicYearId: toYearId, name, kind: g.kind, classId });
  }
  await q.insertMany(tx, teachingGroups, groupRows);

  const copiedOld = oldGroups.filter((g) => g.kind !== 'class' && groupIds.has(g.id)).map((g) => g.id);
  const members = await q.openMembersOf(tx, schoolId, copiedOld, excludeStudentIds);
  const memberRows: (typeof groupMembers.$inferInsert)[] = members.map((m) => ({
    id: newId(), schoolId, groupId: groupIds.get(m.groupId)!, studentId: m.studentId, startsOn,
  }));
  await q.closeOpenMembers(tx, schoolId, oldGroups.filter((g) => g.kind !== 'class').map((g) => g.id), startsOn, addDays(startsOn, -1));
  await q.insertMany(tx, groupMembers, memberRows);

  const seen = new Set<string>();
  const assignmentRows: (typeof assignments.$inferInsert)[] = [];
  for (const a of await q.assignmentsOfYear(tx, schoolId, fromYearId)) {
    const groupId = groupIds.get(a.groupId);
    const periodId = a.periodId === null ? null : periodIds.get(a.periodId);
    const key = `${groupId}:${a.subjectId}:${a.staffId}:${periodId}`;
    if (!groupId || periodId === undefined || seen.has(key)) continue;
    seen.add(key);
    assignmentRows.push({
      id: newId(), schoolId, academicYearId: toYearId, staffId: a.staffId, groupId, subjectId: a.subjectId, periodId, hoursPerWeek: a.hoursPerWeek,
    });
  }
  await q.insertMany(tx, assignments, assignmentRows);

  const curriculumRows = (await q.curriculumOfYear(tx, schoolId, fromYearId)).map((c) => ({
    id: newId(), schoolId, academicYearId: toYearId, grade: c.grade, subjectId: c.subjectId, hoursPerWeek: c.hoursPerWeek,
  }));
  await q.insertMany(tx, curriculumHours, curriculumRows);

  return { groups: groupRows.length, members: memberRows.length, assignments: assignmentRows.length, curriculum: curriculumRows.length };
}
