import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';
import { schools } from '../../db/schema/organisation.ts';

/** The bells of the default schedule of each of these years, in one query (for «today's lessons»). */
export async function defaultBells(db: Db, schoolId: string, academicYearIds: string[]) {
  if (academicYearIds.length === 0) return [];
  return db.select({ academicYearId: bellSchedules.academicYearId, lessonNumber: bells.lessonNumber, startsAt: bells.startsAt, endsAt: bells.endsAt })
    .from(bellSchedules)
    .innerJoin(bells, and(eq(bells.schoolId, bellSchedules.schoolId), eq(bells.bellScheduleId, bellSchedules.id)))
    .where(and(eq(bellSchedules.schoolId, schoolId), inArray(bellSchedules.academicYearId, academicYearIds), eq(bellSchedules.isDefault, true)))
    .orderBy(asc(bells.lessonNumber));
}

/**
 * Whether a lesson has begun by `now`, as an SQL boolean over the caller's columns: its bell in the
 * default schedule of its year, in the school's time zone; a lesson number without a bell begins
 * with its day. Marks and attendance wait for it (seed 001, 5.1: a mark is for work done).
 */
export const lessonBegunSql = (lesson: { schoolId: SQL; academicYearId: SQL; date: SQL; lessonNumber: SQL }, now: SQL): SQL<boolean> => sql<boolean>`(
  coalesce(${lesson.date} + (select ${bells.startsAt} from ${bells}
      join ${bellSchedules} on ${bellSchedules.schoolId} = ${bells.schoolId} and ${bellSchedules.id} = ${bells.bellScheduleId}
      where ${bellSchedules.schoolId} = ${lesson.schoolId} and ${bellSchedules.academicYearId} = ${lesson.academicYearId}
        and ${bellSchedules.isDefault} and ${bells.lessonNumber} = ${lesson.lessonNumber}),
    ${lesson.date}::timestamp)
  at time zone (select ${schools.timeZone} from ${schools} where ${schools.id} = ${lesson.schoolId})) <= ${now}`;
