import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { loginChallenges, userRecoveryCodes, userTotp } from '../../../db/schema/totp.ts';

export type UserTotpRow = typeof userTotp.$inferSelect;

export const findTotp = async (db: Db, userId: string) =>
  (await db.select().from(userTotp).where(eq(userTotp.userId, userId)))[0];

export const hasConfirmedTotp = async (db: Db, userId: string) =>
  (await db.select({ userId: userTotp.userId }).from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))).length > 0;

/** A new enrolment replaces an unconfirmed one; a confirmed factor is never overwritten here. */
export const upsertPendingTotp = async (db: Db, userId: string, secret: string, now: Date) =>
  (await db.insert(userTotp).values({ userId, secret, createdAt: now })
    .onConflictDoUpdate({
      target: userTotp.userId,
      set: { secret, createdAt: now, lastStep: null },
      setWhere: isNull(userTotp.confirmedAt),
    })
    .returning({ userId: userTotp.userId })).length > 0;

export const confirmTotp = async (db: Db, userId: string, step: number, now: Date) =>
  (await db.update(userTotp).set({ confirmedAt: now, lastStep: step })
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)))
    .returning({ userId: userTotp.userId })).length > 0;

/**
 * Moves `last_step` forward to the step of an accepted code; false when that step (or a later
 * one) was already used, so a code is accepted once even by two concurrent requests.
 */
export const useTotpStep = async (db: Db, userId: string, step: number) =>
  (await db.update(userTotp).set({ lastStep: step })
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
    .returning({ userId: userTotp.userId })).length > 0;

export const deleteTotp = async (db: Db, userId: string) => {
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await db.delete(userTotp).where(eq(userTotp.userId, userId));
};

export const replaceRecoveryCodes = async (db: Db, userId: string, rows: (typeof userRecoveryCodes.$inferInsert)[]) => {
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await db.insert(userRecoveryCodes).values(rows);
};

export const unusedRecoveryCodes = (db: Db, userId: string) =>
  db.select().from(userRecoveryCodes).where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));

export const countUnusedRecoveryCodes = async (db: Db, userId: string) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt))))[0]!.n;

export const useRecoveryCode = async (db: Db, id: string, now: Date) =>
  (await db.update(userRecoveryCodes).set({ usedAt: now })
    .where(and(eq(userRecoveryCodes.id, id), isNull(userRecoveryCodes.usedAt)))
    .returning({ id: userRecoveryCodes.id })).length > 0;

export const insertChallenge = (db: Db, row: typeof loginChallenges.$inferInsert) => db.insert(loginChallenges).values(row);

/** Old challenges of the person are of no further use: drop them when a new one is issued. */
export const deleteStaleChallenges = (db: Db, userId: string, now: Date) =>
  db.delete(loginChallenges).where(and(eq(loginChallenges.userId, userId), or(lt(loginChallenges.expiresAt, now), isNotNull(loginChallenges.usedAt))));

export const findLiveChallenge = async (db: Db, tokenHash: string, now: Date) =>
  (await db.select().from(loginChallenges)
    .where(and(eq(loginChallenges.tokenHash, tokenHash), isNull(loginChallenges.usedAt), gt(loginChallenges.expiresAt, now))))[0];

export const useChallenge = async (db: Db, id: string, now: Date) =>
  (await db.update(loginChallenges).set({ usedAt: now })
    .where(and(eq(loginChallenges.id, id), isNull(loginChallenges.usedAt), gt(loginChallenges.expiresAt, now)))
    .returning({ id: loginChallenges.id })).length > 0;
