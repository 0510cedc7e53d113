import type { Role } from '../../../../shared/contract/enums.ts';
import type { TotpEnrolment } from '../../../../shared/contract/totp.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { AppError, badRequest, conflict, notFound } from '../../../errors.ts';
import type { Actor } from '../../../policy/policy.ts';
import { seal, unseal } from '../../../secretKey.ts';
import { schoolsRequiringAdminTotp } from '../../organisation/service.ts';
import type { Client } from '../sessions/authService.ts';
import { verifyPassword } from '../passwords.ts';
import * as q from '../queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import {
  hashRecoveryCode, isTotpCode, matchTotpStep, newRecoveryCode, newTotpSecret, RECOVERY_CODE_COUNT,
  recoveryCodeMatches, TOTP_ISSUER, TOTP_PARAMS, totpUri,
} from './totpCodes.ts';
import * as tq from './totpQueries.ts';

/** Families sign in with a password only; a second factor is for people who write the journal. */
const STAFF_ROLES: readonly Role[] = ['admin', 'director', 'deputy', 'teacher'];
const SEAL_PURPOSE = 'totp-secret';

const isStaff = (actor: Actor) => actor.platformAdmin || actor.roles.some((r) => STAFF_ROLES.includes(r.role));

function keyOrRefuse(secretKey: string | null): string {
  if (secretKey) return secretKey;
  throw conflict('totp.unavailable', 'Вход с кодом из приложения недоступен: на сервере не задан SECRET_KEY (он обязателен при работе с PostgreSQL). Обратитесь к администратору сервера.');
}

function openSecret(secretKey: string | null, row: tq.UserTotpRow): string {
  const secret = unseal(keyOrRefuse(secretKey), SEAL_PURPOSE, row.secret, row.userId);
  if (secret === null) {
    throw conflict('totp.unreadable', 'Секрет второго фактора не читается: на сервере сменился SECRET_KEY. Обратитесь к администратору сервера.');
  }
  return secret;
}

/** Schools where the actor is an administrator and the school requires TOTP of administrators. */
export async function schoolsRequiringTotpOf(db: Db, actor: Actor): Promise<string[]> {
  const adminSchools = actor.roles.filter((r) => r.role === 'admin').map((r) => r.schoolId);
  return adminSchools.length === 0 ? [] : schoolsRequiringAdminTotp(db, [...new Set(adminSchools)]);
}

/** For `/me` and the write guard: has a second factor; must enrol one before doing anything else. */
export async function totpFlags(db: Db, actor: Actor) {
  const totpEnabled = await tq.hasConfirmedTotp(db, actor.userId);
  const totpSetupRequired = !totpEnabled && (await schoolsRequiringTotpOf(db, actor)).length > 0;
  return { totpEnabled, totpSetupRequired };
}

/** The write guard's question, cheapest query first: most administrators' schools require nothing. */
export async function mustEnrolTotp(db: Db, actor: Actor): Promise<boolean> {
  return (await schoolsRequiringTotpOf(db, actor)).length > 0 && !(await tq.hasConfirmedTotp(db, actor.userId));
}

export async function totpStatus(db: Db, actor: Actor) {
  const row = await tq.findTotp(db, actor.userId);
  return {
    enabled: Boolean(row?.confirmedAt),
    pending: Boolean(row && !row.confirmedAt),
    confirmedAt: row?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: row?.confirmedAt ? await tq.countUnusedRecoveryCodes(db, actor.userId) : 0,
    required: (await schoolsRequiringTotpOf(db, actor)).length > 0,
  };
}

/** Step 1: a fresh secret, kept sealed and unconfirmed until the person types a code from it. */
export async function startEnrolment(db: Db, secretKey: string | null, actor: Actor, now: Date): Promise<TotpEnrolment> {
  if (!isStaff(actor)) throw new AppError('totp.staff_only', 403, 'Вход с кодом из приложения доступен только сотрудникам');
  const key = keyOrRefuse(secretKey);
  const user = await q.findUserById(db, actor.userId);
  if (!user) throw notFound('user', 'Пользователь не найден');
  const secret = newTotpSecret();
  const started = await tq.upsertPendingTotp(db, user.id, seal(key, SEAL_PURPOSE, secret, user.id), now);
  if (!started) throw alreadyEnabled();
  return { secret, uri: totpUri(secret, user.login), issuer: TOTP_ISSUER, label: user.login, ...TOTP_PARAMS };
}

const alreadyEnabled = () => conflict('totp.already_enabled', 'Вход с кодом из приложения уже включён');
const invalidCode = () => badRequest('totp.invalid_code', 'Неверный код', { code: 'Неверный код' });

/** Step 2: the first code proves the app holds the secret; the recovery codes are shown once. */
export async function confirmEnrolment(db: Db, secretKey: string | null, actor: Actor, code: string, client: Client, now: Date) {
  const row = await tq.findTotp(db, actor.userId);
  if (!row) throw conflict('totp.not_started', 'Сначала начните подключение приложения');
  if (row.confirmedAt) throw alreadyEnabled();
  const step = matchTotpStep(openSecret(secretKey, row), code, now);
  if (step === null) throw invalidCode();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    if (!(await tq.confirmTotp(tx, actor.userId, step, now))) throw alreadyEnabled();
    await tq.replaceRecoveryCodes(tx, actor.userId, codes.map((c) => ({ id: newId(), userId: actor.userId, ...hashRecoveryCode(c), createdAt: now })));
    await recordSecurityEvent(tx, { kind: 'totp.enabled', userId: actor.userId, ...client });
  });
  return { recoveryCodes: codes };
}

export type SecondFactor = { ok: true; method: 'totp' | 'recovery_code' } | { ok: false; reason: 'invalid' | 'reused' };

/**
 * Checks a TOTP code or a recovery code and uses it up (the time step, or the recovery code), in
 * the caller's transaction. A code of an already used step is refused as reused.
 */
export async function useSecondFactor(db: Db, secretKey: string | null, userId: string, code: string, now: Date): Promise<SecondFactor> {
  const row = await tq.findTotp(db, userId);
  if (!row?.confirmedAt) return { ok: false, reason: 'invalid' };
  if (isTotpCode(code)) {
    const step = matchTotpStep(openSecret(secretKey, row), code, now);
    if (step === null) return { ok: false, reason: 'invalid' };
    return (await tq.useTotpStep(db, userId, step)) ? { ok: true, method: 'totp' } : { ok: false, reason: 'reused' };
  }
  const match = (await tq.unusedRecoveryCodes(db, userId)).find((stored) => recoveryCodeMatches(code, stored));
  if (!match || !(await tq.useRecoveryCode(db, match.id, now))) return { ok: false, reason: 'invalid' };
  return { ok: true, method: 'recovery_code' };
}

/** Turning the factor off takes the password and a code, and is refused where a school requires it. */
export async function disableTotp(
  db: Db, secretKey: string | null, actor: Actor, input: { password: string; code: string }, client: Client, now: Date,
) {
  if (!(await tq.hasConfirmedTotp(db, actor.userId))) throw conflict('totp.not_enabled', 'Вход с кодом из приложения не включён');
  if ((await schoolsRequiringTotpOf(db, actor)).length > 0) {
    throw conflict('totp.required', 'Школа требует от администраторов вход с кодом из приложения: отключить его нельзя');
  }
  const user = await q.findUserById(db, actor.userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
    throw badRequest('auth.wrong_password', 'Пароль введён неверно', { password: 'Неверный пароль' });
  }
  await db.transaction(async (tx) => {
    const factor = await useSecondFactor(tx, secretKey, actor.userId, input.code, now);
    if (!factor.ok) throw invalidCode();
    await tq.deleteTotp(tx, actor.userId);
    await recordSecurityEvent(tx, { kind: 'totp.disabled', userId: actor.userId, login: user.login, ...client, details: { with: factor.method } });
  });
}
