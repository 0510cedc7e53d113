import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import * as schema from '../../db/schema/index.ts';
import { newId } from '../../db/ids.ts';
import type { Db } from '../../db/client.ts';
import { createSchool } from '../../../../tests/factories/organisation.ts';
import { as, createTestApp, schoolActor, type TestContext } from '../../../../tests/support/testApp.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const order = { orderNumber: '112-о', orderDate: '2026-05-29' };
const nextYear = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', ...order };

/** A school finishing 2025/2026: 5А and 11А, a subgroup, load, curriculum and three students. */
async function schoolAtYearEnd(db: Db) {
  const { school } = await createSchool(db);
  const schoolId = school.id;
  const ids = {
    year: newId(), teacher: newId(), math: newId(), english: newId(), c5: newId(), c11: newId(),
    g5: newId(), g11: newId(), sub: newId(), q1: newId(), h1: newId(), s1: newId(), s2: newId(), s3: newId(),
  };
  await db.insert(schema.academicYears).values({ schoolId, id: ids.year, name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'open', weekDays: 6 });
  await db.insert(schema.periods).values([
    { schoolId, id: ids.q1, academicYearId: ids.year, name: '1 четверть', kind: 'quarter', gradeFrom: 1, gradeTo: 9, startsOn: '2025-09-01', endsOn: '2025-10-24' },
    { schoolId, id: ids.h1, academicYearId: ids.year, name: '1 полугодие', kind: 'half', gradeFrom: 10, gradeTo: 11, startsOn: '2025-09-01', endsOn: '2025-12-26' },
  ]);
  await db.insert(schema.holidays).values([
    { schoolId, id: newId(), academicYearId: ids.year, name: 'Осенние каникулы', kind: 'vacation', startsOn: '2025-10-25', endsOn: '2025-11-02' },
    { schoolId, id: newId(), academicYearId: ids.year, name: 'День народного единства', kind: 'holiday', startsOn: '2025-11-04', endsOn: '2025-11-04' },
  ]);
  const bellScheduleId = newId();
  await db.insert(schema.bellSchedules).values({ schoolId, id: bellScheduleId, academicYearId: ids.year, name: 'Основное', isDefault: true });
  await db.insert(schema.bells).values([
    { schoolId, bellScheduleId, lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' },
    { schoolId, bellScheduleId, lessonNumber: 2, startsAt: '09:25', endsAt: '10:10' },
  ]);
  await db.insert(schema.staff).values({ schoolId, id: ids.teacher, lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна', gender: 'female', position: 'teacher' });
  await db.insert(schema.subjects).values([
    { schoolId, id: ids.math, name: 'Математика', shortName: 'Мат' },
    { schoolId, id: ids.english, name: 'Английский язык', shortName: 'Англ' },
  ]);
  await db.insert(schema.classes).values([
    { schoolId, id: ids.c5, academicYearId: ids.year, grade: 5, letter: 'А', classTeacherId: ids.teacher },
    { schoolId, id: ids.c11, academicYearId: ids.year, grade: 11, letter: 'А' },
  ]);
  await db.insert(schema.teachingGroups).values([
    { schoolId, id: ids.g5, academicYearId: ids.year, name: '5А', kind: 'class', classId: ids.c5 },
    { schoolId, id: ids.g11, academicYearId: ids.year, name: '11А', kind: 'class', classId: ids.c11 },
    { schoolId, id: ids.sub, academicYearId: ids.year, name: '5А англ. 1', kind: 'subgroup', classId: ids.c5 },
  ]);
  await db.insert(schema.students).values([
    { schoolId, id: ids.s1, lastName: 'Орлов', firstName: 'Глеб', gender: 'male', birthDate: '2014-03-02' },
    { schoolId, id: ids.s2, lastName: 'Зайцева', firstName: 'Ольга', gender: 'female', birthDate: '2008-07-19' },
    { schoolId, id: ids.s3, lastName: 'Ким', firstName: 'Марк', gender: 'male', birthDate: '2014-01-10' },
  ]);
  const admitted = { startEvent: 'admitted', startOrderNumber: '45-у', startOrderDate: '2025-08-28', startsOn: '2025-09-01' };
  await db.insert(schema.enrolments).values([
    { schoolId, id: newId(), studentId: ids.s1, classId: ids.c5, ...admitted },
    { schoolId, id: newId(), studentId: ids.s2, classId: ids.c11, ...admitted },
    { schoolId, id: newId(), studentId: ids.s3, classId: ids.c5, ...admitted, endsOn: '2025-12-15', endEvent: 'expelled', endOrderNumber: '201-у', endOrderDate: '2025-12-15' },
  ]);
  await db.insert(schema.groupMembers).values({ schoolId, id: newId(), groupId: ids.sub, studentId: ids.s1, startsOn: '2025-09-01' });
  await db.insert(schema.assignments).values([
    { schoolId, id: newId(), academicYearId: ids.year, staffId: ids.teacher, groupId: ids.g5, subjectId: ids.math, hoursPerWeek: 5 },
    { schoolId, id: newId(), academicYearId: ids.year, staffId: ids.teacher, groupId: ids.sub, subjectId: ids.english, hoursPerWeek: 3 },
    { schoolId, id: newId(), academicYearId: ids.year, staffId: ids.teacher, groupId: ids.g5, subjectId: ids.english, periodId: ids.q1, hoursPerWeek: 1 },
    { schoolId, id: newId(), academicYearId: ids.year, staffId: ids.teacher, groupId: ids.g11, subjectId: ids.math, hoursPerWeek: 4 },
  ]);
  await db.insert(schema.curriculumHours).values({ schoolId, id: newId(), academicYearId: ids.year, grade: 5, subjectId: ids.math, hoursPerWeek: 5 });
  return { schoolId, ids };
}

const tenantTables = [
  schema.academicYears, schema.periods, schema.holidays, schema.bellSchedules, schema.classes, schema.enrolments,
  schema.teachingGroups, schema.groupMembers, schema.assignments, schema.curriculumHours,
] as const;

async function rowCounts(db: Db, schoolId: string) {
  const counts: number[] = [];
  for (const table of tenantTables) counts.push((await db.select({ n: count() }).from(table).where(eq(table.schoolId, schoolId)))[0]!.n);
  return counts;
}

describe('opening the next academic year', () => {
  it('previews exactly what applying does, and the preview changes nothing', async () => {
    const { schoolId, ids } = await schoolAtYearEnd(t.database.db);
    const admin = schoolActor(schoolId, 'admin');
    const before = await rowCounts(t.database.db, schoolId);
    const preview = await as(t.app, admin).post(`/api/v1/schools/${schoolId}/academic-years/${ids.year}/rollover/preview`, nextYear);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().applied).toBe(false);
    expect(await rowCounts(t.database.db, schoolId)).toEqual(before);
    const applied = await as(t.app, admin).post(`/api/v1/schools/${schoolId}/academic-years/${ids.year}/rollover`, nextYear);
    expect(applied.statusCode).toBe(201);
    expect(applied.json().applied).toBe(true);
    expect(applied.json().counts).toEqual(preview.json().counts);
    expect(applied.json().counts).toMatchObject({
      periods: 2, holidays: 2, bellSchedules: 1, bells: 2, classes: 1, graduatingClasses: 1,
      groups: 1, members: 1, assignments: 3, curriculum: 1, promoted: 1, graduated: 1,
    });
  });

  it('moves the calendar a year on, classes a grade up, and promotes or graduates every student by the order', async () => {
    const db = t.database.db;
    const { schoolId, ids } = await schoolAtYearEnd(db);
    const res = await as(t.app, schoolActor(schoolId, 'admin')).post(`/api/v1/schools/${schoolId}/academic-years/${ids.year}/rollover`, nextYear);
    expect(res.statusCode).toBe(201);
    const yearId = res.json().year.id;
    const [year] = await db.select().from(schema.academicYears).where(and(eq(schema.academicYears.schoolId, schoolId), eq(schema.academicYears.id, yearId)));
    expect(year).toMatchObject({ status: 'planning', weekDays: 6, startsOn: '2026-09-01', endsOn: '2027-05-31' });
    const periods = await db.select().from(schema.periods).where(eq(schema.periods.academicYearId, yearId)).orderBy(asc(schema.periods.gradeFrom));
    expect(periods.map((p) => [p.name, p.startsOn, p.endsOn])).toEqual([
      ['1 четверть', '2026-09-01', '2026-10-24'],
      ['1 полугодие', '2026-09-01', '2026-12-26'],
    ]);
    const holidays = await db.select().from(schema.holidays).where(eq(schema.holidays.academicYearId, yearId)).orderBy(asc(schema.holidays.startsOn));
    expect(holidays.map((h) => h.startsOn)).toEqual(['2026-10-25', '2026-11-04']);
    const classes = await db.select().from(schema.classes).where(eq(schema.classes.academicYearId, yearId));
    expect(classes).toHaveLength(1);
    expect(classes[0]).toMatchObject({ grade: 6, letter: 'А', classTeacherId: ids.teacher });
    const groups = await db.select().from(schema.teachingGroups).where(eq(schema.teachingGroups.academicYearId, yearId)).orderBy(asc(schema.teachingGroups.name));
    expect(groups.map((g) => [g.name, g.kind, g.classId])).toEqual([['6А', 'class', classes[0]!.id], ['6А англ. 1', 'subgroup', classes[0]!.id]]);
    const stays = await db.select().from(schema.enrolments).where(eq(schema.enrolments.schoolId, schoolId)).orderBy(asc(schema.enrolments.startsOn));
    const of = (studentId: string) => stays.filter((s) => s.studentId === studentId).map((s) => [s.startsOn, s.endsOn, s.startEvent, s.endEvent, s.endOrderNumber]);
    expect(of(ids.s1)).toEqual([
      ['2025-09-01', '2026-05-31', 'admitted', 'promoted', '112-о'],
      ['2026-09-01', null, 'promoted', null, null],
    ]);
    expect(of(ids.s2)).toEqual([['2025-09-01', '2026-05-31', 'admitted', 'graduated', '112-о']]);
    expect(of(ids.s3)).toEqual([['2025-09-01', '2025-12-15', 'admitted', 'expelled', '201-у']]);
    const members = await db.select().from(schema.groupMembers).where(eq(schema.groupMembers.groupId, groups[1]!.id));
    expect(members.map((m) => [m.studentId, m.startsOn, m.endsOn])).toEqual([[ids.s1, '2026-09-01', null]]);
    const load = await db.select().from(schema.assignments).where(eq(schema.assignments.academicYearId, yearId));
    expect(load.map((a) => [a.groupId === groups[0]!.id ? '6А' : '6А англ. 1', a.hoursPerWeek, a.periodId === periods[0]!.id]).sort()).toEqual([
      ['6А', 1, true], ['6А', 5, false], ['6А англ. 1', 3, false],
    ].sort());
  });

  it('refuses bad dates, a second rollover into the same year, and a planning source, changing nothing', async () => {
    const db = t.database.db;
    const { schoolId, ids } = await schoolAtYearEnd(db);
    const admin = schoolActor(schoolId, 'admin');
    const url = `/api/v1/schools/${schoolId}/academic-years/${ids.year}/rollover`;
    const before = await rowCounts(db, schoolId);
    const early = await as(t.app, admin).post(url, { ...nextYear, startsOn: '2026-05-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.startsOn).toBeDefined();
    const missing = await as(t.app, admin).post(url, { name: '2026/2027' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields)).toEqual(expect.arrayContaining(['startsOn', 'endsOn', 'orderNumber', 'orderDate']));
    expect(await rowCounts(db, schoolId)).toEqual(before);
    expect((await as(t.app, admin).post(url, nextYear)).statusCode).toBe(201);
    const after = await rowCounts(db, schoolId);
    const again = await as(t.app, admin).post(url, { ...nextYear, name: '2026/2027 повтор' });
    expect(again.statusCode).toBe(409);
    expect(await rowCounts(db, schoolId)).toEqual(after);
    const planning = await db.select().from(schema.academicYears).where(and(eq(schema.academicYears.schoolId, schoolId), eq(schema.academicYears.status, 'planning')));
    const fromPlanning = await as(t.app, admin).post(`/api/v1/schools/${schoolId}/academic-years/${planning[0]!.id}/rollover`, { ...nextYear, name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    expect(fromPlanning.statusCode).toBe(409);
    expect(await rowCounts(db, schoolId)).toEqual(after);
  });

  it('is for the school administrator only; other schools answer 404', async () => {
    const { schoolId, ids } = await schoolAtYearEnd(t.database.db);
    const { school: other } = await createSchool(t.database.db);
    const url = `/api/v1/schools/${schoolId}/academic-years/${ids.year}/rollover`;
    expect((await as(t.app, null).post(url, nextYear)).statusCode).toBe(401);
    expect((await as(t.app, schoolActor(schoolId, 'teacher')).post(url, nextYear)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(schoolId, 'deputy')).post(`${url}/preview`, nextYear)).statusCode).toBe(403);
    expect((await as(t.app, schoolActor(other.id, 'admin')).post(url, nextYear)).statusCode).toBe(404);
    const unknownYear = await as(t.app, schoolActor(schoolId, 'admin')).post(`/api/v1/schools/${schoolId}/academic-years/${newId()}/rollover`, nextYear);
    expect(unknownYear.statusCode).toBe(404);
  });
});
