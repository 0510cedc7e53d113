import { and, asc, eq, getTableColumns, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { guardians, staff, studentGuardians, students } from '../../db/schema/people.ts';

export type StaffRow = typeof staff.$inferSelect;
export type StudentRow = typeof students.$inferSelect;
export type GuardianRow = typeof guardians.$inferSelect;
type PersonTable = typeof staff | typeof students | typeof guardians;

export const findStaff = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(staff).where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))))[0];

export const findStudent = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))))[0];

export const findGuardian = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(guardians).where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id))))[0];

/** The keyset of every people list: «Фамилия Имя Отчество», then id (matches the *_name_idx indexes). */
const nameKey = (t: PersonTable) => [t.lastName, t.firstName, t.middleName, t.id];
export const byName = (row: { lastName: string; firstName: string; middleName: string; id: string }) =>
  [row.lastName, row.firstName, row.middleName, row.id];

/** Case-insensitive prefix of the last name or of «Фамилия Имя». */
function nameStartsWith(t: PersonTable, search: string | undefined): SQL | undefined {
  const words = search?.trim().replace(/\s+/g, ' ');
  if (!words) return undefined;
  const pattern = `${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(${t.lastName} || ' ' || ${t.firstName}) like lower(${pattern})`;
}

const page = (t: PersonTable, cursor: string | undefined) => afterCursor(nameKey(t), cursor);
const order = (t: PersonTable) => nameKey(t).map((c) => asc(c));

// --- staff ---------------------------------------------------------------------------------
export type StaffFilter = { position?: string; search?: string; active?: boolean; today: string };

export function listStaff(db: Db, schoolId: string, filter: StaffFilter, cursor: string | undefined, limit: number) {
  // A dismissal day is the last working day, so the person is active through it.
  const active = or(isNull(staff.dismissedOn), sql`${staff.dismissedOn} >= ${filter.today}`);
  const conditions = [
    eq(staff.schoolId, schoolId),
    filter.position ? eq(staff.position, filter.position) : undefined,
    nameStartsWith(staff, filter.search),
    filter.active === undefined ? undefined : filter.active ? active : sql`not (${active})`,
    page(staff, cursor),
  ];
  return db.select().from(staff).where(and(...conditions)).orderBy(...order(staff)).limit(limit + 1);
}

export const insertStaff = async (db: Db, row: typeof staff.$inferInsert) =>
  (await db.insert(staff).values(row).returning())[0]!;

/** The row locked for a read-modify-write (PATCH checks the merged dates). */
export const lockStaff = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(staff).where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))).for('update'))[0];

export const updateStaff = async (db: Db, schoolId: string, id: string, patch: Partial<typeof staff.$inferInsert>) =>
  (await db.update(staff).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))).returning())[0];

export const deleteStaff = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(staff).where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))).returning({ id: staff.id })).length > 0;

// --- students ------------------------------------------------------------------------------
/** `ids`: restrict to these students (a class roster); an empty list matches nobody. */
export type StudentFilter = { search?: string; ids?: string[] };

export function listStudents(db: Db, schoolId: string, filter: StudentFilter, cursor: string | undefined, limit: number) {
  const conditions = [
    eq(students.schoolId, schoolId),
    filter.ids ? inArray(students.id, filter.ids) : undefined,
    nameStartsWith(students, filter.search),
    page(students, cursor),
  ];
  return db.select().from(students).where(and(...conditions)).orderBy(...order(students)).limit(limit + 1);
}

export const insertStudent = async (db: Db, row: typeof students.$inferInsert) =>
  (await db.insert(students).values(row).returning())[0]!;

export const updateStudent = async (db: Db, schoolId: string, id: string, patch: Partial<typeof students.$inferInsert>) =>
  (await db.update(students).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(students.schoolId, schoolId), eq(students.id, id))).returning())[0];

export const deleteStudent = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))).returning({ id: students.id })).length > 0;

/** Another student of the school with this SNILS, if any. */
export const findStudentBySnils = async (db: Db, schoolId: string, snils: string, exceptId?: string) =>
  (await db.select({ id: students.id }).from(students)
    .where(and(eq(students.schoolId, schoolId), eq(students.snils, snils), exceptId ? ne(students.id, exceptId) : undefined))
    .limit(1))[0];

// --- guardians -----------------------------------------------------------------------------
/** `only`: restrict to these guardians (the caller's scope); an empty list matches nobody. */
export type GuardianFilter = { search?: string; studentId?: string; only?: string[] };

export function listGuardians(db: Db, schoolId: string, filter: GuardianFilter, cursor: string | undefined, limit: number) {
  const linkedTo = filter.studentId
    ? inArray(guardians.id, db.select({ id: studentGuardians.guardianId }).from(studentGuardians)
      .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, filter.studentId))))
    : undefined;
  const conditions = [
    eq(guardians.schoolId, schoolId),
    filter.only ? inArray(guardians.id, filter.only) : undefined,
    linkedTo, nameStartsWith(guardians, filter.search), page(guardians, cursor),
  ];
  return db.select().from(guardians).where(and(...conditions)).orderBy(...order(guardians)).limit(limit + 1);
}

export const insertGuardian = async (db: Db, row: typeof guardians.$inferInsert) =>
  (await db.insert(guardians).values(row).returning())[0]!;

export const updateGuardian = async (db: Db, schoolId: string, id: string, patch: Partial<typeof guardians.$inferInsert>) =>
  (await db.update(guardians).set({ ...patch, updatedAt: new Date() })
    .where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id))).returning())[0];

export const deleteGuardian = async (db: Db, schoolId: string, id: string) =>
  (await db.delete(guardians).where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id))).returning({ id: guardians.id })).length > 0;

// --- student ↔ guardian links ------------------------------------------------------------
export const guardiansOfStudent = (db: Db, schoolId: string, studentId: string) =>
  db.select({ ...getTableColumns(guardians), relation: studentGuardians.relation })
    .from(studentGuardians)
    .innerJoin(guardians, and(eq(guardians.schoolId, studentGuardians.schoolId), eq(guardians.id, studentGuardians.guardianId)))
    .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId)))
    .orderBy(...order(guardians));

export const studentsOfGuardian = (db: Db, schoolId: string, guardianId: string) =>
  db.select({ ...getTableColumns(students), relation: studentGuardians.relation })
    .from(studentGuardians)
    .innerJoin(students, and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)))
    .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.guardianId, guardianId)))
    .orderBy(...order(students));

const link = (schoolId: string, studentId: string, guardianId: string) => and(
  eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId), eq(studentGuardians.guardianId, guardianId),
);

/** Creates the link or changes its relation. */
export const upsertLink = async (db: Db, row: typeof studentGuardians.$inferInsert) =>
  (await db.insert(studentGuardians).values(row)
    .onConflictDoUpdate({
      target: [studentGuardians.schoolId, studentGuardians.studentId, studentGuardians.guardianId],
      set: { relation: row.relation },
    })
    .returning())[0]!;

export const deleteLink = async (db: Db, schoolId: string, studentId: string, guardianId: string) =>
  (await db.delete(studentGuardians).where(link(schoolId, studentId, guardianId)).returning({ id: studentGuardians.guardianId })).length > 0;

export const hasLinksOfStudent = async (db: Db, schoolId: string, studentId: string) =>
  (await db.select({ id: studentGuardians.guardianId }).from(studentGuardians)
    .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.studentId, studentId))).limit(1)).length > 0;

export const hasLinksOfGuardian = async (db: Db, schoolId: string, guardianId: string) =>
  (await db.select({ id: studentGuardians.studentId }).from(studentGuardians)
    .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.guardianId, guardianId))).limit(1)).length > 0;
