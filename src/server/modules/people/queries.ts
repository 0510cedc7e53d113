import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { guardians, staff, students } from '../../db/schema/people.ts';

export type StaffRow = typeof staff.$inferSelect;
export type StudentRow = typeof students.$inferSelect;
export type GuardianRow = typeof guardians.$inferSelect;

export const findStaff = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(staff).where(and(eq(staff.schoolId, schoolId), eq(staff.id, id))))[0];

export const findStudent = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(students).where(and(eq(students.schoolId, schoolId), eq(students.id, id))))[0];

export const findGuardian = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(guardians).where(and(eq(guardians.schoolId, schoolId), eq(guardians.id, id))))[0];
