import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { userRoles, users } from '../../../db/schema/accounts.ts';
import { activationCodes } from '../../../db/schema/activation.ts';

export type ActivationCodeRow = typeof activationCodes.$inferSelect;

// --- activation codes ---------------------------------------------------------------------
/** Earlier codes of these people that nobody has used yet stop working. */
export async function revokeUnusedCodes(db: Db, schoolId: string, personIds: string[], now: Date): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await db.update(activationCodes).set({ revokedAt: now })
    .where(and(
      eq(activationCodes.schoolId, schoolId), inArray(activationCodes.personId, personIds),
      isNull(activationCodes.usedAt), isNull(activationCodes.revokedAt),
    ))
    .returning({ id: activationCodes.id });
  return rows.length;
}

export const insertCodes = (db: Db, rows: (typeof activationCodes.$inferInsert)[]) => db.insert(activationCodes).values(rows);

export const findCodeByHash = async (db: Db, codeHash: string) =>
  (await db.select().from(activationCodes).where(eq(activationCodes.codeHash, codeHash)))[0];

/** Marks the code used unless someone else just did; false when it was no longer usable. */
export async function markCodeUsed(db: Db, id: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db.update(activationCodes).set({ usedAt: now, usedByUserId: userId })
    .where(and(
      eq(activationCodes.id, id), isNull(activationCodes.usedAt), isNull(activationCodes.revokedAt), gt(activationCodes.expiresAt, now),
    ))
    .returning({ id: activationCodes.id });
  return rows.length > 0;
}

/** The account that already acts as this person in this role (the re-issue case), if any. */
export const findRoleHolder = async (db: Db, schoolId: string, role: string, personId: string) =>
  (await db.select({ user: users }).from(userRoles).innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.schoolId, schoolId), eq(userRoles.role, role), eq(userRoles.personId, personId))))[0]?.user;
