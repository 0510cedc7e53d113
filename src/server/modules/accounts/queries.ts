import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { userRoles, users } from '../../db/schema/accounts.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByLogin = async (db: Db, login: string) =>
  (await db.select().from(users).where(sql`lower(${users.login}) = lower(${login})`))[0];

export const insertUser = async (db: Db, row: typeof users.$inferInsert) =>
  (await db.insert(users).values(row).returning())[0]!;

export const insertRoles = (db: Db, rows: (typeof userRoles.$inferInsert)[]) =>
  db.insert(userRoles).values(rows).onConflictDoNothing();

export const findRole = async (db: Db, userId: string, schoolId: string, role: string) =>
  (await db.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.schoolId, schoolId), eq(userRoles.role, role))))[0];

export const findUserById = async (db: Db, id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];

export const setPasswordHash = (db: Db, id: string, passwordHash: string) =>
  db.update(users).set({ passwordHash }).where(eq(users.id, id));

/** Users holding any role in the school: the people its administrator manages. */
export const userHasRoleIn = async (db: Db, userId: string, schoolId: string) =>
  (await db.select({ id: userRoles.id }).from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.schoolId, schoolId))).limit(1)).length > 0;

/** Display names of users, for logs that show who did something; unknown ids are left out. */
export const displayNamesOf = async (db: Db, ids: string[]) =>
  ids.length === 0 ? [] : db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids));

/** Locks the account until it is re-activated; an earlier lock keeps its time. */
export const lockUser = (db: Db, id: string, at: Date) =>
  db.update(users).set({ lockedAt: at }).where(and(eq(users.id, id), isNull(users.lockedAt)));

export const updateUser = (db: Db, id: string, patch: Partial<typeof users.$inferInsert>) =>
  db.update(users).set(patch).where(eq(users.id, id));
