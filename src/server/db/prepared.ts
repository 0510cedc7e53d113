/**
 * Prepared statements, the performance plumbing of the hottest reads and checks (see
 * bench/README.md): each is planned once per database handle and kept with it, so a test's
 * database or a replica handle gets its own and a closed one takes its statements with it.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** A named placeholder cast to a PostgreSQL type (`$1::uuid`): the value comes at `execute`. */
export const param = (name: string, type: string): SQL => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

/** A uuid[] placeholder's value: uuids need no quoting, and both drivers take the text alike. */
export const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/**
 * The statement(s) `build` prepares, built on the first call for a database and kept for it
 * (a WeakMap: a handle's statements go with the handle).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statements = built.get(db);
    if (statements === undefined) built.set(db, (statements = build(db)));
    return statements;
  };
}
