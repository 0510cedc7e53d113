import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import { users } from '../../../db/schema/accounts.ts';
import { controlRemarks } from '../../../db/schema/control.ts';

// The deputy's remarks on compliance flags: this sub-room's own table, and the one read of the
// journal that tells whether a remark's flag target exists.

export type RemarkRow = { id: string; flagKey: string; text: string; authorName: string | null; createdAt: Date };

const remarkColumns = {
  id: controlRemarks.id,
  flagKey: controlRemarks.flagKey,
  text: controlRemarks.text,
  authorName: users.displayName,
  createdAt: controlRemarks.createdAt,
};

/** The remarks on the flags of these keys, oldest first: one query for a whole board. */
export function remarksOn(db: Db, schoolId: string, keys: readonly string[]): Promise<RemarkRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  // Keys hold only kinds, uuids and «:», so the array literal needs no quoting.
  const literal = `{${[...new Set(keys)].join(',')}}`;
  return db.select(remarkColumns).from(controlRemarks)
    .leftJoin(users, eq(users.id, controlRemarks.authorUserId))
    .where(and(eq(controlRemarks.schoolId, schoolId), sql`${controlRemarks.flagKey} = any(${literal}::text[])`))
    .orderBy(asc(controlRemarks.createdAt), asc(controlRemarks.id));
}

export const insertRemark = async (db: Db, row: typeof controlRemarks.$inferInsert) =>
  (await db.insert(controlRemarks).values(row).returning())[0]!;

export const authorName = async (db: Db, userId: string) =>
  (await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)))[0]?.name ?? null;

export type TargetRow = {
  lesson_group_id: string | null; lesson_subject_id: string | null; lesson_date: string | null;
  period_starts_on: string | null; period_ends_on: string | null;
  homework_found: boolean; mark_student_id: string | null;
  period_found: boolean; group_found: boolean; subject_found: boolean; student_found: boolean;
};

/**
 * What exists of a flag's target in the school, in one statement: the lesson (its group and
 * subject), a homework entry or a mark of that lesson, and a period, group, subject and student.
 */
export async function targetFacts(db: Db, schoolId: string, ids: {
  lessonId: string | null; entryId: string | null; periodId: string | null; groupId: string | null; subjectId: string | null; studentId: string | null;
}): Promise<TargetRow> {
  const [row] = await queryRows<TargetRow>(db, sql`
    select
      (select group_id from lessons where school_id = ${schoolId} and id = ${ids.lessonId}::uuid) as lesson_group_id,
      (select subject_id from lessons where school_id = ${schoolId} and id = ${ids.lessonId}::uuid) as lesson_subject_id,
      (select date::text from lessons where school_id = ${schoolId} and id = ${ids.lessonId}::uuid) as lesson_date,
      (select starts_on::text from periods where school_id = ${schoolId} and id = ${ids.periodId}::uuid) as period_starts_on,
      (select ends_on::text from periods where school_id = ${schoolId} and id = ${ids.periodId}::uuid) as period_ends_on,
      exists (select 1 from homework where school_id = ${schoolId} and id = ${ids.entryId}::uuid and lesson_id = ${ids.lessonId}::uuid) as homework_found,
      (select student_id from marks where school_id = ${schoolId} and id = ${ids.entryId}::uuid and lesson_id = ${ids.lessonId}::uuid) as mark_student_id,
      exists (select 1 from periods where school_id = ${schoolId} and id = ${ids.periodId}::uuid) as period_found,
      exists (select 1 from teaching_groups where school_id = ${schoolId} and id = ${ids.groupId}::uuid) as group_found,
      exists (select 1 from subjects where school_id = ${schoolId} and id = ${ids.subjectId}::uuid) as subject_found,
      exists (select 1 from students where school_id = ${schoolId} and id = ${ids.studentId}::uuid) as student_found`);
  return row!;
}
