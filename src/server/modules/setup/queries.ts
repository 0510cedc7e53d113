import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { setupTokens } from '../../db/schema/deployment.ts';
import { schools } from '../../db/schema/organisation.ts';

export const countSchools = async (db: Db) => (await db.select({ n: count() }).from(schools))[0]?.n ?? 0;

export const dropUnusedTokens = (db: Db) => db.delete(setupTokens).where(isNull(setupTokens.usedAt));

export const insertToken = (db: Db, tokenHash: string) => db.insert(setupTokens).values({ tokenHash });

export const findUnusedToken = async (db: Db, tokenHash: string) =>
  (await db.select().from(setupTokens).where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt))))[0];

/** Marks the token used; false when it is unknown or was used already (the row lock makes two uses one). */
export const useToken = async (db: Db, tokenHash: string, now: Date) =>
  (await db.update(setupTokens).set({ usedAt: now })
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt))).returning()).length > 0;
