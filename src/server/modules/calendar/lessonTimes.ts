import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';

/** The bells of the default schedule of each of these years, in one query (for «today's lessons»). */
export async function defaultBells(db: Db, schoolId: string, academicYearIds: string[]) {
  if (academicYearIds.length === 0) return [];
  return db.select({ academicYearId: bellSchedules.academicYearId, lessonNumber: bells.lessonNumber, startsAt: bells.startsAt, endsAt: bells.endsAt })
    .from(bellSchedules)
    .innerJoin(bells, and(eq(bells.schoolId, bellSchedules.schoolId), eq(bells.bellScheduleId, bellSchedules.id)))
    .where(and(eq(bellSchedules.schoolId, schoolId), inArray(bellSchedules.academicYearId, academicYearIds), eq(bellSchedules.isDefault, true)))
    .orderBy(asc(bells.lessonNumber));
}
