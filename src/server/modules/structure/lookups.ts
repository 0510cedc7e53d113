import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { classes } from '../../db/schema/structure.ts';

/** Classes (of any year) whose class teacher / curator is one of the given staff members. */
export async function classIdsOfClassTeacher(db: Db, schoolId: string, staffIds: string[]): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), inArray(classes.classTeacherId, staffIds)));
  return rows.map((r) => r.id);
}
