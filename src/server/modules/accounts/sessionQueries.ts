import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { sessions, userRoles, users } from '../../db/schema/accounts.ts';
import { municipalityRoles } from '../../db/schema/municipal.ts';

export const insertSession = async (db: Db, row: typeof sessions.$inferInsert) =>
  (await db.insert(sessions).values(row).returning())[0]!;

type SessionRole = { schoolId: string; role: string; personId: string | null };

/** The live session behind a token hash, built once per database as a prepared statement (it runs on every request). */
function prepareLiveSession(db: Db) {
  const now = sql.placeholder('now');
  return db.select({
    session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt },
    user: { id: users.id, login: users.login, displayName: users.displayName, isPlatformAdmin: users.isPlatformAdmin, lockedAt: users.lockedAt },
    roles: sql<SessionRole[]>`coalesce((select json_agg(json_build_object('schoolId', r.school_id, 'role', r.role, 'personId', r.person_id))
      from ${userRoles} r where r.user_id = ${users.id}), '[]'::json)`,
    municipalityIds: sql<string[]>`coalesce((select json_agg(mr.municipality_id) from ${municipalityRoles} mr where mr.user_id = ${users.id}), '[]'::json)`,
  }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(
      eq(sessions.tokenHash, sql.placeholder('tokenHash')),
      isNull(sessions.endedAt),
      sql`${sessions.expiresAt} > ${now}::timestamptz`,
      sql`${sessions.lastSeenAt} + make_interval(secs => ${sessions.idleSeconds}) > ${now}::timestamptz`,
    ))
    .prepare('klassny_live_session');
}

const liveSessionQuery = preparedPerDb(prepareLiveSession);

/**
 * The live session behind a token hash, with its user, the user's school roles and the
 * municipalities they operate: one indexed lookup per request.
 */
export async function findLiveSession(db: Db, tokenHash: string, now: Date) {
  const rows = await liveSessionQuery(db).execute({ tokenHash, now: now.toISOString() });
  return rows[0];
}

export const rolesOfUser = (db: Db, userId: string) =>
  db.select({ schoolId: userRoles.schoolId, role: userRoles.role, personId: userRoles.personId })
    .from(userRoles).where(eq(userRoles.userId, userId));

export const touchSession = (db: Db, id: string, now: Date) =>
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));

export const listSessionsOfUser = (db: Db, userId: string, now: Date) =>
  db.select().from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));

export async function endSession(db: Db, userId: string, id: string, reason: string, now: Date) {
  const ended = await db.update(sessions).set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends every open session of a user, except `keepId` when given; returns how many ended. */
export async function endSessionsOfUser(db: Db, userId: string, reason: string, now: Date, keepId?: string) {
  const ended = await db.update(sessions).set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), keepId ? ne(sessions.id, keepId) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}
