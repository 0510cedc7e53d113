import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../passwords.ts';
import { isCommonPassword } from '../commonPasswords.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, badRequest } from '../../../errors.ts';
import * as q from '../queries.ts';
import { DEMO_PASSWORD, demoLoginRefusal } from './demoLogins.ts';
import { hasSecondFactor, issueChallenge } from './loginChallenges.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSessionsOfUser, openSession } from './sessions.ts';
import { deviceCookieAfterSignIn, knownDevice } from './deviceCookie.ts';
import { clearAfterSignIn, currentLock, type Lock, recordFailure, signInKeys, type ThrottleKey } from './throttle.ts';

export type Client = { address: string; userAgent: string };

/** What the browser brings to a sign-in besides the form: its device cookie, read with the server's key. */
export type SignInContext = { secretKey: string | null; deviceCookie: string | undefined; demoPublic?: boolean };

/** Verified against when the login is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
const timingDecoy = () => (dummyHash ??= hashPassword('klassny-timing-decoy-password'));

const invalidCredentials = () => new AppError('auth.invalid_credentials', 401, 'Неверный логин или пароль');

/** The refusal while a counter is locked: how long to wait, and, for new browsers, that known ones still get in. */
export function tooManyAttempts(lock: Lock, now: Date) {
  const seconds = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 1000));
  const wait = `Повторите через ${Math.ceil(seconds / 60)} мин.`;
  const message = lock.kind === 'untrusted'
    ? `Слишком много неудачных попыток входа под этим логином с новых устройств. ${wait} В браузере, в котором вы уже входили, вход открыт.`
    : `Слишком много неудачных попыток входа. ${wait}`;
  return new AppError('auth.locked', 429, message, { retryAfterSeconds: String(seconds) });
}

/** Refuses while the attempt's counters are locked, logging it. */
export async function refuseIfLocked(db: Db, keys: ThrottleKey[], who: { userId?: string; login: string }, client: Client, now: Date) {
  const lock = await currentLock(db, keys, now);
  if (!lock) return;
  await recordSecurityEvent(db, { kind: 'login.locked', ...who, ...client, details: { until: lock.until.toISOString(), counter: lock.kind } });
  throw tooManyAttempts(lock, now);
}

/**
 * Password sign-in. An unknown login and a wrong password get the same answer after the same
 * work; both count towards the throttle (throttle.ts): the known device's own, or the untrusted
 * clients' of that login, of the address with that login, and of the address.
 */
export async function logIn(db: Db, input: { login: string; password: string }, client: Client, now: Date, context: SignInContext) {
  const device = knownDevice(context.secretKey, context.deviceCookie, input.login, now);
  const keys = signInKeys(input.login, client.address, device);
  const trust = { knownDevice: device !== null };
  await refuseIfLocked(db, keys, { login: input.login }, client, now);
  const user = await q.findUserByLogin(db, input.login);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await timingDecoy(), input.password), false);
  if (!user || !passwordOk) {
    const lock = await db.transaction(async (tx) => {
      const nowLocked = await recordFailure(tx, keys, now);
      await recordSecurityEvent(tx, { kind: 'login.failed', userId: user?.id ?? null, login: input.login, ...client, details: trust });
      return nowLocked;
    });
    throw lock ? tooManyAttempts(lock, now) : invalidCredentials();
  }
  const demoRefusal = demoLoginRefusal(input.password, client.address, context.demoPublic ?? false);
  if (demoRefusal) {
    await recordSecurityEvent(db, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: 'demo_remote' } });
    throw demoRefusal;
  }
  if (user.lockedAt) {
    await recordSecurityEvent(db, { kind: 'login.failed', userId: user.id, login: user.login, ...client, details: { reason: 'account_locked' } });
    throw new AppError('auth.account_locked', 403, 'Учётная запись заблокирована. Обратитесь к администратору школы за новым кодом активации.');
  }
  if (await hasSecondFactor(db, user.id)) {
    // The counters are forgiven only after the code too: else a known password would reset the
    // count between guesses of the code.
    return db.transaction(async (tx) => {
      const challenge = await issueChallenge(tx, user.id, now);
      await recordSecurityEvent(tx, { kind: 'login.mfa_required', userId: user.id, login: user.login, ...client });
      return { mfaRequired: true as const, challenge };
    });
  }
  const opened = await db.transaction(async (tx) => {
    await clearAfterSignIn(tx, keys);
    const session = await openSession(tx, user, client, now);
    await recordSecurityEvent(tx, { kind: 'login.succeeded', userId: user.id, login: user.login, ...client, details: { sessionId: session.session.id, ...trust } });
    return session;
  });
  return { ...opened, deviceCookie: deviceCookieAfterSignIn(context.secretKey, context.deviceCookie, user.login, now) };
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
