import type { Activate } from '../../../../shared/contract/activation.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { AppError, conflict } from '../../../errors.ts';
import * as people from '../../people/service.ts';
import { hashCode, normaliseCode } from './activationCodes.ts';
import * as q from './activationQueries.ts';
import { deleteTotp } from '../totp/totpQueries.ts';
import { assertAcceptablePassword, type Client } from '../sessions/authService.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import * as accounts from '../queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSessionsOfUser, openSession } from '../sessions/sessions.ts';
import { activationKeys, clearAfterSignIn, currentLock, type Lock, recordFailure, signInKeys } from '../sessions/throttle.ts';

/** One answer for an unknown, expired, used or revoked code: it must not tell which. */
const invalidCode = () => new AppError('activation.invalid_code', 400, 'Код активации неверен, истёк или уже использован. Попросите новый у классного руководителя или администратора', {
  code: 'Неверный или недействительный код',
});

function tooManyAttempts({ until }: Lock, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('auth.locked', 429, `Слишком много неудачных попыток. Повторите через ${Math.max(1, Math.ceil(seconds / 60))} мин.`, {
    retryAfterSeconds: String(seconds),
  });
}

const fullName = (p: { lastName: string; firstName: string; middleName: string }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

async function personName(db: Db, code: q.ActivationCodeRow): Promise<string | null> {
  const lookup = code.personKind === 'staff' ? people.staffByIds : code.personKind === 'student' ? people.studentsByIds : people.guardiansByIds;
  const [person] = await lookup(db, code.schoolId, [code.personId]);
  return person ? fullName(person) : null;
}

/** A live code for `input`, or null; what was typed is only ever compared by its hash. */
async function liveCode(db: Db, input: string, now: Date) {
  const normalised = normaliseCode(input);
  const code = normalised ? await q.findCodeByHash(db, hashCode(normalised)) : undefined;
  if (!code || code.usedAt || code.revokedAt || code.expiresAt <= now) return null;
  return code;
}

type Plan =
  | { kind: 'reissued'; user: accounts.UserRow; passwordHash: string }
  | { kind: 'attached'; user: accounts.UserRow }
  | { kind: 'created'; passwordHash: string };

/**
 * `POST /auth/activate`: the person on a credential slip types the code and chooses a login and a
 * password. Three outcomes: the person already has an account (a re-issued code: new password,
 * unlocked, every old session ended), the login is theirs already (another role joins that
 * account: a teacher who is also a parent), or a new account.
 */
export async function activate(db: Db, input: Activate, client: Client, now: Date) {
  const addressKeys = activationKeys(client.address);
  const addressLock = await currentLock(db, addressKeys, now);
  if (addressLock) throw tooManyAttempts(addressLock, now);
  const code = await liveCode(db, input.code, now);
  const name = code ? await personName(db, code) : null;
  if (!code || name === null) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, addressKeys, now);
      await recordSecurityEvent(tx, { kind: 'activation.failed', login: input.login, ...client });
    });
    throw invalidCode();
  }
  const plan = await planFor(db, code, input, client, now);

  return db.transaction(async (tx) => {
    const userId = plan.kind === 'created' ? newId() : plan.user.id;
    if (plan.kind === 'created') {
      await accounts.insertUser(tx, { id: userId, login: input.login, passwordHash: plan.passwordHash, displayName: name });
    }
    if (!(await q.markCodeUsed(tx, code.id, userId, now))) throw invalidCode();
    let endedSessions = 0;
    if (plan.kind === 'reissued') {
      await accounts.updateUser(tx, userId, { login: input.login, passwordHash: plan.passwordHash, lockedAt: null });
      endedSessions = await endSessionsOfUser(tx, userId, 'reactivated', now);
      // A re-issued code is the way back for a lost phone, and after a compromise an intruder may
      // have enrolled a factor of their own: the person starts again without one.
      await deleteTotp(tx, userId);
    } else {
      await accounts.insertRoles(tx, [{ id: newId(), userId, schoolId: code.schoolId, role: code.role, personId: code.personId }]);
      await recordSecurityEvent(tx, {
        kind: 'role.granted', userId, schoolId: code.schoolId, login: input.login, ...client,
        details: { role: code.role, personId: code.personId, by: 'activation_code', codeId: code.id },
      });
    }
    await recordSecurityEvent(tx, {
      kind: 'account.activated', userId, schoolId: code.schoolId, login: input.login, ...client,
      details: { outcome: plan.kind, codeId: code.id, role: code.role, personKind: code.personKind, personId: code.personId, endedSessions },
    });
    await clearAfterSignIn(tx, signInKeys(input.login, client.address, null));
    const user = (await accounts.findUserById(tx, userId))!;
    return openSession(tx, user, client, now);
  });
}

/** Decides the outcome before the transaction, so the slow password hashing happens outside it. */
async function planFor(db: Db, code: q.ActivationCodeRow, input: Activate, client: Client, now: Date): Promise<Plan> {
  const holder = await q.findRoleHolder(db, code.schoolId, code.role, code.personId);
  const owner = await accounts.findUserByLogin(db, input.login);
  if (holder) {
    if (owner && owner.id !== holder.id) throw loginTaken(input.login);
    assertAcceptablePassword(input.password, input.login, 'password');
    return { kind: 'reissued', user: holder, passwordHash: await hashPassword(input.password) };
  }
  if (owner) {
    // Adding a role to an existing account proves its password, under the sign-in throttle.
    const keys = signInKeys(input.login, client.address, null);
    const lock = await currentLock(db, keys, now);
    if (lock) throw tooManyAttempts(lock, now);
    if (!owner.passwordHash || !(await verifyPassword(owner.passwordHash, input.password))) {
      await db.transaction(async (tx) => {
        await recordFailure(tx, keys, now);
        await recordSecurityEvent(tx, { kind: 'login.failed', userId: owner.id, login: input.login, ...client, details: { via: 'activation' } });
      });
      throw loginTaken(input.login);
    }
    if (owner.lockedAt) {
      throw new AppError('auth.account_locked', 403, 'Эта учётная запись заблокирована. Выберите другой логин или обратитесь к администратору школы');
    }
    if (await accounts.findRole(db, owner.id, code.schoolId, code.role)) {
      throw conflict('activation.role_held', 'У этой учётной записи уже есть такая роль в этой школе', { login: 'Уже есть такая роль' });
    }
    return { kind: 'attached', user: owner };
  }
  assertAcceptablePassword(input.password, input.login, 'password');
  return { kind: 'created', passwordHash: await hashPassword(input.password) };
}

const loginTaken = (login: string) => conflict(
  'account.login_taken',
  `Логин «${login}» уже занят. Если это ваша учётная запись, введите её пароль, чтобы добавить к ней новую роль`,
  { login: 'Логин занят' },
);
