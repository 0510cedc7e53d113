import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import { type Client, refuseIfLocked, type SignInContext, tooManyAttempts } from '../sessions/authService.ts';
import { deviceCookieAfterSignIn, knownDevice } from '../sessions/deviceCookie.ts';
import { findLiveChallenge, useChallenge } from '../sessions/loginChallenges.ts';
import * as q from '../queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { openSession } from '../sessions/sessions.ts';
import { clearAfterSignIn, recordFailure, signInKeys, type ThrottleKey } from '../sessions/throttle.ts';
import { countUnusedRecoveryCodes } from './totpQueries.ts';
import { type SecondFactor, useSecondFactor } from './totpService.ts';

const challengeGone = () =>
  new AppError('auth.challenge_invalid', 401, 'Время на ввод кода истекло или вход уже выполнен. Войдите заново с логином и паролем.');

/**
 * Second step of a sign-in: the challenge from `POST /auth/login` and a code from the app (or a
 * recovery code). A wrong code counts towards the same counters as a wrong password (the known
 * device's own, or the untrusted clients').
 */
export async function logInWithCode(db: Db, input: { challenge: string; code: string }, client: Client, now: Date, context: Omit<SignInContext, 'demoPublic'>) {
  const { secretKey } = context;
  const challenge = await findLiveChallenge(db, input.challenge, now);
  if (!challenge) throw challengeGone();
  const user = await q.findUserById(db, challenge.userId);
  if (!user) throw challengeGone();
  const keys = signInKeys(user.login, client.address, knownDevice(secretKey, context.deviceCookie, user.login, now));
  await refuseIfLocked(db, keys, { userId: user.id, login: user.login }, client, now);
  if (user.lockedAt) {
    throw new AppError('auth.account_locked', 403, 'Учётная запись заблокирована. Обратитесь к администратору школы за новым кодом активации.');
  }
  const outcome = await db.transaction(async (tx) => {
    const factor = await useSecondFactor(tx, secretKey, user.id, input.code, now);
    if (!factor.ok) return { factor, opened: null };
    if (!(await useChallenge(tx, challenge.id, now))) throw challengeGone();
    await clearAfterSignIn(tx, keys);
    const opened = await openSession(tx, user, client, now);
    const left = factor.method === 'recovery_code' ? { recoveryCodesLeft: await countUnusedRecoveryCodes(tx, user.id) } : {};
    await recordSecurityEvent(tx, {
      kind: 'login.succeeded', userId: user.id, login: user.login, ...client,
      details: { sessionId: opened.session.id, secondFactor: factor.method, ...left },
    });
    return { factor, opened };
  });
  if (outcome.opened) return { ...outcome.opened, deviceCookie: deviceCookieAfterSignIn(secretKey, context.deviceCookie, user.login, now) };
  throw await refuseCode(db, keys, user, outcome.factor, client, now);
}

async function refuseCode(
  db: Db, keys: ThrottleKey[], user: { id: string; login: string }, factor: SecondFactor, client: Client, now: Date,
) {
  const reason = factor.ok ? 'invalid' : factor.reason;
  const lock = await db.transaction(async (tx) => {
    const nowLocked = await recordFailure(tx, keys, now);
    await recordSecurityEvent(tx, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: `second_factor_${reason}` } });
    return nowLocked;
  });
  if (lock) return tooManyAttempts(lock, now);
  return reason === 'reused'
    ? new AppError('auth.code_reused', 401, 'Этот код уже использован. Дождитесь следующего кода в приложении.', { code: 'Код уже использован' })
    : new AppError('auth.invalid_code', 401, 'Неверный код', { code: 'Неверный код' });
}
