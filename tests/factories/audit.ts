import { asc, count, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/app.ts';
import { type Db, queryRows } from '../../src/server/db/client.ts';
import { auditEntries } from '../../src/server/db/schema/audit.ts';

/** A school's audit entries, oldest first. */
export const entriesOf = (db: Db, schoolId: string) =>
  db.select().from(auditEntries).where(eq(auditEntries.schoolId, schoolId)).orderBy(asc(auditEntries.seq));

export const entryCount = async (db: Db, schoolId: string) =>
  (await db.select({ n: count() }).from(auditEntries).where(eq(auditEntries.schoolId, schoolId)))[0]!.n;

/** What a superuser could do behind the application's back: the hash chain must show it. */
export async function tamper(db: Db, statement: ReturnType<typeof sql>) {
  await db.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
  }
}

/** The database's own clock, which stamps audit entries. */
export const dbNow = async (db: Db) =>
  new Date((await queryRows<{ now: string }>(db, sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now`))[0]!.now);

/** A real browser session: sign in through the API and send the cookie (and CSRF header) after. */
export function browserSession(app: App) {
  const csrf = { 'x-klassny-csrf': '1' };
  let cookie = '';
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie, ...csrf } });
  return {
    async login(login: string, password: string): Promise<LightMyRequestResponse> {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, headers: csrf });
      const c = res.cookies.find((x) => x.name === 'klassny_session');
      if (c) cookie = `klassny_session=${c.value}`;
      return res;
    },
    get: (url: string) => send('GET', url),
    post: (url: string, body: object = {}) => send('POST', url, body),
    patch: (url: string, body: object) => send('PATCH', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}
