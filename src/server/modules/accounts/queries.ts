import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { userRoles, users } from '../../db/schema/accounts.ts';

export type UserRow = typeof users.$inferSelect;

export const findUserByLogin = async (db: Db, login: string) =>
  (await db.select().from(users).where(sql`lower(${users.login}) = lower(${login})`))[0];

export const insertUser = async (db: Db, row: typeof users.$inferInsert) =>
  (await db.insert(users).values(row).returning())[0]!;

export const insertUsers = (db: Db, rows: (typeof users.$inferInsert)[]) => db.insert(users).values(rows);

export const insertRoles = (db: Db, rows: (typeof userRoles.$inferInsert)[]) =>
  db.insert(userRoles).values(rows).onConflictDoNothing();

export const findRole = async (db: Db, userId: string, schoolId: string, role: string) =>
  (await db.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.schoolId, schoolId), eq(userRoles.role, role))))[0];
