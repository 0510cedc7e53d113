import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import * as t from '../db/schema/index.ts';

/** The tables the generator fills, in an order that satisfies every foreign key. */
export const TABLES = {
  regions: t.regions,
  municipalities: t.municipalities,
  schools: t.schools,
  academicYears: t.academicYears,
  periods: t.periods,
  holidays: t.holidays,
  bellSchedules: t.bellSchedules,
  bells: t.bells,
  subjects: t.subjects,
  rooms: t.rooms,
  staff: t.staff,
  classes: t.classes,
  students: t.students,
  guardians: t.guardians,
  studentGuardians: t.studentGuardians,
  enrolments: t.enrolments,
  teachingGroups: t.teachingGroups,
  groupMembers: t.groupMembers,
  assignments: t.assignments,
  curriculumHours: t.curriculumHours,
  users: t.users,
  userRoles: t.userRoles,
  // The journal (see journal.ts): timetable, lessons, homework, marks, attendance (and its taking), period marks.
  timetableSlots: t.timetableSlots,
  workTypes: t.workTypes,
  gradingPolicies: t.gradingPolicies,
  lessons: t.lessons,
  homework: t.homework,
  attendance: t.attendance,
  attendanceTakings: t.attendanceTakings,
  marks: t.marks,
  periodMarks: t.periodMarks,
  periodClosures: t.periodClosures,
  examSubjects: t.examSubjects,
} as const;

export type TableName = keyof typeof TABLES;
export type Rows = { [K in TableName]: (typeof TABLES)[K]['$inferInsert'][] };
export type Row<K extends TableName> = Rows[K][number];

export const emptyRows = (): Rows =>
  Object.fromEntries(Object.keys(TABLES).map((k) => [k, []])) as unknown as Rows;

/**
 * Rows per statement: big enough to amortise the round trip, small enough for the process's memory.
 * Each batch is one JSON string, copied again into PGlite's heap, which never shrinks: the first
 * start's peak was 820-860 MB with 5,000 rows, 740-750 MB with 1,000, in the same time.
 */
const BATCH = 1_000;

/**
 * Set-based inserts, table by table: each batch travels as one JSON parameter and PostgreSQL
 * unpacks it with `json_to_recordset`. Several times faster than a multi-row `VALUES` for
 * hundreds of thousands of rows (no 65,535 bind-parameter limit, one parameter to parse), and the
 * same on PGlite. Columns left out of the first row of a table take their database default.
 */
export async function insertRows(tx: Db, rows: Rows): Promise<void> {
  for (const name of Object.keys(TABLES) as TableName[]) {
    const list = name === 'subjects' ? parentsFirst(rows.subjects) : rows[name];
    await insertJson(tx, TABLES[name], list as Record<string, unknown>[]);
  }
}

export async function insertJson(tx: Db, table: PgTable, list: readonly Record<string, unknown>[]): Promise<void> {
  if (list.length === 0) return;
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(list[0]!).filter((k) => k in all);
  // Time stamps travel as epoch milliseconds: V8 writes numbers far faster than it calls Date#toJSON.
  const stamps = keys.filter((k) => all[k]!.getSQLType().startsWith('timestamp'));
  // The JSON keeps the rows' own (camelCase) keys; the record definition names them and types them.
  const names = keys.map((k) => `"${all[k]!.name}"`).join(', ');
  const fields = keys.map((k) => (stamps.includes(k) ? `to_timestamp(x."${k}" / 1000.0)` : `x."${k}"`)).join(', ');
  const record = keys.map((k) => `"${k}" ${stamps.includes(k) ? 'float8' : all[k]!.getSQLType()}`).join(', ');
  const head = sql.raw(`insert into "${getTableName(table)}" (${names}) select ${fields} from json_to_recordset(`);
  const tail = sql.raw(`::json) as x(${record})`);
  for (let i = 0; i < list.length; i += BATCH) {
    let batch = list.slice(i, i + BATCH);
    if (stamps.length > 0) {
      batch = batch.map((row) => {
        const copy = { ...row };
        for (const k of stamps) if (copy[k] instanceof Date) copy[k] = (copy[k] as Date).getTime();
        return copy;
      });
    }
    await tx.execute(sql`${head}${JSON.stringify(batch)}${tail}`);
  }
}

/** A module must exist before its МДК when the list is split into batches. */
const parentsFirst = (subjects: Rows['subjects']) =>
  [...subjects.filter((s) => !s.parentId), ...subjects.filter((s) => s.parentId)];

export const countRows = (rows: Rows): Record<TableName, number> =>
  Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) as Record<TableName, number>;
