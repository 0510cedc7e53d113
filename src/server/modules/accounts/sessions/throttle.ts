import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { loginThrottle } from '../../../db/schema/accounts.ts';

/**
 * Sign-in throttling, kept in the database so every server process sees it. A login gets a few
 * free tries, then each failure locks it for twice as long as the last (1 min … 30 min); an
 * address trying many logins is locked the same way from a higher threshold. Unknown logins are
 * throttled exactly like real ones, so a lock reveals nothing. Failures are forgotten after a quiet
 * spell, so a whole school behind one address is not locked out by a month of typos.
 */
const RULES = {
  login: { freeFailures: 4, firstLockSeconds: 60, maxLockSeconds: 30 * 60, forgetAfterSeconds: 60 * 60 },
  address: { freeFailures: 29, firstLockSeconds: 5 * 60, maxLockSeconds: 60 * 60, forgetAfterSeconds: 15 * 60 },
} as const;

export const throttleKeys = (login: string, address: string) => ({
  login: `login:${login.trim().toLowerCase()}`,
  address: `address:${address}`,
});

/** Keys to check or count; activation codes count only the address (a guessed login must not lock its owner). */
export type ThrottleKeys = { login?: string; address: string };

/** The latest time until which either key is locked, or null. */
export async function lockedUntil(db: Db, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const rows = await db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle)
    .where(inArray(loginThrottle.key, [keys.login, keys.address].filter((k): k is string => k !== undefined)));
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

export function lockSecondsAfter(kind: keyof typeof RULES, failures: number): number {
  const rule = RULES[kind];
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.firstLockSeconds * 2 ** (failures - rule.freeFailures - 1), rule.maxLockSeconds);
}

/** Counts one failure on both keys and sets their locks; returns whether the login is now locked. */
export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<boolean> {
  let loginLocked = false;
  for (const [kind, key] of [['login', keys.login], ['address', keys.address]] as const) {
    if (key === undefined) continue;
    const [row] = await db.insert(loginThrottle).values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${new Date(now.getTime() - RULES[kind].forgetAfterSeconds * 1000)}
            then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: loginThrottle.failures });
    const seconds = lockSecondsAfter(kind, row!.failures);
    if (seconds > 0) {
      await db.update(loginThrottle).set({ lockedUntil: new Date(now.getTime() + seconds * 1000) }).where(eq(loginThrottle.key, key));
      if (kind === 'login') loginLocked = true;
    }
  }
  return loginLocked;
}

/** A successful sign-in forgives the login's failures (the address keeps its count). */
export const clearLogin = (db: Db, keys: { login: string }) => db.delete(loginThrottle).where(eq(loginThrottle.key, keys.login));
