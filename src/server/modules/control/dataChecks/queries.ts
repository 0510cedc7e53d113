import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/accounts.ts';
import { classDataChecks } from '../../../db/schema/control.ts';
import { staff } from '../../../db/schema/people.ts';

// The class teacher's monthly checks of the class's personal data (seed 001, 3.3): this sub-room's own table.

/** The latest checks of a class, newest first, with who made each (his staff record, else his account's name). */
export const latestChecks = (db: Db, schoolId: string, classId: string, limit: number) =>
  db.select({
    id: classDataChecks.id,
    checkedOn: classDataChecks.checkedOn,
    checkedAt: classDataChecks.checkedAt,
    lastName: staff.lastName,
    firstName: staff.firstName,
    middleName: staff.middleName,
    accountName: users.displayName,
  })
    .from(classDataChecks)
    .leftJoin(staff, and(eq(staff.schoolId, classDataChecks.schoolId), eq(staff.id, classDataChecks.checkedByStaffId)))
    .leftJoin(users, eq(users.id, classDataChecks.checkedByUserId))
    .where(and(eq(classDataChecks.schoolId, schoolId), eq(classDataChecks.classId, classId)))
    .orderBy(desc(classDataChecks.checkedAt), desc(classDataChecks.id))
    .limit(limit);

export type CheckRow = Awaited<ReturnType<typeof latestChecks>>[number];

export const insertCheck = async (db: Db, row: typeof classDataChecks.$inferInsert) =>
  (await db.insert(classDataChecks).values(row).returning())[0]!;
