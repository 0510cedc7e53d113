import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import {
  admit, insertPeriod, insertStaff, insertStudent, insertYear, makeClass, makeSubgroup, makeSubject, rowsOf,
} from '../../../../tests/factories/structure.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/testApp.ts';
import * as enrolment from '../enrolment/service.ts';
import { studentIdsEnrolledOn } from '../../roster/classStays.ts';
import * as classService from './classService.ts';
import * as groups from './groupService.ts';
import * as load from './loadService.ts';
import { copyClassesToYear, copyGroupsAndLoadToYear } from './service.ts';

let t: TestContext;
const db = () => t.database.db;

beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('year rollover', () => {
  it('moves classes up a grade, promotes and graduates students, and carries groups, members and load over', async () => {
    const schoolId = (await createSchool(db())).school.id;
    const [from, to] = [await insertYear(db(), schoolId, { startYear: 2024 }), await insertYear(db(), schoolId, { startYear: 2025 })];
    const [p1, p2] = [await insertPeriod(db(), schoolId, from.id, '2024-09-01', '2024-12-28'), await insertPeriod(db(), schoolId, from.id, '2025-01-09', '2025-05-25')];
    const q1 = await insertPeriod(db(), schoolId, to.id, '2025-09-01', '2025-12-28');
    const teacher = await insertStaff(db(), schoolId);
    const { row: a5 } = await classService.createClass(db(), schoolId, {
      academicYearId: from.id, grade: 5, letter: 'А', classTeacherId: teacher.id, masterId: null, shift: 2,
    });
    const [b9, a11] = [await makeClass(db(), schoolId, from.id, 9, 'Б'), await makeClass(db(), schoolId, from.id, 11, 'А')];
    const [s1, s2, s3, s4] = [await insertStudent(db(), schoolId), await insertStudent(db(), schoolId), await insertStudent(db(), schoolId), await insertStudent(db(), schoolId)];
    await admit(db(), schoolId, s1.id, a5.id);
    await admit(db(), schoolId, s2.id, a5.id);
    await admit(db(), schoolId, s3.id, a11.id);
    const gone = await admit(db(), schoolId, s4.id, b9.id);
    await enrolment.expel(db(), schoolId, gone.id, { on: '2024-12-01', orderNumber: '9-о', orderDate: '2024-11-29', reason: 'Переезд' });
    const english = await makeSubgroup(db(), schoolId, from.id, a5.id, '5А англ. 1');
    const physics = await makeSubgroup(db(), schoolId, from.id, a11.id, '11А физ. 1');
    const chess = await groups.createGroup(db(), schoolId, { academicYearId: from.id, name: 'Шахматы', kind: 'extracurricular', classId: null });
    await groups.addMember(db(), schoolId, english.id, { studentId: s1.id, startsOn: '2024-09-01' });
    const left = await groups.addMember(db(), schoolId, english.id, { studentId: s2.id, startsOn: '2024-09-01' });
    await groups.endMember(db(), schoolId, english.id, left.memberId!, { endsOn: '2024-10-01' });
    await groups.addMember(db(), schoolId, physics.id, { studentId: s3.id, startsOn: '2024-09-01' });
    await groups.addMember(db(), schoolId, chess.id, { studentId: s1.id, startsOn: '2024-09-10' });
    await groups.addMember(db(), schoolId, chess.id, { studentId: s3.id, startsOn: '2024-09-10' });
    const [math, lang, tech, game] = [await makeSubject(db(), schoolId), await makeSubject(db(), schoolId), await makeSubject(db(), schoolId), await makeSubject(db(), schoolId)];
    const give = (groupId: string, subjectId: string, periodId: string | null = null) =>
      load.createAssignment(db(), schoolId, { staffId: teacher.id, groupId, subjectId, periodId, hoursPerWeek: 2 });
    await give(a5.groupId!, math.id);
    await give(english.id, lang.id);
    await give(a5.groupId!, tech.id, p1.id);
    await give(a5.groupId!, tech.id, p2.id);
    await give(a11.groupId!, math.id);
    await give(physics.id, lang.id);
    await give(chess.id, game.id);
    await load.createCurriculum(db(), schoolId, { academicYearId: from.id, grade: 5, subjectId: math.id, hoursPerWeek: 5 });
    await load.createCurriculum(db(), schoolId, { academicYearId: from.id, grade: 11, subjectId: math.id, hoursPerWeek: 4 });

    const result = await db().transaction(async (tx) => {
      const classes = await copyClassesToYear(tx, schoolId, from.id, to.id, 11);
      const promotion = await enrolment.promoteStudents(tx, schoolId, {
        classIds: classes.classIds, graduatingClassIds: classes.graduatingClassIds,
        lastDay: '2025-08-31', firstDay: '2025-09-01', orderNumber: '150-п', orderDate: '2025-05-30',
      });
      const copied = await copyGroupsAndLoadToYear(tx, schoolId, from.id, to.id, {
        classIds: classes.classIds, periodIds: new Map([[p1.id, q1.id]]), excludeStudentIds: promotion.graduatedStudentIds, startsOn: '2025-09-01',
      });
      return { classes, promotion, copied };
    });

    expect(result.classes.classes).toBe(2);
    expect(result.classes.graduatingClassIds).toEqual([a11.id]);
    expect(result.promotion).toEqual({ promoted: 2, graduated: 1, graduatedStudentIds: [s3.id] });
    expect(result.copied).toEqual({ groups: 2, members: 2, assignments: 4, curriculum: 2 });

    const a6 = result.classes.classIds.get(a5.id)!;
    const newClasses = (await rowsOf(db(), 'classes', schoolId)).filter((c) => c.academicYearId === to.id);
    expect(newClasses.map((c) => `${c.grade}${c.letter}`).sort()).toEqual(['10Б', '6А']);
    expect(newClasses.find((c) => c.id === a6)).toMatchObject({ classTeacherId: teacher.id, shift: 2 });
    const newGroups = (await rowsOf(db(), 'teachingGroups', schoolId)).filter((g) => g.academicYearId === to.id);
    expect(newGroups.map((g) => `${g.kind}:${g.name}`).sort()).toEqual(['class:10Б', 'class:6А', 'extracurricular:Шахматы', 'subgroup:6А англ. 1']);
    const english6 = newGroups.find((g) => g.name === '6А англ. 1')!;
    expect(english6.classId).toBe(a6);

    const stays = await rowsOf(db(), 'enrolments', schoolId);
    const ofS1 = stays.filter((s) => s.studentId === s1.id).sort((x, y) => x.startsOn.localeCompare(y.startsOn));
    expect(ofS1.map((s) => [s.classId, s.startsOn, s.endsOn, s.startEvent, s.endEvent])).toEqual([
      [a5.id, '2024-09-01', '2025-08-31', 'admitted', 'promoted'],
      [a6, '2025-09-01', null, 'promoted', null],
    ]);
    expect(ofS1[1]).toMatchObject({ startOrderNumber: '150-п', startOrderDate: '2025-05-30' });
    expect(stays.find((s) => s.studentId === s3.id)).toMatchObject({ endsOn: '2025-08-31', endEvent: 'graduated', endOrderNumber: '150-п' });
    expect(stays.filter((s) => s.studentId === s4.id).map((s) => s.endEvent)).toEqual(['expelled']);
    expect(await studentIdsEnrolledOn(db(), schoolId, [a6], '2025-09-01')).toHaveLength(2);

    const members = await rowsOf(db(), 'groupMembers', schoolId);
    const newMembers = members.filter((m) => newGroups.some((g) => g.id === m.groupId));
    expect(newMembers.map((m) => [m.groupId === english6.id ? 'english' : 'chess', m.studentId, m.startsOn, m.endsOn]).sort()).toEqual([
      ['chess', s1.id, '2025-09-01', null],
      ['english', s1.id, '2025-09-01', null],
    ]);
    const oldOpen = members.filter((m) => !newGroups.some((g) => g.id === m.groupId) && m.endsOn === null);
    expect(oldOpen).toEqual([]);
    expect(members.find((m) => m.id === left.memberId)?.endsOn).toBe('2024-10-01');

    const newLoad = (await rowsOf(db(), 'assignments', schoolId)).filter((a) => a.academicYearId === to.id);
    const a6Group = newGroups.find((g) => g.classId === a6 && g.kind === 'class')!.id;
    expect(newLoad.map((a) => [a.groupId, a.subjectId, a.periodId]).sort()).toEqual([
      [a6Group, math.id, null], [english6.id, lang.id, null], [a6Group, tech.id, q1.id], [newGroups.find((g) => g.name === 'Шахматы')!.id, game.id, null],
    ].sort());
    const plan = (await rowsOf(db(), 'curriculumHours', schoolId)).filter((c) => c.academicYearId === to.id);
    expect(plan.map((c) => [c.grade, c.hoursPerWeek]).sort()).toEqual([[11, 4], [5, 5]]);
  });

  it('keeps a college group\'s code as it moves up a course and does nothing for an empty year', async () => {
    const schoolId = (await createSchool(db(), 'college')).school.id;
    const [from, to] = [await insertYear(db(), schoolId, { startYear: 2024 }), await insertYear(db(), schoolId, { startYear: 2025 })];
    const group = await makeClass(db(), schoolId, from.id, 1, 'ТМ-24');
    const sub = await makeSubgroup(db(), schoolId, from.id, group.id, 'ТМ-24 подгр. 1');
    await makeClass(db(), schoolId, from.id, 4, 'ТМ-21');
    const result = await db().transaction(async (tx) => {
      const classes = await copyClassesToYear(tx, schoolId, from.id, to.id, 4);
      const copied = await copyGroupsAndLoadToYear(tx, schoolId, from.id, to.id, {
        classIds: classes.classIds, periodIds: new Map(), excludeStudentIds: [], startsOn: '2025-09-01',
      });
      const promotion = await enrolment.promoteStudents(tx, schoolId, {
        classIds: classes.classIds, graduatingClassIds: classes.graduatingClassIds, lastDay: '2025-06-30', firstDay: '2025-09-01', orderNumber: '1', orderDate: '2025-06-30',
      });
      return { classes, copied, promotion };
    });
    expect(result.classes.classes).toBe(1);
    expect(result.copied).toEqual({ groups: 1, members: 0, assignments: 0, curriculum: 0 });
    expect(result.promotion).toEqual({ promoted: 0, graduated: 0, graduatedStudentIds: [] });
    const moved = (await rowsOf(db(), 'teachingGroups', schoolId)).filter((g) => g.academicYearId === to.id).map((g) => g.name).sort();
    expect(moved).toEqual(['ТМ-24', 'ТМ-24 подгр. 1']);
    expect(sub.name).toBe('ТМ-24 подгр. 1');
    const empty = await insertYear(db(), schoolId, { startYear: 2030 });
    const none = await db().transaction((tx) => copyClassesToYear(tx, schoolId, empty.id, to.id, 4));
    expect(none).toEqual({ classIds: new Map(), graduatingClassIds: [], classes: 0 });
  });
});
