import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import { type Client, tooManyAttempts } from '../sessions/authService.ts';
import { findLiveChallenge, useChallenge } from '../sessions/loginChallenges.ts';
import * as q from '../queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { openSession } from '../sessions/sessions.ts';
import { clearLogin, lockedUntil, recordFailure, throttleKeys } from '../sessions/throttle.ts';
import { countUnusedRecoveryCodes } from './totpQueries.ts';
import { type SecondFactor, useSecondFactor } from './totpService.ts';

const challengeGone = () =>
  new AppError('auth.challenge_invalid', 401, 'Время на ввод кода истекло или вход уже выполнен. Войдите заново с логином и паролем.');

/**
 * Second step of a sign-in: the challenge from `POST /auth/login` and a code from the app (or a
 * recovery code). A wrong code counts towards the throttle of that login, like a wrong password.
 */
export async function logInWithCode(db: Db, secretKey: string | null, input: { challenge: string; code: string }, client: Client, now: Date) {
  const challenge = await findLiveChallenge(db, input.challenge, now);
  if (!challenge) throw challengeGone();
  const user = await q.findUserById(db, challenge.userId);
  if (!user) throw challengeGone();
  const keys = throttleKeys(user.login, client.address);
  const until = await lockedUntil(db, keys, now);
  if (until) {
    await recordSecurityEvent(db, { kind: 'login.locked', userId: user.id, login: user.login, ...client, details: { until: until.toISOString() } });
    throw tooManyAttempts(until, now);
  }
  if (user.lockedAt) {
    throw new AppError('auth.account_locked', 403, 'Учётная запись заблокирована. Обратитесь к администратору школы за новым кодом активации.');
  }
  const outcome = await db.transaction(async (tx) => {
    const factor = await useSecondFactor(tx, secretKey, user.id, input.code, now);
    if (!factor.ok) return { factor, opened: null };
    if (!(await useChallenge(tx, challenge.id, now))) throw challengeGone();
    await clearLogin(tx, keys);
    const opened = await openSession(tx, user, client, now);
    const left = factor.method === 'recovery_code' ? { recoveryCodesLeft: await countUnusedRecoveryCodes(tx, user.id) } : {};
    await recordSecurityEvent(tx, {
      kind: 'login.succeeded', userId: user.id, login: user.login, ...client,
      details: { sessionId: opened.session.id, secondFactor: factor.method, ...left },
    });
    return { factor, opened };
  });
  if (outcome.opened) return outcome.opened;
  throw await refuseCode(db, keys, user, outcome.factor, client, now);
}

async function refuseCode(
  db: Db, keys: ReturnType<typeof throttleKeys>, user: { id: string; login: string }, factor: SecondFactor, client: Client, now: Date,
) {
  const reason = factor.ok ? 'invalid' : factor.reason;
  const locked = await db.transaction(async (tx) => {
    const nowLocked = await recordFailure(tx, keys, now);
    await recordSecurityEvent(tx, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: `second_factor_${reason}` } });
    return nowLocked;
  });
  const lockEnd = locked ? await lockedUntil(db, keys, now) : null;
  if (lockEnd) return tooManyAttempts(lockEnd, now);
  return reason === 'reused'
    ? new AppError('auth.code_reused', 401, 'Этот код уже использован. Дождитесь следующего кода в приложении.', { code: 'Код уже использован' })
    : new AppError('auth.invalid_code', 401, 'Неверный код', { code: 'Неверный код' });
}
