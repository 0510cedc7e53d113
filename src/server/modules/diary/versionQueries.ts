import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { param, preparedPerDb, uuidArray } from '../../db/prepared.ts';
import { diaryVersions } from '../../db/schema/diary.ts';
import { type GroupStay, groupStaysOfStudentsSql } from '../../roster/groupStays.ts';

// Part of the diary's read model (it writes nothing): the counters that the triggers of migration
// `diary_versions` move in the transaction of every write a diary week shows (db/schema/diary.ts).

/** A week's version: the sum of the counters of its scopes, as text (a bigint sum). */
export type WeekVersion = string;

const prepareVersion = (db: Db) =>
  db.select({ version: sql<string>`coalesce(sum(${diaryVersions.version}), 0)::text` }).from(diaryVersions)
    .where(and(eq(diaryVersions.schoolId, param('schoolId', 'uuid')), sql`${diaryVersions.scopeId} = any(${param('scopes', 'uuid[]')})`))
    .prepare('klassny_diary_week_version');

const versionQuery = preparedPerDb(prepareVersion);

/**
 * The version of a cached week from the scopes it was read with (the school, the student, the
 * student's groups): one index lookup, a prepared statement, as every cached read asks it.
 */
export async function versionOf(db: Db, schoolId: string, scopes: readonly string[]): Promise<WeekVersion> {
  const rows = await versionQuery(db).execute({ schoolId, scopes: uuidArray(scopes) });
  return rows[0]?.version ?? '0';
}

/**
 * The student's stays in groups during from–to, and the version of the week over the school, the
 * student and those groups, in one statement (one snapshot): a week read after it is at least as
 * new as the version, so it is never stored under a version newer than itself.
 */
export async function staysWithVersion(db: Db, schoolId: string, studentId: string, from: string, to: string) {
  const [row] = await queryRows<{ version: WeekVersion; stays: GroupStay[] }>(db, sql`
    with s as (${groupStaysOfStudentsSql(schoolId, [studentId], { from, to })})
    select
      (select coalesce(sum(v.version), 0)::text from ${diaryVersions} v where v.school_id = ${schoolId}
        and v.scope_id = any(array[${schoolId}::uuid, ${studentId}::uuid] || array(select s.group_id from s))) as version,
      coalesce((select json_agg(json_build_object(
        'studentId', s.student_id, 'groupId', s.group_id, 'startsOn', s.starts_on, 'endsOn', s.ends_on)) from s), '[]'::json) as stays`);
  return { version: row!.version, stays: row!.stays };
}
