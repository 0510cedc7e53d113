import type { PgTable } from 'drizzle-orm/pg-core';
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
} as const;

export type TableName = keyof typeof TABLES;
export type Rows = { [K in TableName]: (typeof TABLES)[K]['$inferInsert'][] };
export type Row<K extends TableName> = Rows[K][number];

export const emptyRows = (): Rows =>
  Object.fromEntries(Object.keys(TABLES).map((k) => [k, []])) as unknown as Rows;

/** PostgreSQL takes at most 65,535 bind parameters in one statement; stay well under it. */
const MAX_PARAMS = 60_000;
/** Bigger statements gain nothing and cost memory in the driver. */
const MAX_ROWS = 4_000;

/** Multi-row inserts, table by table, in batches that fit the bind-parameter limit. */
export async function insertRows(tx: Db, rows: Rows): Promise<void> {
  for (const name of Object.keys(TABLES) as TableName[]) {
    const list = name === 'subjects' ? parentsFirst(rows.subjects) : rows[name];
    if (list.length === 0) continue;
    const table = TABLES[name] as PgTable;
    const columns = Object.keys(list[0]!).length;
    const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
    for (let i = 0; i < list.length; i += size) {
      await tx.insert(table).values(list.slice(i, i + size) as never);
    }
  }
}

/** A module must exist before its МДК when the list is split into batches. */
const parentsFirst = (subjects: Rows['subjects']) =>
  [...subjects.filter((s) => !s.parentId), ...subjects.filter((s) => s.parentId)];

export const countRows = (rows: Rows): Record<TableName, number> =>
  Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) as Record<TableName, number>;
