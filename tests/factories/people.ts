import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { academicYears } from '../../src/server/db/schema/calendar.ts';
import { guardians, staff, studentGuardians, students } from '../../src/server/db/schema/people.ts';
import { classes, enrolments } from '../../src/server/db/schema/structure.ts';
import type { GuardianRelation } from '../../src/shared/contract/enums.ts';

let counter = 0;
const next = () => ++counter;

/** A teacher, inserted as the admin would have entered it. */
export async function createStaff(db: Db, schoolId: string, fields: Partial<typeof staff.$inferInsert> = {}) {
  const [row] = await db.insert(staff).values({
    schoolId, id: newId(), lastName: 'Учителева', firstName: 'Анна', middleName: 'Петровна',
    gender: 'female', position: 'teacher', hiredOn: '2015-08-25', ...fields,
  }).returning();
  return row!;
}

export async function createStudent(db: Db, schoolId: string, fields: Partial<typeof students.$inferInsert> = {}) {
  const [row] = await db.insert(students).values({
    schoolId, id: newId(), lastName: 'Петров', firstName: 'Пётр', middleName: 'Петрович', gender: 'male', birthDate: '2014-03-15', ...fields,
  }).returning();
  return row!;
}

export async function createGuardian(db: Db, schoolId: string, fields: Partial<typeof guardians.$inferInsert> = {}) {
  const [row] = await db.insert(guardians).values({
    schoolId, id: newId(), lastName: 'Петрова', firstName: 'Мария', middleName: 'Ивановна', gender: 'female', phone: '+79130000000', ...fields,
  }).returning();
  return row!;
}

export async function linkGuardian(db: Db, schoolId: string, studentId: string, guardianId: string, relation: GuardianRelation = 'mother') {
  await db.insert(studentGuardians).values({ schoolId, studentId, guardianId, relation });
}

/**
 * A year and classes with enrolments, written straight into the tables (the structure and
 * enrolment APIs are another module's): `rosters` maps «5А» to the stays of its students.
 */
export async function createYearWithClasses(
  db: Db,
  schoolId: string,
  rosters: Record<string, { studentId: string; startsOn?: string; endsOn?: string }[]>,
) {
  const n = next();
  const [year] = await db.insert(academicYears).values({
    schoolId, id: newId(), name: `${2000 + n}/${2001 + n}`, startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'planning',
  }).returning();
  const classIds: Record<string, string> = {};
  for (const name of Object.keys(rosters)) {
    const [, grade, letter] = /^(\d+)(.+)$/.exec(name)!;
    classIds[name] = newId();
    await db.insert(classes).values({ schoolId, id: classIds[name]!, academicYearId: year!.id, grade: Number(grade), letter: letter! });
  }
  const stays = Object.entries(rosters).flatMap(([name, list]) => list.map((stay) => ({
    schoolId, id: newId(), studentId: stay.studentId, classId: classIds[name]!, startsOn: stay.startsOn ?? '2025-09-01',
    startEvent: 'admitted', startOrderNumber: `${n}-к`, startOrderDate: '2025-08-29',
    ...(stay.endsOn ? { endsOn: stay.endsOn, endEvent: 'expelled', endOrderNumber: `${n}-о`, endOrderDate: stay.endsOn } : {}),
  })));
  if (stays.length > 0) await db.insert(enrolments).values(stays);
  return { year: year!, classIds };
}

/** Every row of a people table of one school, ordered by id: compare before and after a refused write. */
export async function peopleRows(db: Db, table: typeof staff | typeof students | typeof guardians, schoolId: string) {
  return db.select().from(table).where(eq(table.schoolId, schoolId)).orderBy(asc(table.id));
}

export async function linkRows(db: Db, schoolId: string) {
  return db.select().from(studentGuardians).where(eq(studentGuardians.schoolId, schoolId))
    .orderBy(asc(studentGuardians.studentId), asc(studentGuardians.guardianId));
}
