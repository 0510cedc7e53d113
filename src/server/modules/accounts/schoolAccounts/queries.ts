import { and, asc, count, eq, ilike, inArray, max, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { afterCursor } from '../../../db/pagination.ts';
import { sessions, userRoles, users } from '../../../db/schema/accounts.ts';

export type RoleRow = typeof userRoles.$inferSelect;

export type AccountFilter = { role?: string; q?: string; personIds?: string[] };

/** `%text%` for ILIKE with the pattern characters taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Accounts holding a role in the school (or this role; or acting as one of `personIds`), whose
 * login or name contains `q`, by display name.
 */
export function listAccountsOfSchool(db: Db, schoolId: string, filter: AccountFilter, cursor: string | undefined, limit: number) {
  const holders = db.select({ userId: userRoles.userId }).from(userRoles).where(and(
    eq(userRoles.schoolId, schoolId),
    filter.role ? eq(userRoles.role, filter.role) : undefined,
    filter.personIds ? inArray(userRoles.personId, filter.personIds) : undefined,
  ));
  const conditions: (SQL | undefined)[] = [
    inArray(users.id, holders),
    filter.q ? or(ilike(users.login, containing(filter.q)), ilike(users.displayName, containing(filter.q))) : undefined,
    afterCursor([users.displayName, users.id], cursor),
  ];
  return db.select().from(users).where(and(...conditions)).orderBy(asc(users.displayName), asc(users.id)).limit(limit + 1);
}

export function rolesInSchool(db: Db, schoolId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.select().from(userRoles)
    .where(and(eq(userRoles.schoolId, schoolId), inArray(userRoles.userId, userIds)))
    .orderBy(asc(userRoles.userId), asc(userRoles.role));
}

/** The latest sign-in (session opened) of each user. */
export function lastSignIns(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.select({ userId: sessions.userId, at: max(sessions.createdAt) }).from(sessions)
    .where(inArray(sessions.userId, userIds)).groupBy(sessions.userId);
}

export const insertRole = async (db: Db, row: typeof userRoles.$inferInsert) =>
  (await db.insert(userRoles).values(row).returning())[0]!;

export const deleteRole = async (db: Db, id: string) =>
  (await db.delete(userRoles).where(eq(userRoles.id, id)).returning({ id: userRoles.id })).length > 0;

/** Another account already acting as this record in this role. */
export const findRoleOfPerson = async (db: Db, schoolId: string, role: string, personId: string, exceptUserId: string) =>
  (await db.select({ userId: userRoles.userId }).from(userRoles).where(and(
    eq(userRoles.schoolId, schoolId), eq(userRoles.role, role), eq(userRoles.personId, personId), ne(userRoles.userId, exceptUserId),
  )).limit(1))[0];

export const countRole = async (db: Db, schoolId: string, role: string) =>
  (await db.select({ n: count() }).from(userRoles).where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.role, role))))[0]!.n;
