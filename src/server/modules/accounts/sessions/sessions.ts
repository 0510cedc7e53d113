import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../../shared/contract/enums.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import type { Actor } from '../../../policy/policy.ts';
import * as q from '../sessionQueries.ts';

export const SESSION_COOKIE = 'klassny_session';

/** Staff work on shared school computers: shorter sessions than families on their own phones. */
export const SESSION_LIMITS = {
  staff: { idleSeconds: 2 * 60 * 60, absoluteSeconds: 12 * 60 * 60 },
  family: { idleSeconds: 7 * 24 * 60 * 60, absoluteSeconds: 30 * 24 * 60 * 60 },
} as const;

const FAMILY_ROLES: readonly Role[] = ['student', 'guardian'];
/** Writing last_seen on every request would turn reads into writes; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function limitsFor(roles: Role[], platformAdmin: boolean) {
  const familyOnly = !platformAdmin && roles.length > 0 && roles.every((r) => FAMILY_ROLES.includes(r));
  return familyOnly ? SESSION_LIMITS.family : SESSION_LIMITS.staff;
}

export async function openSession(
  db: Db,
  user: { id: string; isPlatformAdmin: boolean },
  client: { address: string; userAgent: string },
  now: Date,
) {
  const roles = (await q.rolesOfUser(db, user.id)).map((r) => r.role as Role);
  const limits = limitsFor(roles, user.isPlatformAdmin);
  const token = randomBytes(32).toString('base64url');
  const session = await q.insertSession(db, {
    id: newId(),
    userId: user.id,
    tokenHash: hashToken(token),
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + limits.absoluteSeconds * 1000),
    idleSeconds: limits.idleSeconds,
    address: client.address.slice(0, 100),
    userAgent: client.userAgent.slice(0, 300),
  });
  return { token, session, maxAgeSeconds: limits.absoluteSeconds };
}

export type ResolvedSession = { actor: Actor; sessionId: string; login: string; displayName: string };

/** The actor behind a session cookie, or null when it is unknown, ended, expired, idle or locked. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const found = await q.findLiveSession(db, hashToken(token), now);
  if (!found || found.user.lockedAt) return null;
  const { roles, municipalityIds } = found;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await q.touchSession(db, found.session.id, now);
  return {
    sessionId: found.session.id,
    login: found.user.login,
    displayName: found.user.displayName,
    actor: {
      userId: found.user.id,
      platformAdmin: found.user.isPlatformAdmin,
      roles: roles.map((r) => ({ schoolId: r.schoolId, role: r.role as Role, personId: r.personId })),
      municipalityIds,
    },
  };
}

export { endSession, endSessionsOfUser, listSessionsOfUser } from '../sessionQueries.ts';
