import { count, eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.ts';
import { newId } from '../../src/server/db/ids.ts';
import { academicYears, periods } from '../../src/server/db/schema/calendar.ts';
import { staff, students } from '../../src/server/db/schema/people.ts';
import {
  assignments, classes, curriculumHours, enrolments, groupMembers, rooms, subjects, teachingGroups,
} from '../../src/server/db/schema/structure.ts';
import * as enrolment from '../../src/server/modules/enrolment/service.ts';
import * as catalog from '../../src/server/modules/structure/catalogService.ts';
import * as classService from '../../src/server/modules/structure/classService.ts';
import * as groups from '../../src/server/modules/structure/groupService.ts';
import type { SubjectKind, YearStatus } from '../../src/shared/contract/enums.ts';

// Years, periods, staff and students are inserted directly: their modules are written alongside this one.
let counter = 0;
const next = () => ++counter;

/** Academic year 1 September `startYear` – 31 August next year. */
export async function insertYear(db: Db, schoolId: string, options: { startYear?: number; status?: YearStatus } = {}) {
  const startYear = options.startYear ?? 2024;
  return (await db.insert(academicYears).values({
    id: newId(), schoolId, name: `${startYear}/${startYear + 1} №${next()}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31`,
    status: options.status ?? 'planning',
  }).returning())[0]!;
}

export async function insertPeriod(db: Db, schoolId: string, academicYearId: string, startsOn: string, endsOn: string, name = `Период ${next()}`) {
  return (await db.insert(periods).values({
    id: newId(), schoolId, academicYearId, name, kind: 'half', gradeFrom: 1, gradeTo: 11, startsOn, endsOn,
  }).returning())[0]!;
}

export async function insertStaff(db: Db, schoolId: string, options: { dismissedOn?: string } = {}) {
  return (await db.insert(staff).values({
    id: newId(), schoolId, lastName: `Иванова${next()}`, firstName: 'Мария', middleName: 'Петровна', gender: 'female',
    position: 'teacher', dismissedOn: options.dismissedOn ?? null,
  }).returning())[0]!;
}

export async function insertStudent(db: Db, schoolId: string) {
  return (await db.insert(students).values({
    id: newId(), schoolId, lastName: `Петров${next()}`, firstName: 'Илья', middleName: 'Сергеевич', gender: 'male', birthDate: '2013-04-12',
  }).returning())[0]!;
}

/** A class through the service, so it comes with its whole-class group (`groupId`). */
export async function makeClass(db: Db, schoolId: string, academicYearId: string, grade: number, letter: string, extra: { classTeacherId?: string } = {}) {
  const { row } = await classService.createClass(db, schoolId, {
    academicYearId, grade, letter, classTeacherId: extra.classTeacherId ?? null, masterId: null, shift: 1,
  });
  return row;
}

export const makeSubject = (db: Db, schoolId: string, name = `Предмет ${next()}`, kind: SubjectKind = 'subject', parentId: string | null = null) =>
  catalog.createSubject(db, schoolId, { name, shortName: name.slice(0, 12), kind, code: '', parentId, archived: false });

export const makeSubgroup = (db: Db, schoolId: string, academicYearId: string, classId: string, name: string) =>
  groups.createGroup(db, schoolId, { academicYearId, name, kind: 'subgroup', classId });

export const admit = (db: Db, schoolId: string, studentId: string, classId: string, startsOn = '2024-09-01') =>
  enrolment.admit(db, schoolId, { studentId, classId, startsOn, orderNumber: `${next()}-у`, orderDate: startsOn });

const tables = { subjects, rooms, classes, teachingGroups, groupMembers, assignments, curriculumHours, enrolments };

/** How many rows of a structure table the school has: refused writes must leave it unchanged. */
export async function countOf(db: Db, table: keyof typeof tables, schoolId: string) {
  const t = tables[table];
  return (await db.select({ n: count() }).from(t).where(eq(t.schoolId, schoolId)))[0]!.n;
}

type Tables = typeof tables;

/** Every row of a structure table of the school, to compare before and after a refused write. */
export async function rowsOf<K extends keyof Tables>(db: Db, table: K, schoolId: string): Promise<Tables[K]['$inferSelect'][]> {
  const t = tables[table] as typeof subjects;
  return (await db.select().from(t).where(eq(t.schoolId, schoolId)).orderBy(t.id)) as Tables[K]['$inferSelect'][];
}

export const dismissed = '2024-01-31';
export const unknownId = '01900000-0000-7000-8000-000000000000';
