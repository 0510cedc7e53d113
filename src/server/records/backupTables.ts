import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

/** The schemas a backup holds: the app's tables and drizzle's record of applied migrations. */
const SCHEMAS = ['public', 'drizzle'];

export type TableColumn = { name: string; type: string };
export type CatalogTable = {
  /** `schema.table` */
  table: string;
  schema: string;
  name: string;
  columns: TableColumn[];
  /** Primary-key columns: rows are read in this order, so a copy of the same rows is the same bytes. */
  key: string[];
  /** Tables this one references (itself left out). */
  references: string[];
};

type CatalogRow = { schema: string; name: string; columns: TableColumn[]; key: string[] | null; refs: string[] | null };

/** Every table of the schema, parents before the tables that reference them. */
export async function catalogTables(db: Db): Promise<CatalogTable[]> {
  const rows = await queryRows<CatalogRow>(db, sql`
    select n.nspname as schema, c.relname as name,
      (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by a.attnum)
        from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
      (select json_agg(a.attname order by k.ord) from pg_index i
        cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary) as key,
      (select json_agg(distinct rn.nspname || '.' || rc.relname) from pg_constraint f
        join pg_class rc on rc.oid = f.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
        where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as refs
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in (${sql.join(SCHEMAS.map((s) => sql`${s}`), sql`, `)})
    order by 1, 2`);
  return parentsFirst(rows.map((r) => ({
    table: `${r.schema}.${r.name}`, schema: r.schema, name: r.name, columns: r.columns, key: r.key ?? [], references: r.refs ?? [],
  })));
}

/** A stable topological order: each table after every table it references (by name among equals). */
export function parentsFirst(tables: CatalogTable[]): CatalogTable[] {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const done = new Set<string>();
  const ordered: CatalogTable[] = [];
  const visit = (t: CatalogTable, path: Set<string>) => {
    if (done.has(t.table) || path.has(t.table)) return;
    path.add(t.table);
    for (const ref of [...t.references].sort()) {
      const parent = byName.get(ref);
      if (parent) visit(parent, path);
    }
    path.delete(t.table);
    done.add(t.table);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.table.localeCompare(b.table))) visit(t, new Set());
  return ordered;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (t: { schema: string; name: string }) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

/**
 * Why rows travel as each column's PostgreSQL text form (`col::text`, inside a JSON array per row):
 * the text output of a type is what its input function reads back exactly — pg_dump's COPY format
 * rests on the same fact — for timestamptz (with TimeZone fixed to UTC), jsonb, bytea (hex),
 * numeric, arrays and the rest alike, and both PGlite and PostgreSQL produce the same text. COPY
 * itself is out: PGlite copies only to or from a whole in-memory blob, and node-postgres needs an
 * extra package to stream it. JSON keeps null apart from the text 'null' and escapes newlines, so
 * one row is one line.
 */
export const TEXT_OUTPUT_SETTINGS = [
  `set local "TimeZone" = 'UTC'`,
  `set local "DateStyle" = 'ISO, YMD'`,
  `set local "IntervalStyle" = 'postgres'`,
  // Shortest text that reads back to the same float (the default since PostgreSQL 12; a server may set 0).
  `set local extra_float_digits = 3`,
  `set local bytea_output = 'hex'`,
];

export async function useTextOutputSettings(tx: Db): Promise<void> {
  for (const statement of TEXT_OUTPUT_SETTINGS) await tx.execute(sql.raw(statement));
}

const BATCH = 1000;
let cursorCounter = 0;

/**
 * The table's rows, each as one JSON line (an array of column texts, nulls kept), in primary-key
 * order, fetched through a cursor a batch at a time: memory holds one batch, never the table.
 * Must run inside a transaction (a cursor lives in one).
 */
export async function* tableLines(tx: Db, table: CatalogTable): AsyncGenerator<string> {
  const cursor = `klassny_rows_${++cursorCounter}`;
  const values = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
  const order = table.key.length > 0 ? ` order by ${table.key.map(quoteIdent).join(', ')}` : '';
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select to_json(array[${values}]::text[])::text as r from ${qualified(table)}${order}`));
  let failed = false;
  try {
    for (;;) {
      const rows = await queryRows<{ r: string }>(tx, sql.raw(`fetch forward ${BATCH} from ${cursor}`)).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      for (const row of rows) yield row.r;
      if (rows.length < BATCH) break;
    }
  } finally {
    // After a failed fetch the transaction is aborted: closing would only hide the first error.
    if (!failed) await tx.execute(sql.raw(`close ${cursor}`));
  }
}
