import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { passwordResetTokens } from '../../../db/schema/activation.ts';

export type AccountTokenPurpose = 'password_reset' | 'email_confirm';

/** E-mailed single-use tokens: password reset and e-mail confirmation. */
export const insertToken = (db: Db, row: typeof passwordResetTokens.$inferInsert) => db.insert(passwordResetTokens).values(row);

export const findLiveToken = async (db: Db, tokenHash: string, purpose: AccountTokenPurpose, now: Date) =>
  (await db.select().from(passwordResetTokens).where(and(
    eq(passwordResetTokens.tokenHash, tokenHash), eq(passwordResetTokens.purpose, purpose),
    isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now),
  )))[0];

export async function markTokenUsed(db: Db, id: string, now: Date): Promise<boolean> {
  const rows = await db.update(passwordResetTokens).set({ usedAt: now })
    .where(and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt)))
    .returning({ id: passwordResetTokens.id });
  return rows.length > 0;
}

/** A new link replaces the person's earlier unused ones of the same purpose. */
export const retireTokens = (db: Db, userId: string, purpose: AccountTokenPurpose, now: Date) =>
  db.update(passwordResetTokens).set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), eq(passwordResetTokens.purpose, purpose), isNull(passwordResetTokens.usedAt)));

/** Whether a link of this purpose was sent to the person since `since` (no mail bombing). */
export const tokenSentSince = async (db: Db, userId: string, purpose: AccountTokenPurpose, since: Date) =>
  (await db.select({ id: passwordResetTokens.id }).from(passwordResetTokens).where(and(
    eq(passwordResetTokens.userId, userId), eq(passwordResetTokens.purpose, purpose), gt(passwordResetTokens.createdAt, since),
  )).limit(1)).length > 0;
