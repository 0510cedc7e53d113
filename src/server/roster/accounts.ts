import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { userRoles } from '../db/schema/accounts.ts';

/** Of these people (staff, students, guardians) of a school, those who have an account there (one query). */
export async function personIdsWithAccounts(db: Db, schoolId: string, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db.selectDistinct({ personId: userRoles.personId }).from(userRoles)
    .where(and(eq(userRoles.schoolId, schoolId), isNotNull(userRoles.personId), inArray(userRoles.personId, [...new Set(personIds)])));
  return new Set(rows.map((r) => r.personId!));
}
