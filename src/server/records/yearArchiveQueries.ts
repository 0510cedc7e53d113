import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

// Read-only: what the year archive gathers besides the reports it reuses (reports/journalPages.ts,
// reports/summaries.ts). Each read is one set-based statement; the audit log is read in pages.

export type YearOfSchool = {
  school_id: string; school_name: string; time_zone: string;
  year_id: string; year_name: string; starts_on: string; ends_on: string; status: string;
};

/** The school and one of its years; none when either is unknown. */
export const yearOfSchool = async (db: Db, schoolId: string, yearId: string) => (await queryRows<YearOfSchool>(db, sql`
  select s.id as school_id, s.name as school_name, s.time_zone,
    y.id as year_id, y.name as year_name, y.starts_on::text as starts_on, y.ends_on::text as ends_on, y.status
  from schools s join academic_years y on y.school_id = s.id and y.id = ${yearId}::uuid
  where s.id = ${schoolId}::uuid`))[0];

export type JournalOfYear = { group_id: string; subject_id: string; group_name: string; subject_name: string };

/** Every teaching group × subject that has a lesson (not cancelled) within the year's dates. */
export const journalsOfYear = (db: Db, schoolId: string, from: string, to: string) => queryRows<JournalOfYear>(db, sql`
  select j.group_id, j.subject_id, g.name as group_name, sub.name as subject_name
  from (select distinct group_id, subject_id from lessons
    where school_id = ${schoolId}::uuid and date between ${from}::date and ${to}::date and status <> 'cancelled') j
  join teaching_groups g on g.school_id = ${schoolId}::uuid and g.id = j.group_id
  join subjects sub on sub.school_id = ${schoolId}::uuid and sub.id = j.subject_id
  order by g.name, sub.name, j.group_id, j.subject_id`);

export type AuditRange = { first_seq: number | string | null; last_seq: number | string | null };

/**
 * The year's stretch of the school's chain: from the first entry made on or after the year's first
 * day to the last made before the day after its last (school-local days); every entry between is in.
 */
export const auditRangeOfYear = async (db: Db, schoolId: string, from: string, to: string, timeZone: string) => (await queryRows<AuditRange>(db, sql`
  select min(seq) as first_seq, max(seq) as last_seq from audit_entries
  where school_id = ${schoolId}::uuid
    and at >= (${from}::date::timestamp at time zone ${timeZone})
    and at < ((${to}::date + 1)::timestamp at time zone ${timeZone})`))[0]!;

/** The entry at `seq` (its hash), for the chain head at either end of the stretch. */
export const auditHashAt = async (db: Db, schoolId: string, seq: number) => (await queryRows<{ hash: string }>(db, sql`
  select hash from audit_entries where school_id = ${schoolId}::uuid and seq = ${seq}`))[0]?.hash ?? null;

export type AuditEntryRow = {
  seq: number | string; school_id: string; id: string; at: string; actor_user_id: string | null; actor_roles: string | null;
  address: string | null; entity: string; entity_id: string | null; operation: string;
  before: string | null; after: string | null; reason: string | null; prev_hash: string; hash: string;
};

/** One page of entries after `afterSeq` up to `lastSeq`, with `at` and `before`/`after` as the hash function prints them. */
export const auditPage = (db: Db, schoolId: string, afterSeq: number, lastSeq: number, limit: number) => queryRows<AuditEntryRow>(db, sql`
  select seq, school_id, id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_user_id, actor_roles,
    address, entity, entity_id, operation, before::text as before, after::text as after, reason, prev_hash, hash
  from audit_entries
  where school_id = ${schoolId}::uuid and seq > ${afterSeq} and seq <= ${lastSeq}
  order by seq limit ${limit}`);
