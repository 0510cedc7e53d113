import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periods } from '../../db/schema/calendar.ts';
import { gradingPolicies } from '../../db/schema/grading.ts';
import { workTypes } from '../../db/schema/journal.ts';
import { schools } from '../../db/schema/organisation.ts';
import { subjects, teachingGroups } from '../../db/schema/structure.ts';
import type { WorkType } from '../../../shared/contract/journal.ts';
import { teachesGroupNowSql } from '../../policy/scope.ts';
import { assignedSql } from '../structure/service.ts';

const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

/** Built once per database as a prepared statement: every journal page opens with it. */
function preparePageContext(db: Db) {
  const staffIds = param('staffIds', 'uuid[]');
  const newestRules = db.select({ rules: gradingPolicies.rules }).from(gradingPolicies)
    .where(eq(gradingPolicies.schoolId, schools.id)).orderBy(desc(gradingPolicies.version)).limit(1);
  return db.select({
    timeZone: schools.timeZone,
    group: { id: teachingGroups.id, name: teachingGroups.name, kind: teachingGroups.kind, classId: teachingGroups.classId, academicYearId: teachingGroups.academicYearId },
    subject: { id: subjects.id, name: subjects.name, shortName: subjects.shortName },
    period: { id: periods.id, academicYearId: periods.academicYearId, name: periods.name, startsOn: periods.startsOn, endsOn: periods.endsOn },
    policyRules: sql<Record<string, unknown> | null>`(${newestRules})`,
    // UUIDv7 ids keep the order the types were entered in, as listWorkTypes gives them.
    workTypes: sql<WorkType[]>`coalesce((select json_agg(json_build_object(
        'id', w.id, 'name', w.name, 'weight', w.weight, 'isControl', w.is_control, 'isWritten', w.is_written, 'archived', w.archived
      ) order by w.id) from ${workTypes} w where w.school_id = ${schools.id}), '[]'::json)`,
    canWrite: assignedSql({ schoolId: sql`${schools.id}`, groupId: sql`${teachingGroups.id}`, subjectId: sql`${subjects.id}` }, staffIds),
    teachesGroupNow: teachesGroupNowSql({ schoolId: sql`${schools.id}`, groupId: param('groupId', 'uuid') }, staffIds),
  }).from(schools)
    .leftJoin(teachingGroups, and(eq(teachingGroups.schoolId, schools.id), eq(teachingGroups.id, param('groupId', 'uuid'))))
    .leftJoin(subjects, and(eq(subjects.schoolId, schools.id), eq(subjects.id, param('subjectId', 'uuid'))))
    .leftJoin(periods, and(eq(periods.schoolId, schools.id), eq(periods.id, param('periodId', 'uuid'))))
    .where(eq(schools.id, param('schoolId', 'uuid')))
    .prepare('klassny_journal_page_context');
}

const prepared = new WeakMap<Db, ReturnType<typeof preparePageContext>>();

/**
 * What a journal page needs besides its cells and roster, in one statement instead of seven: the
 * group, subject and period asked for (each null when the school has none such), the school's
 * time zone, its newest grading rules (null before it writes any), its work types, whether one
 * of `staffIds` teaches the subject to the group (may write), and whether one teaches the group
 * this year (may read: `teachesGroupNow`). Undefined for an unknown school.
 */
export async function journalPageContext(db: Db, ids: { schoolId: string; groupId: string; subjectId: string; periodId: string }, staffIds: string[]) {
  let query = prepared.get(db);
  if (!query) prepared.set(db, (query = preparePageContext(db)));
  // A uuid[] literal: uuids need no quoting, and both drivers take the text alike.
  const [row] = await query.execute({ ...ids, staffIds: `{${staffIds.join(',')}}` });
  return row;
}
