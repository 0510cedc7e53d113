import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { periods } from '../../db/schema/calendar.ts';
import { periodClosures, periodReopenings } from '../../db/schema/grading.ts';
import { classes, teachingGroups } from '../../db/schema/structure.ts';

/** A journal cell as SQL: bound values, or the columns of a row the caller selects from (a lesson). */
export type CellSql = { schoolId: SQL; groupId: SQL; subjectId: SQL; date: SQL };

/**
 * Seed 001, 4.4.1, as one SQL boolean: some period of the group's year that covers the date (and,
 * for a class group, the class's grade) is closed, and no reopening of a closed one lets this
 * group's (and subject's) lesson on that date be edited at `now`. A missing group is not locked.
 * Embeddable, so a write checks the lock in the same statement that loads what it writes to;
 * `now` is a timestamptz expression.
 */
export function journalLockedSql(cell: CellSql, now: SQL): SQL<boolean> {
  return sql<boolean>`(with closed as (
      select ${periodClosures.periodId} as period_id
      from ${teachingGroups}
      left join ${classes} on ${classes.schoolId} = ${teachingGroups.schoolId} and ${classes.id} = ${teachingGroups.classId}
      join ${periods} on ${periods.schoolId} = ${teachingGroups.schoolId} and ${periods.academicYearId} = ${teachingGroups.academicYearId}
        and ${periods.startsOn} <= ${cell.date} and ${periods.endsOn} >= ${cell.date}
        and (${classes.grade} is null or ${classes.grade} between ${periods.gradeFrom} and ${periods.gradeTo})
      join ${periodClosures} on ${periodClosures.schoolId} = ${periods.schoolId} and ${periodClosures.periodId} = ${periods.id}
      where ${teachingGroups.schoolId} = ${cell.schoolId} and ${teachingGroups.id} = ${cell.groupId})
    select exists (select 1 from closed) and not exists (
      select 1 from ${periodReopenings}
      where ${periodReopenings.schoolId} = ${cell.schoolId} and ${periodReopenings.periodId} in (select period_id from closed)
        and ${periodReopenings.groupId} = ${cell.groupId}
        and (${periodReopenings.subjectId} is null or ${periodReopenings.subjectId} = ${cell.subjectId})
        and ${periodReopenings.fromDate} <= ${cell.date} and ${periodReopenings.toDate} >= ${cell.date}
        and ${periodReopenings.expiresAt} > ${now}))`;
}

/** Whether the cell is locked now: one statement. */
export async function isCellLocked(db: Db, cell: { schoolId: string; groupId: string; subjectId: string; date: string }, now: Date) {
  const bound: CellSql = { schoolId: sql`${cell.schoolId}::uuid`, groupId: sql`${cell.groupId}::uuid`, subjectId: sql`${cell.subjectId}::uuid`, date: sql`${cell.date}::date` };
  const [row] = await queryRows<{ locked: boolean }>(db, sql`select ${journalLockedSql(bound, sql`${now.toISOString()}::timestamptz`)} as locked`);
  return row!.locked;
}
