import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoSchools } from '../../../../tests/factories/testSchools.ts';
import {
  dismissed, insertPeriod, insertStaff, insertYear, makeClass, makeSubgroup, makeSubject, rowsOf, unknownId,
} from '../../../../tests/factories/structure.ts';
import { as, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';
import { academicYears } from '../../db/schema/calendar.ts';
import * as catalog from './catalogService.ts';
import * as load from './loadService.ts';

let t: TestContext, schoolId: string, otherId: string, base: string, yearId: string;
const db = () => t.database.db;
const admin = () => schoolActor(schoolId, 'admin');
const snapshot = async () => ({ assignments: await rowsOf(db(), 'assignments', schoolId), curriculum: await rowsOf(db(), 'curriculumHours', schoolId) });

beforeAll(async () => {
  ({ t, schoolId, otherSchoolId: otherId, base } = await twoSchools());
  yearId = (await insertYear(db(), schoolId)).id;
});
afterAll(async () => { await t.close(); });

describe('assignments', () => {
  it('gives a teacher a class, a subgroup and a one-period load, taking the year from the group', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 5, 'А');
    const sub = await makeSubgroup(db(), schoolId, yearId, cls.id, '5А англ. 1');
    const [teacher, subject, english] = [await insertStaff(db(), schoolId), await makeSubject(db(), schoolId), await makeSubject(db(), schoolId)];
    const period = await insertPeriod(db(), schoolId, yearId, '2024-09-01', '2024-12-28');
    const post = (body: object) => as(t.app, admin()).post(`${base}/assignments`, { staffId: teacher.id, ...body });
    const whole = await post({ groupId: cls.groupId, subjectId: subject.id, hoursPerWeek: 5 });
    expect(whole.statusCode).toBe(201);
    expect(whole.json()).toMatchObject({ academicYearId: yearId, groupId: cls.groupId, periodId: null, hoursPerWeek: 5 });
    expect((await post({ groupId: sub.id, subjectId: english.id, hoursPerWeek: 1.5 })).json().hoursPerWeek).toBe(1.5);
    expect((await post({ groupId: cls.groupId, subjectId: subject.id, periodId: period.id, hoursPerWeek: 1 })).json().periodId).toBe(period.id);
    const mine = await as(t.app, admin()).get(`${base}/assignments?staffId=${teacher.id}&academicYearId=${yearId}`);
    expect(mine.json().items).toHaveLength(3);
    expect((await as(t.app, admin()).get(`${base}/assignments?groupId=${sub.id}`)).json().items).toHaveLength(1);
    expect((await as(t.app, admin()).get(`${base}/assignments?subjectId=${subject.id}&limit=1`)).json().nextCursor).not.toBeNull();
    const other = await insertStaff(db(), schoolId);
    const patched = await as(t.app, admin()).patch(`${base}/assignments/${whole.json().id}`, { staffId: other.id, hoursPerWeek: 4 });
    expect(patched.json()).toMatchObject({ staffId: other.id, hoursPerWeek: 4, groupId: cls.groupId });
    expect((await as(t.app, admin()).delete(`${base}/assignments/${whole.json().id}`)).json()).toEqual({ deleted: true });
    expect((await as(t.app, admin()).get(`${base}/assignments/${whole.json().id}`)).statusCode).toBe(404);
  });

  it('refuses unknown or foreign ids, a dismissed teacher, an archived subject, a period of another year and a duplicate', async () => {
    const cls = await makeClass(db(), schoolId, yearId, 6, 'А');
    const [teacher, subject] = [await insertStaff(db(), schoolId), await makeSubject(db(), schoolId)];
    const gone = await insertStaff(db(), schoolId, { dismissedOn: dismissed });
    const archived = await makeSubject(db(), schoolId);
    await catalog.updateSubject(db(), schoolId, archived.id, { archived: true });
    const otherYear = await insertYear(db(), schoolId, { startYear: 2025 });
    const alien = await insertPeriod(db(), schoolId, otherYear.id, '2025-09-01', '2025-12-28');
    const foreignYear = (await insertYear(db(), otherId)).id;
    const foreign = {
      staff: await insertStaff(db(), otherId), subject: await makeSubject(db(), otherId), group: await makeClass(db(), otherId, foreignYear, 6, 'А'),
    };
    const good = { staffId: teacher.id, groupId: cls.groupId, subjectId: subject.id, hoursPerWeek: 3 };
    await as(t.app, admin()).post(`${base}/assignments`, good);
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/assignments`, { ...good, ...body });
    const fieldOf = async (body: object) => Object.keys((await post(body)).json().error.fields ?? {});
    expect(await fieldOf({ groupId: unknownId })).toEqual(['groupId']);
    expect(await fieldOf({ groupId: foreign.group.groupId })).toEqual(['groupId']);
    expect(await fieldOf({ subjectId: foreign.subject.id })).toEqual(['subjectId']);
    expect(await fieldOf({ staffId: foreign.staff.id })).toEqual(['staffId']);
    expect((await post({ staffId: gone.id })).json().error).toMatchObject({ code: 'staff.dismissed', fields: { staffId: 'Сотрудник уволен' } });
    expect((await post({ subjectId: archived.id })).json().error.code).toBe('subject.archived');
    expect((await post({ periodId: alien.id })).json().error).toMatchObject({ code: 'period.other_year', fields: { periodId: 'Период другого учебного года' } });
    expect(await fieldOf({ periodId: unknownId })).toEqual(['periodId']);
    expect((await post({ hoursPerWeek: 0 })).json().error.fields).toEqual({ hoursPerWeek: 'Больше нуля' });
    expect((await post({ hoursPerWeek: 41 })).json().error.fields).toEqual({ hoursPerWeek: 'Не больше 40' });
    expect((await post({ hoursPerWeek: 'два' })).statusCode).toBe(400);
    expect(Object.keys((await as(t.app, admin()).post(`${base}/assignments`, {})).json().error.fields).sort())
      .toEqual(['groupId', 'hoursPerWeek', 'staffId', 'subjectId']);
    const duplicate = await post({ hoursPerWeek: 2 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('conflict.duplicate');
    const first = before.assignments[0]!;
    expect((await as(t.app, admin()).patch(`${base}/assignments/${first.id}`, { staffId: gone.id })).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/assignments/${first.id}`, { hoursPerWeek: -1 })).statusCode).toBe(400);
    expect((await as(t.app, admin()).patch(`${base}/assignments/${unknownId}`, { hoursPerWeek: 1 })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses loads and curriculum in a closed year with 409', async () => {
    const year = await insertYear(db(), schoolId, { startYear: 2030 });
    const cls = await makeClass(db(), schoolId, year.id, 3, 'А');
    const subject = await makeSubject(db(), schoolId);
    const line = await load.createCurriculum(db(), schoolId, { academicYearId: year.id, grade: 3, subjectId: subject.id, hoursPerWeek: 4 });
    await db().update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, year.id));
    const before = await snapshot();
    const res = await as(t.app, admin()).post(`${base}/assignments`, {
      staffId: (await insertStaff(db(), schoolId)).id, groupId: cls.groupId, subjectId: subject.id, hoursPerWeek: 4,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('year.closed');
    expect((await as(t.app, admin()).patch(`${base}/curriculum/${line.id}`, { hoursPerWeek: 5 })).statusCode).toBe(409);
    expect((await as(t.app, admin()).delete(`${base}/curriculum/${line.id}`)).statusCode).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});

describe('curriculum', () => {
  it('keeps weekly hours per grade and subject, filtered and editable', async () => {
    const subject = await makeSubject(db(), schoolId);
    const post = (body: object) => as(t.app, admin()).post(`${base}/curriculum`, { academicYearId: yearId, subjectId: subject.id, ...body });
    const res = await post({ grade: 7, hoursPerWeek: 3 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ grade: 7, hoursPerWeek: 3, academicYearId: yearId });
    await post({ grade: 8, hoursPerWeek: 2 });
    expect((await as(t.app, admin()).get(`${base}/curriculum?subjectId=${subject.id}&grade=8`)).json().items.map((c: { grade: number }) => c.grade)).toEqual([8]);
    expect((await as(t.app, admin()).patch(`${base}/curriculum/${res.json().id}`, { hoursPerWeek: 2.5 })).json().hoursPerWeek).toBe(2.5);
    expect((await as(t.app, admin()).get(`${base}/curriculum/${res.json().id}`)).json().hoursPerWeek).toBe(2.5);
    expect((await as(t.app, admin()).patch(`${base}/curriculum/${res.json().id}`, {})).json().hoursPerWeek).toBe(2.5);
    expect((await as(t.app, admin()).delete(`${base}/curriculum/${res.json().id}`)).statusCode).toBe(200);
  });

  it('refuses a duplicate line, grade 12 in a school, unknown or foreign ids and bad hours, leaving the plan unchanged', async () => {
    const subject = await makeSubject(db(), schoolId);
    const foreignSubject = await makeSubject(db(), otherId);
    const foreignYear = await insertYear(db(), otherId);
    const good = { academicYearId: yearId, grade: 9, subjectId: subject.id, hoursPerWeek: 3 };
    await as(t.app, admin()).post(`${base}/curriculum`, good);
    const before = await snapshot();
    const post = (body: object) => as(t.app, admin()).post(`${base}/curriculum`, { ...good, ...body });
    expect((await post({})).statusCode).toBe(409);
    expect((await post({ grade: 12 })).json().error.fields).toEqual({ grade: 'От 1 до 11' });
    expect((await post({ grade: 13 })).statusCode).toBe(400);
    expect(Object.keys((await post({ subjectId: foreignSubject.id })).json().error.fields)).toEqual(['subjectId']);
    expect(Object.keys((await post({ academicYearId: foreignYear.id })).json().error.fields)).toEqual(['academicYearId']);
    expect((await post({ hoursPerWeek: '3 часа' })).statusCode).toBe(400);
    expect(Object.keys((await as(t.app, admin()).post(`${base}/curriculum`, {})).json().error.fields).sort())
      .toEqual(['academicYearId', 'grade', 'hoursPerWeek', 'subjectId']);
    expect(await snapshot()).toEqual(before);
  });

  it('reports only the classes and subjects whose assigned hours differ from the curriculum', async () => {
    const year = (await insertYear(db(), schoolId, { startYear: 2035 })).id;
    const [a, b] = [await makeClass(db(), schoolId, year, 5, 'А'), await makeClass(db(), schoolId, year, 5, 'Б')];
    const [b1, b2] = [await makeSubgroup(db(), schoolId, year, b.id, '5Б англ. 1'), await makeSubgroup(db(), schoolId, year, b.id, '5Б англ. 2')];
    const subjects = [];
    for (const n of ['М', 'А', 'Муз', 'Т', 'И']) subjects.push(await makeSubject(db(), schoolId, `${n} ${year}`));
    const [math, english, music, tech, it] = subjects;
    const [p1, p2] = [await insertPeriod(db(), schoolId, year, '2035-09-01', '2035-12-28'), await insertPeriod(db(), schoolId, year, '2036-01-10', '2036-05-25')];
    for (const [subject, hours] of [[math!, 5], [english!, 3], [music!, 1], [tech!, 2]] as const) {
      await load.createCurriculum(db(), schoolId, { academicYearId: year, grade: 5, subjectId: subject.id, hoursPerWeek: hours });
    }
    const teacher = (await insertStaff(db(), schoolId)).id;
    const give = (groupId: string, subjectId: string, hoursPerWeek: number, periodId: string | null = null) =>
      load.createAssignment(db(), schoolId, { staffId: teacher, groupId, subjectId, hoursPerWeek, periodId });
    await give(a.groupId!, math!.id, 5);
    await give(a.groupId!, english!.id, 3);
    await give(a.groupId!, tech!.id, 2, p1.id);
    await give(a.groupId!, tech!.id, 2, p2.id);
    await give(b.groupId!, math!.id, 4);
    await give(b1.id, english!.id, 3);
    await give(b2.id, english!.id, 2);
    await give(b.groupId!, music!.id, 1);
    await give(b.groupId!, tech!.id, 2);
    await give(b.groupId!, it!.id, 1);
    const res = await as(t.app, admin()).get(`${base}/curriculum/check?academicYearId=${year}`);
    expect(res.statusCode).toBe(200);
    const lines = res.json().items.map((m: { className: string; subjectId: string; groupId: string | null; curriculumHours: number | null; assignedHours: number }) =>
      [m.className, m.subjectId, m.groupId, m.curriculumHours, m.assignedHours]);
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(expect.arrayContaining([
      ['5А', music!.id, null, 1, 0],
      ['5Б', math!.id, null, 5, 4],
      ['5Б', english!.id, b2.id, 3, 2],
      ['5Б', it!.id, null, null, 1],
    ]));
    expect((await as(t.app, admin()).get(`${base}/curriculum/check`)).statusCode).toBe(400);
    expect((await as(t.app, admin()).get(`${base}/curriculum/check?academicYearId=${unknownId}`)).statusCode).toBe(400);
  });
});

describe('who may touch the load and the curriculum', () => {
  it('lets a teacher read but not write, refuses strangers and hides the school from other admins', async () => {
    const subject = await makeSubject(db(), schoolId);
    const body = { academicYearId: yearId, grade: 4, subjectId: subject.id, hoursPerWeek: 4 };
    const teacher = schoolActor(schoolId, 'teacher');
    expect((await as(t.app, teacher).get(`${base}/assignments`)).statusCode).toBe(200);
    expect((await as(t.app, teacher).get(`${base}/curriculum/check?academicYearId=${yearId}`)).statusCode).toBe(200);
    const before = await snapshot();
    expect((await as(t.app, teacher).post(`${base}/curriculum`, body)).statusCode).toBe(403);
    const cls = await makeClass(db(), schoolId, yearId, 4, 'А');
    const assignment = { staffId: (await insertStaff(db(), schoolId)).id, groupId: cls.groupId, subjectId: subject.id, hoursPerWeek: 4 };
    expect((await as(t.app, teacher).post(`${base}/assignments`, assignment)).statusCode).toBe(403);
    expect((await as(t.app, null).get(`${base}/curriculum`)).statusCode).toBe(401);
    expect((await as(t.app, null).post(`${base}/curriculum`, body)).statusCode).toBe(401);
    const stranger = schoolActor(otherId, 'admin');
    expect((await as(t.app, stranger).get(`${base}/assignments`)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/curriculum`, body)).statusCode).toBe(404);
    expect((await as(t.app, stranger).post(`${base}/assignments`, assignment)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});
