import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { guardians, staff, students } from '../../db/schema/people.ts';

// Set-based lookups for other modules (accounts: credential slips); one query per list, never per row.

export const staffByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(staff).where(and(eq(staff.schoolId, schoolId), inArray(staff.id, ids)));

export const studentsByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(students).where(and(eq(students.schoolId, schoolId), inArray(students.id, ids)));

export const guardiansByIds = (db: Db, schoolId: string, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(guardians).where(and(eq(guardians.schoolId, schoolId), inArray(guardians.id, ids)));
