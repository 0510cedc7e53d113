import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { guardians, staff, studentGuardians, students } from '../../db/schema/people.ts';

// Set-based lookups for other modules (accounts: credential slips); one query per list, never per row.

export const staffByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(staff).where(and(eq(staff.schoolId, schoolId), inArray(staff.id, ids)));

export const studentsByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, ids)));

export const guardiansByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(guardians).where(and(eq(guardians.schoolId, schoolId), inArray(guardians.id, ids)));

/** Student ↔ guardian links touching any of the given students or guardians. */
export function guardianLinks(db: Db, schoolId: string, ids: { studentIds?: string[]; guardianIds?: string[] }) {
  const studentIds = ids.studentIds ?? [];
  const guardianIds = ids.guardianIds ?? [];
  if (studentIds.length === 0 && guardianIds.length === 0) return Promise.resolve([]);
  return db.select({ studentId: studentGuardians.studentId, guardianId: studentGuardians.guardianId, relation: studentGuardians.relation })
    .from(studentGuardians)
    .where(and(
      eq(studentGuardians.schoolId, schoolId),
      or(
        studentIds.length ? inArray(studentGuardians.studentId, studentIds) : undefined,
        guardianIds.length ? inArray(studentGuardians.guardianId, guardianIds) : undefined,
      ),
    ));
}
