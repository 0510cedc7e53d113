import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { insertStaff, insertStudent, insertYear, makeClass, makeSubgroup, makeSubject } from '../../../tests/factories/structure.ts';
import { createTestApp, type TestContext } from '../../../tests/support/testApp.ts';
import { type Db, queryRows } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { academicYears } from '../db/schema/calendar.ts';
import { assignments, enrolments, groupMembers } from '../db/schema/structure.ts';
import { classStaysBetween, classStaysBetweenSql } from './classStays.ts';
import {
  groupStaysBetween, groupStaysBetweenSql, groupStaysOfStudents, sitsIn, sitsInGroupOnSql, studentGroupIdsBetweenSql, studentIdsInGroupOn,
} from './groupStays.ts';
import { groupTeaching, groupTeachingSql, subjectTeaching, subjectTeachingSql } from './teaching.ts';

// Each roster fact is written in TypeScript and as an SQL fragment for reads that answer it in their
// own statement: on the same rows both forms must give the same answer, or a rule would hold in one
// place and not in the other.

let t: TestContext;
const db = (): Db => t.database.db;
let schoolId: string;
let classGroupId: string;
let subgroupId: string;
let classId: string;
let staying: string;
let leaving: string;
let arriving: string;
let member: string;
let teacherNow: string;
let teacherClosedYear: string;
let subjectId: string;

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const DATES = ['2025-09-01', '2025-10-15', '2025-10-31', '2025-11-01', '2025-12-20', '2026-03-01'];

beforeAll(async () => {
  t = await createTestApp();
  ({ school: { id: schoolId } } = await createSchool(db()));
  const year = await insertYear(db(), schoolId, { startYear: 2025, status: 'open' });
  const closed = await insertYear(db(), schoolId, { startYear: 2024, status: 'planning' });
  const cls = await makeClass(db(), schoolId, year.id, 7, 'В');
  classId = cls.id;
  classGroupId = cls.groupId;
  subgroupId = (await makeSubgroup(db(), schoolId, year.id, cls.id, '7В, английский 1')).id;
  [staying, leaving, arriving, member] = await Promise.all([0, 1, 2, 3].map(async () => (await insertStudent(db(), schoolId)).id)) as [string, string, string, string];
  const stay = (studentId: string, startsOn: string, endsOn: string | null) => ({
    id: newId(), schoolId, studentId, classId, startsOn, endsOn, startEvent: 'admitted', startOrderNumber: '1-у', startOrderDate: startsOn,
    ...(endsOn ? { endEvent: 'expelled', endOrderNumber: '2-о', endOrderDate: endsOn } : {}),
  });
  await db().insert(enrolments).values([stay(staying, '2025-09-01', null), stay(leaving, '2025-09-01', '2025-10-31'), stay(arriving, '2025-11-01', null), stay(member, '2025-09-01', null)]);
  await db().insert(groupMembers).values([
    { id: newId(), schoolId, groupId: subgroupId, studentId: member, startsOn: '2025-09-01', endsOn: '2025-12-20' },
    { id: newId(), schoolId, groupId: subgroupId, studentId: arriving, startsOn: '2025-11-01', endsOn: null },
  ]);
  subjectId = (await makeSubject(db(), schoolId, 'Английский язык')).id;
  teacherNow = (await insertStaff(db(), schoolId)).id;
  teacherClosedYear = (await insertStaff(db(), schoolId)).id;
  const lastYearClass = await makeClass(db(), schoolId, closed.id, 6, 'В');
  await db().update(academicYears).set({ status: 'closed' }).where(eq(academicYears.id, closed.id));
  await db().insert(assignments).values([
    { id: newId(), schoolId, academicYearId: year.id, staffId: teacherNow, groupId: subgroupId, subjectId, periodId: null, hoursPerWeek: 3 },
    { id: newId(), schoolId, academicYearId: closed.id, staffId: teacherClosedYear, groupId: lastYearClass.groupId, subjectId, periodId: null, hoursPerWeek: 3 },
  ]);
});
afterAll(async () => { await t?.close(); });

/** Which of the students the SQL form seats in the group on the date. */
async function seatedBySql(groupId: string, on: string) {
  const rows = await queryRows<{ id: string; sits: boolean }>(db(), sql`select s.id, ${sitsInGroupOnSql({
    schoolId: sql`${schoolId}::uuid`, groupId: sql`${groupId}::uuid`, studentId: sql`s.id`, on: sql`${on}::date`,
  })} as sits from unnest(${uuids([staying, leaving, arriving, member])}) s (id)`);
  return rows.filter((r) => r.sits).map((r) => r.id).sort();
}

describe('who sits in a group on a date', () => {
  it('gives the same students in TypeScript, in SQL and from the stays, for a whole-class group and a subgroup on every date', async () => {
    for (const groupId of [classGroupId, subgroupId]) {
      for (const on of DATES) {
        const inTs = (await studentIdsInGroupOn(db(), schoolId, groupId, on)).sort();
        expect(await seatedBySql(groupId, on), `${groupId === classGroupId ? 'class' : 'subgroup'} on ${on}`).toEqual(inTs);
        const stays = await groupStaysOfStudents(db(), schoolId, [staying, leaving, arriving, member]);
        const fromStays = [staying, leaving, arriving, member].filter((id) => sitsIn(stays.filter((s) => s.studentId === id), groupId, on)).sort();
        expect(fromStays, `stays on ${on}`).toEqual(inTs);
      }
    }
  });

  it('seats a student who left the class up to his last day only, and one who came from his first day', async () => {
    expect(await studentIdsInGroupOn(db(), schoolId, classGroupId, '2025-10-31')).toContain(leaving);
    expect(await studentIdsInGroupOn(db(), schoolId, classGroupId, '2025-11-01')).not.toContain(leaving);
    expect(await studentIdsInGroupOn(db(), schoolId, classGroupId, '2025-10-31')).not.toContain(arriving);
    expect((await studentIdsInGroupOn(db(), schoolId, subgroupId, '2025-12-21')).sort()).toEqual([arriving]);
  });

  it('seats nobody in a group the school does not have', async () => {
    expect(await studentIdsInGroupOn(db(), schoolId, newId(), '2025-10-01')).toEqual([]);
    expect(await seatedBySql(newId(), '2025-10-01')).toEqual([]);
  });
});

describe('who sat in a group between two dates', () => {
  it('lists the same stays in TypeScript and in SQL, and the class stays of a whole-class group', async () => {
    for (const groupId of [classGroupId, subgroupId]) {
      const inTs = (await groupStaysBetween(db(), schoolId, groupId, '2025-10-01', '2025-11-15'))
        .map((s) => `${s.studentId} ${s.startsOn} ${s.endsOn}`).sort();
      const inSql = (await queryRows<{ id: string; from: string; to: string | null }>(db(), sql`select s.student_id as id, s.starts_on::text as from,
        s.ends_on::text as to from (${groupStaysBetweenSql(schoolId, groupId, '2025-10-01', '2025-11-15')}) s (student_id, starts_on, ends_on)`))
        .map((s) => `${s.id} ${s.from} ${s.to}`).sort();
      expect(inSql).toEqual(inTs);
    }
    const classStays = (await classStaysBetween(db(), schoolId, classId, '2025-10-01', '2025-11-15')).map((s) => s.studentId).sort();
    const classStaysSql = (await queryRows<{ id: string }>(db(), sql`select s.student_id as id from (${classStaysBetweenSql(schoolId, classId, '2025-10-01', '2025-11-15')}) s`))
      .map((s) => s.id).sort();
    expect(classStaysSql).toEqual(classStays);
    expect(classStays).toEqual([staying, leaving, arriving, member].sort());
  });

  it("gives a student's groups of a range as the stays hold them", async () => {
    for (const [from, to] of [['2025-09-01', '2025-09-30'], ['2025-11-02', '2025-12-31'], ['2025-12-21', '2026-05-31']] as const) {
      for (const studentId of [leaving, arriving, member]) {
        const fromStays = [...new Set((await groupStaysOfStudents(db(), schoolId, [studentId], { from, to })).map((s) => s.groupId))].sort();
        const inSql = (await queryRows<{ id: string }>(db(), sql`select distinct g.group_id as id from ${studentGroupIdsBetweenSql(schoolId, studentId, from, to)} g`))
          .map((r) => r.id).sort();
        expect(inSql, `${from}–${to}`).toEqual(fromStays);
      }
    }
  });
});

describe('who teaches a group', () => {
  const teachingInSql = async (staffIds: string[], groupId: string) => (await queryRows<{ fact: unknown }>(db(), sql`select ${groupTeachingSql(
    { schoolId: sql`${schoolId}::uuid`, groupId: sql`${groupId}::uuid` }, uuids(staffIds),
  )} as fact`))[0]!.fact;
  const subjectInSql = async (staffIds: string[], groupId: string) => (await queryRows<{ fact: unknown }>(db(), sql`select ${subjectTeachingSql(
    { schoolId: sql`${schoolId}::uuid`, groupId: sql`${groupId}::uuid`, subjectId: sql`${subjectId}::uuid` }, uuids(staffIds),
  )} as fact`))[0]!.fact;

  it('gives the same facts in TypeScript and in SQL, naming the group and the staff they are about', async () => {
    for (const staffIds of [[teacherNow], [teacherClosedYear], [], [teacherNow, teacherClosedYear]]) {
      for (const groupId of [subgroupId, classGroupId]) {
        expect(await teachingInSql(staffIds, groupId)).toEqual({ ...await groupTeaching(db(), schoolId, staffIds, groupId) });
        expect(await subjectInSql(staffIds, groupId)).toEqual({ ...await subjectTeaching(db(), schoolId, staffIds, groupId, subjectId) });
      }
    }
  });

  it('counts an assignment of a closed year for writing its journal, never for reading the group now', async () => {
    const [, lastYearGroup] = await queryRows<{ id: string }>(db(), sql`select group_id as id from assignments where school_id = ${schoolId} order by staff_id = ${teacherNow} desc`);
    expect((await groupTeaching(db(), schoolId, [teacherNow], subgroupId)).teachesNow).toBe(true);
    expect((await groupTeaching(db(), schoolId, [teacherClosedYear], lastYearGroup!.id)).teachesNow).toBe(false);
    expect((await subjectTeaching(db(), schoolId, [teacherClosedYear], lastYearGroup!.id, subjectId)).assigned).toBe(true);
    expect((await subjectTeaching(db(), schoolId, [teacherNow], classGroupId, subjectId)).assigned).toBe(false);
  });
});
