import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { staff, students } from '../db/schema/people.ts';

// The people of a school as other rooms name them: a staff member given a class or a load, a
// student put into a group. Undefined for an unknown id or another school's.

export const staffMember = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(staff).where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))))[0];

export const studentOfSchool = async (db: Db, schoolId: string, id: string) =>
  (await db.select({ id: students.id }).from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))))[0];
