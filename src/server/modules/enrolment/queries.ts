import { and, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enrolments } from '../../db/schema/structure.ts';

/** Students whose stay in one of `classIds` covers the date `on`. */
export async function studentIdsEnrolled(db: Db, schoolId: string, classIds: string[], on: string): Promise<string[]> {
  if (classIds.length === 0) return [];
  const covers: SQL = and(lte(enrolments.startsOn, on), or(isNull(enrolments.endsOn), gte(enrolments.endsOn, on)))!;
  const rows = await db.selectDistinct({ studentId: enrolments.studentId }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), covers));
  return rows.map((r) => r.studentId);
}
