import { and, asc, eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.ts';
import { auditEntries, auditReviews } from '../../db/schema/audit.ts';
import { periodMarks } from '../../db/schema/grading.ts';
import { homework } from '../../db/schema/homework.ts';
import { attendance, attendanceTakings, markVersions, marks } from '../../db/schema/journal.ts';
import { subjects, teachingGroups } from '../../db/schema/structure.ts';
import { lessons } from '../../db/schema/timetable.ts';

/**
 * Seed 003, 4.4 in the journal itself: the changes a compromised login made to the journal are
 * void at once, when the report is made. Each row it touched is written back to its value from
 * before the compromise as a NEW version (marks get a version row, every write is captured by the
 * audit triggers with its reason), so every reader — the grid, the diary and its week cache (its
 * versions moved by triggers on the same writes), the suggestions, the summaries, the exports —
 * shows the earlier value with no filter of its own. Nothing is erased and the log is not touched: the void changes stay in
 * it, and restoring one writes its value back, again as a new version.
 *
 * Like `klassny_audit_revert`, this writes other rooms' tables only by putting back images that the
 * audit log captured of those very rows: it adds no rule of theirs and writes no value that was never there.
 */

/** The reason on every audit entry (and mark version) the voiding writes. */
export const VOID_REASON = 'Аннулировано: операция скомпрометированной учётной записи (на проверке)';
/** The reason on every audit entry the administrator's restore writes. */
export const RESTORE_REASON = 'Восстановлено администратором после проверки компрометации';

type Absent = Record<string, unknown> | 'delete' | 'keep';

/**
 * The journal's tables and what "no row before the compromise" means for each: a mark or homework
 * the login created is marked deleted, its attendance entry withdrawn, its period mark removed (its
 * whole image stays in the log; a restore inserts it again), a lesson it created is left alone.
 */
const JOURNAL: Record<string, { table: PgTable; absent: Absent }> = {
  marks: { table: marks, absent: { deleted: true } },
  homework: { table: homework, absent: { deleted: true } },
  attendance: { table: attendance, absent: { code: null, reason: '', confirmed_by: null, confirmed_at: null } },
  period_marks: { table: periodMarks, absent: 'delete' },
  lessons: { table: lessons, absent: 'keep' },
};
/** Attendance taken (003, 2.5) is keyed by its lesson and has no versions: a void taking is removed, a restored one put back. */
const TAKINGS = 'attendance_takings';
export const JOURNAL_ENTITIES = [...Object.keys(JOURNAL), TAKINGS];
/** A mark's version row is written with the mark; its review follows the mark's. */
const COMPANION = 'mark_versions';

const entityList = sql.join(JOURNAL_ENTITIES.map((e) => sql`${e}`), sql`, `);

type Image = Record<string, unknown> | null;
type Target = { entity: string; id: string; image: Image };

/**
 * Writes each target row to its image as a new version (one statement per table, whatever the
 * number of rows), or, with no image, to the table's "absent" state. Returns the students touched.
 */
async function writeImages(db: Db, schoolId: string, targets: Target[], who: { userId: string; now: Date }, reason: string) {
  const students = new Set<string>();
  const written: Target[] = [];
  const overlay = JSON.stringify({
    author_user_id: who.userId, recorded_by: who.userId, recorded_at: who.now.toISOString(), updated_at: who.now.toISOString(),
  });
  for (const [entity, { table, absent }] of Object.entries(JOURNAL)) {
    const items = targets.filter((t) => t.entity === entity && (t.image !== null || absent !== 'keep'));
    if (items.length === 0) continue;
    const name = sql.raw(`"${getTableName(table)}"`);
    const columns = Object.values(getTableColumns(table)).map((c) => c.name);
    const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
    const hasStudent = columns.includes('student_id');
    const student = hasStudent ? sql`t.student_id::text` : sql`null::text`;
    const json = JSON.stringify(items.map((i) => ({ id: i.id, image: i.image })));
    const rows: { id: string; student: string | null }[] = [];
    const absentJson = typeof absent === 'object' ? JSON.stringify(absent) : null;
    rows.push(...await queryRows<{ id: string; student: string | null }>(db, sql`
      update ${name} as t set (${list}) = (
        select ${list} from jsonb_populate_record(null::${name},
          coalesce(x.image, to_jsonb(t) || ${absentJson}::jsonb) || jsonb_build_object('version', t.version + 1) || ${overlay}::jsonb))
      from jsonb_to_recordset(${json}::jsonb) as x(id uuid, image jsonb)
      where t.school_id = ${schoolId} and t.id = x.id and (x.image is not null or ${absentJson}::jsonb is not null)
      returning t.id::text as id, ${student} as student`));
    if (absent === 'delete') {
      // In a savepoint: a row another record has come to refer to stays as it is (and under review)
      // rather than failing the whole report.
      try {
        rows.push(...await db.transaction((sp) => queryRows<{ id: string; student: string | null }>(sp, sql`
          delete from ${name} as t using jsonb_to_recordset(${json}::jsonb) as x(id uuid, image jsonb)
          where t.school_id = ${schoolId} and t.id = x.id and x.image is null
          returning t.id::text as id, ${student} as student`)));
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== '23503' && (error as { code?: string }).code !== '23503') throw error;
      }
      // A row the voiding removed comes back with its own id when restored.
      rows.push(...await queryRows<{ id: string; student: string | null }>(db, sql`
        insert into ${name} as t select (jsonb_populate_record(null::${name}, x.image || ${overlay}::jsonb)).*
        from jsonb_to_recordset(${json}::jsonb) as x(id uuid, image jsonb)
        where x.image is not null and not exists (select 1 from ${name} as e where e.school_id = ${schoolId} and e.id = x.id)
        returning t.id::text as id, ${student} as student`));
    }
    if (entity === 'marks' && rows.length > 0) {
      await db.insert(markVersions).select(db.select({
        schoolId: marks.schoolId, markId: marks.id, version: marks.version, workTypeId: marks.workTypeId, weight: marks.weight,
        value: marks.value, comment: marks.comment, deleted: marks.deleted, authorUserId: marks.authorUserId,
        reason: sql<string>`${reason}`.as('reason'), at: sql<Date>`${who.now.toISOString()}::timestamptz`.as('at'),
      }).from(marks).where(and(eq(marks.schoolId, schoolId), inArray(marks.id, rows.map((r) => r.id)))));
    }
    for (const r of rows) {
      if (r.student) students.add(r.student);
      written.push({ entity, id: r.id, image: null });
    }
  }
  written.push(...await writeTakings(db, schoolId, targets.filter((t) => t.entity === TAKINGS)));
  return { studentIds: [...students], written };
}

/** Takings to their image: the lesson's row removed when there was none, put back (or rewritten) when there was. */
async function writeTakings(db: Db, schoolId: string, items: Target[]): Promise<Target[]> {
  if (items.length === 0) return [];
  const json = JSON.stringify(items.map((i) => ({ id: i.id, image: i.image })));
  const removed = await queryRows<{ id: string }>(db, sql`
    delete from ${attendanceTakings} as t using jsonb_to_recordset(${json}::jsonb) as x(id uuid, image jsonb)
    where t.school_id = ${schoolId} and t.lesson_id = x.id and x.image is null
    returning t.lesson_id::text as id`);
  const put = await queryRows<{ id: string }>(db, sql`
    insert into ${attendanceTakings} as t select (jsonb_populate_record(null::attendance_takings, x.image)).*
    from jsonb_to_recordset(${json}::jsonb) as x(id uuid, image jsonb)
    where x.image is not null
    on conflict (school_id, lesson_id) do update set taken_by = excluded.taken_by, taken_at = excluded.taken_at
    returning t.lesson_id::text as id`);
  return [...removed, ...put].map((r) => ({ entity: TAKINGS, id: r.id, image: null }));
}

/**
 * On the report: every journal row the login changed from `since` on goes back to its image from
 * before its first void change — unless someone else has changed the row since (then it stays as
 * it is, and the administrator decides). The reviews of the rows written get `voided_at`.
 */
export async function voidJournalOf(db: Db, schoolId: string, reportId: string, userId: string, who: { userId: string; now: Date }) {
  const targets = await queryRows<{ entity: string; id: string; image: Image }>(db, sql`
    with v as (
      select e.entity, e.entity_id, e.seq, e.before
      from ${auditReviews} r join ${auditEntries} e on e.school_id = r.school_id and e.seq = r.seq
      where r.school_id = ${schoolId} and r.report_id = ${reportId} and r.status = 'void'
        and e.entity in (${entityList}) and e.entity_id is not null
    ), firsts as (
      select distinct on (entity, entity_id) entity, entity_id, seq, before from v order by entity, entity_id, seq
    )
    select f.entity, f.entity_id as id, f.before as image from firsts f
    where not exists (
      select 1 from ${auditEntries} x
      where x.school_id = ${schoolId} and x.entity = f.entity and x.entity_id = f.entity_id and x.seq > f.seq
        and x.actor_user_id is distinct from ${userId}::uuid
    )`);
  if (targets.length === 0) return { voided: 0, studentIds: [] as string[] };
  const { studentIds, written } = await writeImages(db, schoolId, targets, who, VOID_REASON);
  if (written.length === 0) return { voided: 0, studentIds };
  const keys = JSON.stringify(written.map((t) => ({ entity: t.entity, id: t.id })));
  const marked = await queryRows<{ seq: number }>(db, sql`
    update ${auditReviews} r set voided_at = ${who.now.toISOString()}::timestamptz
    from ${auditEntries} e, jsonb_to_recordset(${keys}::jsonb) as k(entity text, id text)
    where r.school_id = ${schoolId} and r.report_id = ${reportId} and e.school_id = r.school_id and e.seq = r.seq
      and ((e.entity = k.entity and e.entity_id = k.id) or (e.entity = ${COMPANION} and k.entity = 'marks' and e.entity_id like k.id || '/%'))
    returning r.seq`);
  return { voided: marked.length, studentIds };
}

export type JournalChange = {
  seq: number; entity: string; entityId: string; operation: string; after: Image; status: string; voidedAt: Date | null; lessonId: string | null;
};

export const lessonOf = sql<string | null>`case when ${auditEntries.entity} = 'lessons' then ${auditEntries.entityId}
  else coalesce(${auditEntries.after} ->> 'lesson_id', ${auditEntries.before} ->> 'lesson_id') end`;

/** Journal changes of a report, locked until the decision is written: by seq, or all of one lesson. */
export async function lockJournalChanges(db: Db, schoolId: string, reportId: string, which: { seq: number } | { lessonId: string }) {
  const rows = await db.select({
    seq: auditReviews.seq, entity: auditEntries.entity, entityId: auditEntries.entityId, operation: auditEntries.operation,
    after: auditEntries.after, status: auditReviews.status, voidedAt: auditReviews.voidedAt, lessonId: lessonOf,
  }).from(auditReviews)
    .innerJoin(auditEntries, and(eq(auditEntries.schoolId, auditReviews.schoolId), eq(auditEntries.seq, auditReviews.seq)))
    .where(and(
      eq(auditReviews.schoolId, schoolId), eq(auditReviews.reportId, reportId),
      'seq' in which ? eq(auditReviews.seq, which.seq)
        : and(sql`${auditEntries.entity} in (${entityList})`, sql`${lessonOf} = ${which.lessonId}`),
    ))
    .orderBy(asc(auditReviews.seq))
    .for('update', { of: auditReviews });
  return rows as JournalChange[];
}

/**
 * The rows among `changes` that someone changed after the voiding (or that the voiding left as
 * they were): their newest audit entry is not one the voiding or a restore wrote.
 */
export async function changedSince(db: Db, schoolId: string, changes: JournalChange[]) {
  const keys = JSON.stringify([...new Map(changes.map((c) => [`${c.entity}/${c.entityId}`, { entity: c.entity, id: c.entityId }])).values()]);
  return queryRows<{ entity: string; id: string }>(db, sql`
    select k.entity, k.id from jsonb_to_recordset(${keys}::jsonb) as k(entity text, id text)
    where coalesce((
      select x.reason from ${auditEntries} x
      where x.school_id = ${schoolId} and x.entity = k.entity and x.entity_id = k.id order by x.seq desc limit 1
    ), '') not in (${VOID_REASON}, ${RESTORE_REASON})`);
}

/** Writes each row back to the value of its newest change among `changes` (a new version). */
export async function restoreChanges(db: Db, schoolId: string, changes: JournalChange[], who: { userId: string; now: Date }) {
  const newest = new Map<string, Target>();
  for (const c of changes) newest.set(`${c.entity}/${c.entityId}`, { entity: c.entity, id: c.entityId, image: c.after });
  return (await writeImages(db, schoolId, [...newest.values()], who, RESTORE_REASON)).studentIds;
}

/** The decision on the changes and on their marks' version rows. */
export async function decideJournal(db: Db, schoolId: string, reportId: string, changes: JournalChange[], decision: {
  status: 'restored' | 'confirmed'; decidedBy: string; decidedAt: Date;
}) {
  const seqs = changes.map((c) => c.seq);
  const companions = changes.filter((c) => c.entity === 'marks' && c.after && c.after.version !== undefined)
    .map((c) => `${c.entityId}/${String(c.after!.version)}`);
  const companionSeqs = companions.length === 0 ? [] : (await db.select({ seq: auditEntries.seq }).from(auditEntries)
    .innerJoin(auditReviews, and(eq(auditReviews.schoolId, auditEntries.schoolId), eq(auditReviews.seq, auditEntries.seq)))
    .where(and(
      eq(auditEntries.schoolId, schoolId), eq(auditEntries.entity, COMPANION), inArray(auditEntries.entityId, companions),
      eq(auditReviews.reportId, reportId), eq(auditReviews.status, 'void'),
    ))).map((r) => r.seq);
  await db.update(auditReviews).set(decision)
    .where(and(eq(auditReviews.schoolId, schoolId), inArray(auditReviews.seq, [...seqs, ...companionSeqs])));
}

/** Date, number, subject and group of the lessons a report's changes belong to (for the review screen). */
export async function lessonsOfReport(db: Db, schoolId: string, reportId: string) {
  const ids = db.selectDistinct({ id: sql<string>`(${lessonOf})::uuid`.as('id') }).from(auditReviews)
    .innerJoin(auditEntries, and(eq(auditEntries.schoolId, auditReviews.schoolId), eq(auditEntries.seq, auditReviews.seq)))
    .where(and(eq(auditReviews.schoolId, schoolId), eq(auditReviews.reportId, reportId), sql`${auditEntries.entity} in (${entityList})`,
      sql`${lessonOf} is not null`));
  return db.select({
    id: lessons.id, date: lessons.date, lessonNumber: lessons.lessonNumber, subject: subjects.name, group: teachingGroups.name,
  }).from(lessons)
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .where(and(eq(lessons.schoolId, schoolId), inArray(lessons.id, ids)))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));
}

/**
 * The lessons with a journal change still under review that concerns the student (a mark or
 * attendance of theirs) or the whole lesson (topic, homework): the diary marks them «на проверке».
 * One query on the school's few open reviews (partial index), independent of the week's lessons,
 * so it runs beside the diary's other lookups.
 */
export async function lessonsUnderReview(db: Db, schoolId: string, studentId: string) {
  const rows = await db.selectDistinct({ lessonId: lessonOf }).from(auditReviews)
    .innerJoin(auditEntries, and(eq(auditEntries.schoolId, auditReviews.schoolId), eq(auditEntries.seq, auditReviews.seq)))
    .where(and(
      eq(auditReviews.schoolId, schoolId),
      sql`${auditReviews.status} = 'void' and ${auditReviews.voidedAt} is not null`,
      sql`(${auditEntries.entity} in ('lessons', 'homework')
        or coalesce(${auditEntries.after} ->> 'student_id', ${auditEntries.before} ->> 'student_id') = ${studentId})`,
    ));
  return new Set(rows.map((r) => r.lessonId).filter((id): id is string => id !== null));
}
