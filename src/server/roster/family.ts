import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { studentGuardians } from '../db/schema/people.ts';

/** Student ↔ guardian links (законные представители) touching any of the given students or guardians. */
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
