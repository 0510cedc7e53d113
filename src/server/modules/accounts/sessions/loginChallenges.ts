import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { hashToken } from './sessions.ts';
import * as tq from '../totp/totpQueries.ts';

/** How long a person has, after a correct password, to type the code from the app. */
export const CHALLENGE_SECONDS = 5 * 60;

export const hasSecondFactor = tq.hasConfirmedTotp;

/** A single-use token tying the second step to this person; only its SHA-256 is stored. */
export async function issueChallenge(db: Db, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tq.deleteStaleChallenges(db, userId, now);
  await tq.insertChallenge(db, {
    id: newId(), userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000), createdAt: now,
  });
  return token;
}

export const findLiveChallenge = (db: Db, token: string, now: Date) => tq.findLiveChallenge(db, hashToken(token), now);
export const useChallenge = tq.useChallenge;
