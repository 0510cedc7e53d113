import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoSchools } from '../../../../tests/factories/testSchools.ts';
import {
  admit, insertStaff, insertStudent, insertYear, makeClass, makeSubgroup, makeSubject, rowsOf, unknownId,
} from '../../../../tests/factories/structure.ts';
import * as load from './loadService.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext, schoolId: string, otherId: string, base: string, yearId: string;
const db = () => t.database.db;
const admin = () => schoolActor(schoolId, 'admin');
const snapshot = async () => ({ groups: await rowsOf(db(), 'teachingGroups', schoolId), members: await rowsOf(db(), 'groupMembers', schoolId) });
const ids = (res: { json(): { items: { studentId: string }[] } }) => res.json().items.map((m) => m.studentId).sort();

beforeAll(async () => {
  ({ t, schoolId, otherSchoolId: otherId, base } = await twoSchools());
  yearId = (await insertYear(db(), schoolId)).id;
});
afterAll(async () => { await t.close(); });

describe('teaching groups', () => {
  it('creates subgroups, a cross-class and an extracurricular group and filters them', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 5, 'А');
    const post = (body: object) => as(t.app, admin()).post(`${base}/teaching-groups`, { academicYearId: yearId, ...body });
    const sub = await post({ name: '5А англ. 1', kind: 'subgroup', classId: cls.id });
    expect(sub.statusCode).toBe(201);
    expect(sub.json()).toMatchObject({ kind: 'subgroup', classId: cls.id, academicYearId: yearId });
    expect((await post({ name: '5 профиль', kind: 'crossClass' })).json().classId).toBeNull();
    // seed 004: extracurricular and additional-education groups are kept in the journal too
    expect((await post({ name: 'Кружок «Робототехника»', kind: 'extracurricular' })).statusCode).toBe(201);
    expect((await post({ name: 'Хореография', kind: 'additional' })).statusCode).toBe(201);
    const ofClass = await as(t.app, admin()).get(`${base}/teaching-groups?classId=${cls.id}`);
    expect(ofClass.json().items.map((g: { kind: string }) => g.kind).sort()).toEqual(['class', 'subgroup']);
    const extra = await as(t.app, admin()).get(`${base}/teaching-groups?academicYearId=${yearId}&kind=extracurricular`);
    expect(extra.json().items.map((g: { name: string }) => g.name)).toEqual(['Кружок «Робототехника»']);
  });

  it('refuses a posted class group, a subgroup without a class or of another year\'s or school\'s class, and a duplicate', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 6, 'А');
    const nextYear = await insertYear(db(), schoolId, { startYear: 2025 });
    const later = await makeClass(db(), schoolId, nextYear.id, 7, 'А');
    const foreign = await makeClass(db(), otherId, (await insertYear(db(), otherId)).id, 6, 'А');
    await makeSubgroup(db(), schoolId, yearId, cls.id, '6А группа 1');
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/teaching-groups`, { academicYearId: yearId, name: '6А группа 2', ...body });
    expect((await post({ kind: 'class', classId: cls.id })).json().error.fields.kind).toBeDefined();
    expect((await post({ kind: 'subgroup' })).json().error).toMatchObject({ code: 'group.class_required', fields: { classId: 'Обязательное поле' } });
    const otherYear = await post({ kind: 'subgroup', classId: later.id });
    expect(otherYear.json().error).toMatchObject({ code: 'group.class_other_year', fields: { classId: 'Класс другого учебного года' } });
    expect((await post({ kind: 'subgroup', classId: foreign.id })).json().error.fields.classId).toBeDefined();
    expect((await post({ kind: 'subgroup', classId: cls.id, academicYearId: unknownId })).json().error.fields.academicYearId).toBeDefined();
    expect((await post({ kind: 'subgroup', classId: 'класс' })).statusCode).toBe(400);
    expect((await as(t.app, admin()).post(`${base}/teaching-groups`, {})).json().error.fields.name).toBe('Обязательное поле');
    const duplicate = await post({ kind: 'subgroup', classId: cls.id, name: '6А группа 1' });
    expect(duplicate.statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('renames and deletes an ordinary group but never the whole-class one, nor a group with members', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 6, 'Б');
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '6Б инф. 1');
    expect((await as(t.app, admin()).patch(`${base}/teaching-groups/${sub.id}`, { name: '6Б информатика 1' })).json().name).toBe('6Б информатика 1');
    const student = await insertStudent(db(), schoolId);
    await admit(db(), schoolId, student.id, cls.id);
    await as(t.app, admin()).post(`${base}/teaching-groups/${sub.id}/members`, { studentId: student.id, startsOn: '2024-09-02' });
    const before = await snapshot();
    const renameClass = await as(t.app, admin()).patch(`${base}/teaching-groups/${cls.groupId}`, { name: 'Другое' });
    expect(renameClass.json().error.code).toBe('group.class_group');
    expect((await as(t.app, admin()).delete(`${base}/teaching-groups/${cls.groupId}`)).statusCode).toBe(400);
    const inUse = await as(t.app, admin()).delete(`${base}/teaching-groups/${sub.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('conflict.in_use');
    expect((await as(t.app, admin()).patch(`${base}/teaching-groups/${sub.id}`, { name: '' })).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/teaching-groups/${unknownId}`, { name: 'X' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const empty = await makeSubgroup(db(), schoolId, yearId, cls.id, '6Б инф. 2');
    expect((await as(t.app, admin()).delete(`${base}/teaching-groups/${empty.id}`)).json()).toEqual({ deleted: true });
  });
});

describe('members of teaching groups', () => {
  it('lists a class group from its enrolments and a subgroup from its memberships on a date', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 7, 'Б');
    const [a, b] = [await insertStudent(db(), schoolId), await insertStudent(db(), schoolId)];
    await admit(db(), schoolId, a.id, cls.id, '2024-09-01');
    await admit(db(), schoolId, b.id, cls.id, '2024-10-01');
    const september = await as(t.app, admin()).get(`${base}/teaching-groups/${cls.groupId}/members?on=2024-09-15`);
    expect(september.json().items).toEqual([{ memberId: null, groupId: cls.groupId, studentId: a.id, startsOn: '2024-09-01', endsOn: null }]);
    expect(ids(await as(t.app, admin()).get(`${base}/teaching-groups/${cls.groupId}/members?on=2024-10-15`))).toEqual([a.id, b.id].sort());
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '7Б англ. 1');
    const added = await as(t.app, admin()).post(`${base}/teaching-groups/${sub.id}/members`, { studentId: b.id, startsOn: '2024-10-01' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ groupId: sub.id, studentId: b.id, startsOn: '2024-10-01', endsOn: null });
    expect(ids(await as(t.app, admin()).get(`${base}/teaching-groups/${sub.id}/members?on=2024-10-01`))).toEqual([b.id]);
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${sub.id}/members?on=2024-09-30`)).json().items).toEqual([]);
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${sub.id}/members`)).statusCode).toBe(400);
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${unknownId}/members?on=2024-10-01`)).statusCode).toBe(404);
  });

  it('admits to a subgroup only students of its class on that date, once at a time, inside the year', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 8, 'А');
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '8А труд 1');
    const [inClass, outside] = [await insertStudent(db(), schoolId), await insertStudent(db(), schoolId)];
    const foreign = await insertStudent(db(), otherId);
    await admit(db(), schoolId, inClass.id, cls.id, '2024-09-10');
    await as(t.app, admin()).post(`${base}/teaching-groups/${sub.id}/members`, { studentId: inClass.id, startsOn: '2024-09-10' });
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/teaching-groups/${sub.id}/members`, body);
    const notInClass = await post({ studentId: outside.id, startsOn: '2024-09-10' });
    expect(notInClass.json().error).toMatchObject({ code: 'group.student_not_in_class', fields: { studentId: 'Не числится в классе на эту дату' } });
    expect((await post({ studentId: inClass.id, startsOn: '2024-09-09' })).json().error.code).toBe('group.student_not_in_class');
    const overlap = await post({ studentId: inClass.id, startsOn: '2024-11-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('group.member_overlap');
    expect((await post({ studentId: inClass.id, startsOn: '2025-09-01' })).json().error.code).toBe('date.outside_year');
    expect((await post({ studentId: foreign.id, startsOn: '2024-09-10' })).json().error.fields.studentId).toBeDefined();
    expect((await post({ studentId: unknownId, startsOn: '2024-09-10' })).statusCode).toBe(400);
    expect((await post({ studentId: inClass.id, startsOn: '10.09.2024' })).json().error.fields.startsOn).toBeDefined();
    expect((await post({ startsOn: '2024-09-10' })).json().error.fields.studentId).toBeDefined();
    const classGroup = await as(t.app, admin()).post(`${base}/teaching-groups/${cls.groupId}/members`, { studentId: outside.id, startsOn: '2024-09-10' });
    expect(classGroup.json().error.code).toBe('group.class_members');
    expect(await snapshot()).toEqual(before);
  });

  it('takes any student of the school into an extracurricular group and ends the membership once', async () => {
    const club = (await as(t.app, admin()).post(`${base}/teaching-groups`, { academicYearId: yearId, name: 'Шахматы', kind: 'extracurricular' })).json();
    const student = await insertStudent(db(), schoolId);
    const member = (await as(t.app, admin()).post(`${base}/teaching-groups/${club.id}/members`, { studentId: student.id, startsOn: '2024-09-05' })).json();
    const endUrl = `${base}/teaching-groups/${club.id}/members/${member.memberId}/end`;
    const before = await snapshot();
    expect((await as(t.app, admin()).post(endUrl, { endsOn: '2024-09-04' })).json().error.fields).toEqual({ endsOn: 'Не раньше даты начала' });
    expect((await as(t.app, admin()).post(endUrl, { endsOn: '2026-01-01' })).json().error.code).toBe('date.outside_year');
    expect((await as(t.app, admin()).post(endUrl, {})).statusCode).toBe(400);
    expect((await as(t.app, admin()).post(`${base}/teaching-groups/${club.id}/members/${unknownId}/end`, { endsOn: '2024-12-01' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const ended = await as(t.app, admin()).post(endUrl, { endsOn: '2024-12-20' });
    expect(ended.json()).toMatchObject({ memberId: member.memberId, endsOn: '2024-12-20' });
    const again = await as(t.app, admin()).post(endUrl, { endsOn: '2024-12-25' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('group.member_ended');
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${club.id}/members?on=2024-12-21`)).json().items).toEqual([]);
  });

  it('moves a student to the other subgroup of the class, keeping both stays in the history', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 9, 'В');
    const [one, two] = [await makeSubgroup(db(), schoolId, yearId, cls.id, '9В нем. 1'), await makeSubgroup(db(), schoolId, yearId, cls.id, '9В нем. 2')];
    const student = await insertStudent(db(), schoolId);
    await admit(db(), schoolId, student.id, cls.id);
    const member = (await as(t.app, admin()).post(`${base}/teaching-groups/${one.id}/members`, { studentId: student.id, startsOn: '2024-09-01' })).json();
    const moved = await as(t.app, admin()).post(`${base}/teaching-groups/${one.id}/members/${member.memberId}/move`, { toGroupId: two.id, on: '2024-11-05' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().ended).toMatchObject({ groupId: one.id, startsOn: '2024-09-01', endsOn: '2024-11-04' });
    expect(moved.json().started).toMatchObject({ groupId: two.id, studentId: student.id, startsOn: '2024-11-05', endsOn: null });
    expect(ids(await as(t.app, admin()).get(`${base}/teaching-groups/${one.id}/members?on=2024-11-04`))).toEqual([student.id]);
    expect((await as(t.app, admin()).get(`${base}/teaching-groups/${one.id}/members?on=2024-11-05`)).json().items).toEqual([]);
    expect(ids(await as(t.app, admin()).get(`${base}/teaching-groups/${two.id}/members?on=2024-11-05`))).toEqual([student.id]);
  });

  it('refuses a move to a group of another class or kind, on or before the start, or of an ended membership', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 10, 'А');
    const otherClass = await makeClass(db(), schoolId, yearId, 10, 'Б');
    const [one, two] = [await makeSubgroup(db(), schoolId, yearId, cls.id, '10А физ. 1'), await makeSubgroup(db(), schoolId, yearId, cls.id, '10А физ. 2')];
    const stranger = await makeSubgroup(db(), schoolId, yearId, otherClass.id, '10Б физ. 1');
    const student = await insertStudent(db(), schoolId);
    await admit(db(), schoolId, student.id, cls.id);
    const member = (await as(t.app, admin()).post(`${base}/teaching-groups/${one.id}/members`, { studentId: student.id, startsOn: '2024-09-02' })).json();
    const move = (body: object, groupId = one.id, memberId = member.memberId) =>
      as(t.app, admin()).post(`${base}/teaching-groups/${groupId}/members/${memberId}/move`, body);
    const before = await snapshot();
    expect((await move({ toGroupId: stranger.id, on: '2024-10-01' })).json().error).toMatchObject({ code: 'group.move_target' });
    expect((await move({ toGroupId: cls.groupId, on: '2024-10-01' })).json().error.code).toBe('group.move_target');
    expect((await move({ toGroupId: one.id, on: '2024-10-01' })).json().error.code).toBe('group.move_target');
    expect((await move({ toGroupId: unknownId, on: '2024-10-01' })).json().error.fields.toGroupId).toBeDefined();
    expect((await move({ toGroupId: two.id, on: '2024-09-02' })).json().error.fields).toEqual({ on: 'Позже даты начала' });
    expect((await move({ toGroupId: two.id, on: '2025-09-02' })).json().error.code).toBe('date.outside_year');
    expect((await move({ toGroupId: two.id })).statusCode).toBe(400);
    expect((await move({ toGroupId: two.id, on: '2024-10-01' }, one.id, unknownId)).statusCode).toBe(404);
    expect((await move({ toGroupId: two.id, on: '2024-10-01' }, two.id)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    await as(t.app, admin()).post(`${base}/teaching-groups/${one.id}/members/${member.memberId}/end`, { endsOn: '2024-09-30' });
    expect((await move({ toGroupId: two.id, on: '2024-10-01' })).statusCode).toBe(409);
  });

  it('lets the teacher of a group see its members but not change them, hides them from other teachers, refuses strangers and hides groups from other admins', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 11, 'А');
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '11А англ. 1');
    const student = await insertStudent(db(), schoolId);
    await admit(db(), schoolId, student.id, cls.id);
    const staff = await insertStaff(db(), schoolId);
    await load.createAssignment(db(), schoolId, { staffId: staff.id, groupId: sub.id, subjectId: (await makeSubject(db(), schoolId)).id, periodId: null, hoursPerWeek: 2 });
    const teacher = schoolActor(schoolId, 'teacher', staff.id);
    const membersUrl = `${base}/teaching-groups/${sub.id}/members`;
    expect((await as(t.app, teacher).get(`${membersUrl}?on=2024-09-01`)).statusCode).toBe(200);
    expect((await as(t.app, schoolActor(schoolId, 'teacher')).get(`${membersUrl}?on=2024-09-01`)).statusCode).toBe(404);
    expect((await as(t.app, schoolActor(schoolId, 'teacher', staff.id)).get(`${base}/teaching-groups/${cls.groupId}/members?on=2024-09-01`)).statusCode).toBe(404);
    const before = await snapshot();
    expect((await as(t.app, teacher).post(membersUrl, { studentId: student.id, startsOn: '2024-09-01' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).post(`${base}/teaching-groups`, { academicYearId: yearId, name: 'X', kind: 'crossClass' })).statusCode).toBe(403);
    expect((await as(t.app, teacher).delete(`${base}/teaching-groups/${sub.id}`)).statusCode).toBe(403);
    expect((await as(t.app, null).get(`${membersUrl}?on=2024-09-01`)).statusCode).toBe(401);
    expect((await as(t.app, null).post(membersUrl, { studentId: student.id, startsOn: '2024-09-01' })).statusCode).toBe(401);
    const stranger = schoolActor(otherId, 'admin');
    expect((await as(t.app, stranger).get(`${base}/teaching-groups/${sub.id}`)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(membersUrl, { studentId: student.id, startsOn: '2024-09-01' })).statusCode).toBe(404);
    expect((await as(t.app, stranger).patch(`${base}/teaching-groups/${sub.id}`, { name: 'Захват' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
