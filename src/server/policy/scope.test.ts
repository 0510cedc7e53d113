import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/factories/accounts.ts';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createGuardian, createStaff, createStudent, linkGuardian } from '../../../tests/factories/people.ts';
import { buildWorld, inYear, type World } from '../../../tests/factories/policy.ts';
import { admit, makeClass, makeSubgroup, makeSubject } from '../../../tests/factories/structure.ts';
import { as, createTestApp, type TestContext } from '../../../tests/support/testApp.ts';
import { academicYears } from '../db/schema/calendar.ts';
import { groupMembers } from '../db/schema/structure.ts';
import { newId } from '../db/ids.ts';
import { grantMunicipalRole } from '../modules/accounts/municipalRoles.ts';
import { createAssignment } from '../modules/structure/loadService.ts';
import type { Actor } from './policy.ts';

let t: TestContext;
let w: World;
const db = () => t.database.db;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(db());
});
afterAll(async () => { await t.close(); });

const own = () => w.sides.own;
const other = () => w.sides.other;
const ids = async (actor: Actor | null, path: string, key = 'id') => {
  const res = await as(t.app, actor).get(`/api/v1/schools/${own().schoolId}${path}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Record<string, string>[]).map((item) => item[key]).sort();
};

describe('lists are narrowed in the query to what each role may see', () => {
  it('gives each role its students: all to managers, the class to its teachers, themself to a student, the child to a guardian', async () => {
    const everyone = [own().studentId, other().studentId].sort();
    expect(await ids(w.actors.deputy, '/students')).toEqual(everyone);
    for (const role of ['teacher', 'classTeacher', 'student', 'guardian'] as const) {
      expect(await ids(w.actors[role], '/students'), role).toEqual([own().studentId]);
      expect(await ids(w.actors[role], `/students?classId=${other().classId}`), role).toEqual([]);
    }
  });

  it('gives a class teacher the guardians of the class, a guardian their own record, a plain teacher none', async () => {
    expect(await ids(w.actors.director, '/guardians')).toEqual([own().guardianId, other().guardianId].sort());
    expect(await ids(w.actors.classTeacher, '/guardians')).toEqual([own().guardianId]);
    expect(await ids(w.actors.guardian, '/guardians')).toEqual([own().guardianId]);
    expect(await ids(w.actors.teacher, '/guardians')).toEqual([]);
  });

  it('gives a teacher the stays of his students only', async () => {
    expect(await ids(w.actors.teacher, '/enrolments', 'studentId')).toEqual([own().studentId]);
    expect(await ids(w.actors.admin, '/enrolments', 'studentId')).toEqual([own().studentId, other().studentId].sort());
  });
});

describe('an object out of scope', () => {
  it('answers exactly like an id that does not exist, so ids reveal nothing', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    for (const [role, path] of [['teacher', 'students'], ['guardian', 'students'], ['classTeacher', 'guardians']] as const) {
      const hidden = await as(t.app, w.actors[role]).get(`/api/v1/schools/${own().schoolId}/${path}/${path === 'students' ? other().studentId : other().guardianId}`);
      const missing = await as(t.app, w.actors.admin).get(`/api/v1/schools/${own().schoolId}/${path}/${unknown}`);
      expect([hidden.statusCode, hidden.json()], role).toEqual([404, missing.json()]);
    }
  });
});

describe('the scope follows the data it is derived from', () => {
  it('lets a teacher of a subgroup read its members and their records, and no one else in the class', async () => {
    const { schoolId, classId, yearId } = other();
    const sub = await makeSubgroup(db(), schoolId, yearId, classId, '5Б группа 1');
    const extra = await createStudent(db(), schoolId, { lastName: 'Подгруппов' });
    await admit(db(), schoolId, extra.id, classId, inYear('09-01'));
    await db().insert(groupMembers).values({ schoolId, id: newId(), groupId: sub.id, studentId: extra.id, startsOn: inYear('09-01') });
    const staffRow = await createStaff(db(), schoolId);
    const subject = await makeSubject(db(), schoolId, 'Английский язык');
    await createAssignment(db(), schoolId, { staffId: staffRow.id, groupId: sub.id, subjectId: subject.id, periodId: null, hoursPerWeek: 3 });
    const teacher: Actor = { userId: newId(), platformAdmin: false, roles: [{ schoolId, role: 'teacher', personId: staffRow.id }] };
    expect(await ids(teacher, '/students')).toEqual([extra.id]);
    expect((await as(t.app, teacher).get(`/api/v1/schools/${schoolId}/students/${other().studentId}`)).statusCode).toBe(404);
    expect((await as(t.app, teacher).get(`/api/v1/schools/${schoolId}/teaching-groups/${sub.id}/members?on=${inYear('10-01')}`)).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(`/api/v1/schools/${schoolId}/teaching-groups/${other().groupId}/members?on=${inYear('10-01')}`)).statusCode).toBe(404);
  });

  it('takes the class away from its class teacher once the year is closed', async () => {
    const { school } = await createSchool(db());
    const teacherRow = await createStaff(db(), school.id);
    const [year] = await db().insert(academicYears).values({
      schoolId: school.id, id: newId(), name: '2023/2024', startsOn: '2023-09-01', endsOn: '2024-05-31', status: 'open',
    }).returning();
    const cls = await makeClass(db(), school.id, year!.id, 7, 'В', { classTeacherId: teacherRow.id });
    const pupil = await createStudent(db(), school.id);
    await admit(db(), school.id, pupil.id, cls.id, '2023-09-01');
    const teacher: Actor = { userId: newId(), platformAdmin: false, roles: [{ schoolId: school.id, role: 'teacher', personId: teacherRow.id }] };
    const read = () => as(t.app, teacher).get(`/api/v1/schools/${school.id}/students/${pupil.id}`);
    expect((await read()).statusCode).toBe(200);
    await db().update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, year!.id));
    expect((await read()).statusCode).toBe(404);
  });

  it('adds up the scopes of several roles in one school, but never lends one role\'s rights to another', async () => {
    const { schoolId } = own();
    const child = await createStudent(db(), schoolId, { lastName: 'Сынов' });
    const self = await createGuardian(db(), schoolId, { lastName: 'Учительница-мама' });
    await linkGuardian(db(), schoolId, child.id, self.id);
    const teacherRole = w.actors.teacher!.roles[0]!;
    const both: Actor = { userId: newId(), platformAdmin: false, roles: [teacherRole, { schoolId, role: 'guardian', personId: self.id }] };
    expect(await ids(both, '/students')).toEqual([own().studentId, child.id].sort());
    // Her own child is hers to read, not to edit: only a class teacher edits a student's data.
    const patch = await as(t.app, both).patch(`/api/v1/schools/${schoolId}/students/${child.id}`, { phone: '+79130000009' });
    expect(patch.statusCode).toBe(404);
    // A director who also teaches reads every student, yet changes only the students of a class she keeps.
    const director: Actor = { userId: newId(), platformAdmin: false, roles: [teacherRole, { schoolId, role: 'director', personId: null }] };
    expect(await ids(director, '/students')).toEqual(expect.arrayContaining([own().studentId, other().studentId, child.id]));
    expect((await as(t.app, director).patch(`/api/v1/schools/${schoolId}/students/${other().studentId}`, { phone: '+79130000009' })).statusCode).toBe(404);
  });
});

describe('a municipal operator', () => {
  it('signs in and reads its municipality, its region and its schools, and nothing about their people', async () => {
    const { user, login, password } = await createUser(db());
    await grantMunicipalRole(db(), user.id, own().municipalityId);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, headers: { 'x-klassny-csrf': '1' } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = `klassny_session=${signIn.cookies.find((c) => c.name === 'klassny_session')!.value}`;
    const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
    const schools = (await get('/schools')).json().items.map((s: { id: string }) => s.id);
    expect(schools).toEqual([own().schoolId]);
    expect((await get('/municipalities')).json().items.map((m: { id: string }) => m.id)).toEqual([own().municipalityId]);
    expect((await get('/regions')).json().items.map((r: { id: string }) => r.id)).toEqual([own().regionId]);
    expect((await get(`/schools/${own().schoolId}`)).statusCode).toBe(200);
    expect((await get(`/schools/${w.sides.school2.schoolId}`)).statusCode).toBe(404);
    for (const path of ['/students', '/guardians', '/staff', '/enrolments', `/students/${own().studentId}`, '/classes', '/accounts']) {
      expect((await get(`/schools/${own().schoolId}${path}`)).statusCode, path).toBe(404);
    }
  });
});
