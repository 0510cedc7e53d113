import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { useBulkAudit } from '../modules/audit/queries.ts';

export type DemoRemoval = { schools: number; users: number; rows: number };

type Edge = { table: string; refs: string[] };
type UserRef = { table: string; column: string };

/** The journal's counts: their triggers write them while the journal's rows go, so they go after. */
const DERIVED = ['journal_lesson_counts', 'journal_day_counts', 'journal_mark_days'];

/** Tables deleted by hand at the end, in this order (the audit log goes with its demo school). */
const LAST = ['audit_entries', 'audit_chain_heads', 'demo_schools', ...DERIVED];

/** Children before parents: the order in which rows of these tables can be deleted. */
export function deletionOrder(edges: Edge[]): string[] {
  const left = new Map(edges.map((e) => [e.table, new Set(e.refs.filter((r) => r !== e.table))]));
  const order: string[] = [];
  while (left.size > 0) {
    // A table no remaining table refers to goes first.
    const free = [...left.keys()].filter((t) => ![...left.values()].some((refs) => refs.has(t)));
    if (free.length === 0) throw new Error(`demo removal: foreign keys form a cycle among ${[...left.keys()].join(', ')}`);
    for (const t of free.sort()) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

/**
 * `klassny demo remove`, in one transaction: every row of the demo's schools (found through
 * `demo_schools`, never by name), their audit log with them (the guard of migration
 * `deployment_first_run` lets only a recorded demo school's entries go), the accounts that hold
 * roles in the demo only, and the demo's region and municipalities when nothing else is left in them.
 * An account that also holds a role in a real school stays, without its demo roles.
 */
export async function removeDemo(db: Db, now = new Date()): Promise<DemoRemoval> {
  return db.transaction(async (tx) => {
    const ids = (await queryRows<{ id: string }>(tx, sql`select school_id as id from demo_schools for update`)).map((r) => r.id);
    if (ids.length === 0) throw new AppError('demo.absent', 404, 'В базе нет демо-данных: удалять нечего.');
    const idList = sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`;
    const [deployment] = await queryRows<{ regionId: string | null }>(tx, sql`select demo_region_id as "regionId" from deployment`);
    const regionId = deployment?.regionId ?? null;

    // Accounts of the demo: roles in its schools (or its municipalities) and nowhere else.
    const users = (await queryRows<{ id: string }>(tx, sql`
      select u.id from users u
      where not u.is_platform_admin
        and (exists (select 1 from user_roles r where r.user_id = u.id and r.school_id = any(${idList}))
          or exists (select 1 from municipality_roles m join municipalities mu on mu.id = m.municipality_id
                     where m.user_id = u.id and mu.region_id = ${regionId}))
        and not exists (select 1 from user_roles r where r.user_id = u.id and r.school_id <> all(${idList}))
        and not exists (select 1 from municipality_roles m join municipalities mu on mu.id = m.municipality_id
                        where m.user_id = u.id and mu.region_id is distinct from ${regionId})`)).map((r) => r.id);

    const edges = await queryRows<Edge>(tx, sql`
      select c.relname as "table",
             coalesce(array(select distinct p.relname::text from pg_constraint k join pg_class p on p.oid = k.confrelid
                            where k.conrelid = c.oid and k.contype = 'f'), '{}') as refs
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'school_id' and not a.attisdropped
      where c.relkind in ('r', 'p')`);
    await useBulkAudit(tx);
    let rows = 0;
    const run = async (query: ReturnType<typeof sql>) => {
      const result = (await tx.execute(query)) as unknown as { affectedRows?: number; rowCount?: number };
      rows += result.affectedRows ?? result.rowCount ?? 0;
    };
    const tenant = edges.filter((e) => !LAST.includes(e.table));
    for (const table of deletionOrder(tenant)) {
      await run(sql`delete from ${sql.identifier(table)} where school_id = any(${idList})`);
    }
    for (const table of DERIVED) await run(sql`delete from ${sql.identifier(table)} where school_id = any(${idList})`);
    for (const id of ids) {
      await tx.execute(sql`select set_config('klassny.removing_demo_school', ${id}, true)`);
      await run(sql`delete from audit_entries where school_id = ${id}::uuid`);
    }
    await tx.execute(sql`select set_config('klassny.removing_demo_school', '', true)`);
    await run(sql`delete from audit_chain_heads where school_id = any(${idList})`);
    await run(sql`delete from demo_schools where school_id = any(${idList})`);
    await run(sql`delete from schools where id = any(${idList})`);

    if (users.length > 0) {
      const userList = sql`array[${sql.join(users.map((id) => sql`${id}::uuid`), sql`, `)}]`;
      // Whatever else points at these accounts (sessions, second factors, security events with a key).
      const refs = await queryRows<UserRef>(tx, sql`
        select c.relname as "table", a.attname as "column"
        from pg_constraint k join pg_class c on c.oid = k.conrelid
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
        where k.contype = 'f' and k.confrelid = 'users'::regclass and array_length(k.conkey, 1) = 1 and c.relname <> 'users'`);
      for (const ref of refs) {
        await run(sql`delete from ${sql.identifier(ref.table)} where ${sql.identifier(ref.column)} = any(${userList})`);
      }
      await run(sql`delete from users where id = any(${userList})`);
    }
    if (regionId) {
      await run(sql`delete from municipalities m where m.region_id = ${regionId}
        and not exists (select 1 from schools s where s.municipality_id = m.id)
        and not exists (select 1 from municipality_roles r where r.municipality_id = m.id)`);
      await run(sql`delete from regions g where g.id = ${regionId} and not exists (select 1 from municipalities m where m.region_id = g.id)`);
    }
    await tx.execute(sql`update deployment set demo_region_id = null, demo_removed_at = ${now.toISOString()}::timestamptz`);
    return { schools: ids.length, users: users.length, rows };
  });
}
