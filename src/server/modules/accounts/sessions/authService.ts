import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../passwords.ts';
import { isCommonPassword } from '../commonPasswords.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, badRequest } from '../../../errors.ts';
import * as q from '../queries.ts';
import { DEMO_PASSWORD, demoLoginRefusal } from './demoLogins.ts';
import { hasSecondFactor, issueChallenge } from './loginChallenges.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSessionsOfUser, openSession } from './sessions.ts';
import { clearLogin, lockedUntil, recordFailure, throttleKeys } from './throttle.ts';

export type Client = { address: string; userAgent: string };

/** Verified against when the login is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
const timingDecoy = () => (dummyHash ??= hashPassword('klassny-timing-decoy-password'));

const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'Неверный логин или пароль');

export function tooManyAttempts(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('auth.locked', 429, `Слишком много неудачных попыток входа. Повторите через ${minutes} мин.`, {
    retryAfterSeconds: String(Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });
}

/**
 * Password sign-in. An unknown login and a wrong password get the same answer after the same
 * work; both count towards the throttle of that login and of the address.
 */
export async function logIn(db: Db, input: { login: string; password: string }, client: Client, now: Date, demoPublic = false) {
  const keys = throttleKeys(input.login, client.address);
  const until = await lockedUntil(db, keys, now);
  if (until) {
    await recordSecurityEvent(db, { kind: 'login.locked', login: input.login, ...client, details: { until: until.toISOString() } });
    throw tooManyAttempts(until, now);
  }
  const user = await q.findUserByLogin(db, input.login);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await timingDecoy(), input.password), false);
  if (!user || !passwordOk) {
    const locked = await db.transaction(async (tx) => {
      const nowLocked = await recordFailure(tx, keys, now);
      await recordSecurityEvent(tx, { kind: 'login.failed', userId: user?.id ?? null, login: input.login, ...client });
      return nowLocked;
    });
    if (locked) {
      const lockEnd = await lockedUntil(db, keys, now);
      if (lockEnd) throw tooManyAttempts(lockEnd, now);
    }
    throw invalidCredentials();
  }
  const demoRefusal = demoLoginRefusal(input.password, client.address, demoPublic);
  if (demoRefusal) {
    await recordSecurityEvent(db, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: 'demo_remote' } });
    throw demoRefusal;
  }
  if (user.lockedAt) {
    await recordSecurityEvent(db, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: 'account_locked' } });
    throw new AppError('auth.account_locked', 403, 'Учётная запись заблокирована. Обратитесь к администратору школы за новым кодом активации.');
  }
  if (await hasSecondFactor(db, user.id)) {
    // The login's failures are forgiven only after the code too: else a known password would
    // reset the count between guesses of the code.
    return db.transaction(async (tx) => {
      const challenge = await issueChallenge(tx, user.id, now);
      await recordSecurityEvent(tx, { kind: 'login.mfa_required', userId: user.id, login: user.login, ...client });
      return { mfaRequired: true as const, challenge };
    });
  }
  return db.transaction(async (tx) => {
    await clearLogin(tx, keys);
    const opened = await openSession(tx, user, client, now);
    await recordSecurityEvent(tx, { kind: 'login.succeeded', userId: user.id, login: user.login, ...client, details: { sessionId: opened.session.id } });
    return opened;
  });
}

/** A new password ends every other session of the person (ASVS 3.3.3). */
export async function changePassword(
  db: Db,
  userId: string,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
  client: Client,
  now: Date,
) {
  const user = await q.findUserById(db, userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('auth.wrong_password', 'Текущий пароль введён неверно', { currentPassword: 'Неверный пароль' });
  }
  assertAcceptablePassword(input.newPassword, user.login);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await q.setPasswordHash(tx, userId, passwordHash);
    const ended = await endSessionsOfUser(tx, userId, 'password_changed', now, sessionId);
    await recordSecurityEvent(tx, { kind: 'password.changed', userId, login: user.login, ...client, details: { endedSessions: ended } });
  });
}

/** Every place that sets a password calls this; `field` names the form field the message belongs to. */
export function assertAcceptablePassword(password: string, login: string, field = 'newPassword') {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest('auth.weak_password', `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`, { [field]: 'Слишком короткий' });
  }
  if (login.length > 0 && password.toLowerCase().includes(login.toLowerCase())) {
    throw badRequest('auth.weak_password', 'Пароль не должен содержать логин', { [field]: 'Содержит логин' });
  }
  if (isCommonPassword(password) || password.toLowerCase() === DEMO_PASSWORD) {
    throw badRequest('auth.common_password', 'Этот пароль слишком распространён, его легко подобрать. Придумайте другой', {
      [field]: 'Входит в список самых распространённых паролей',
    });
  }
}
