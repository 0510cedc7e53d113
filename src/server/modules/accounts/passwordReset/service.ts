import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../db/ids.ts';
import { AppError, badRequest } from '../../../errors.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import * as q from './queries.ts';
import { assertAcceptablePassword, type Client } from '../sessions/authService.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import * as accounts from '../queries.ts';
import { recordSecurityEvent } from '../securityEvents.ts';
import { endSessionsOfUser, hashToken } from '../sessions/sessions.ts';

export const RESET_LIFETIME_MS = 60 * 60 * 1000;
export const CONFIRM_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;
/** One link a minute at most, so the form cannot flood someone's mailbox. */
const RESEND_AFTER_MS = 60 * 1000;

export type MailContext = { mailer: Mailer; publicUrl: string; log: FastifyBaseLogger };

export const RESET_ACCEPTED = 'Если у этой учётной записи есть подтверждённый адрес электронной почты, на него отправлена ссылка для смены пароля. Если письма нет, попросите новый код активации у классного руководителя или администратора школы';

async function newToken(tx: Db, userId: string, purpose: q.AccountTokenPurpose, lifetimeMs: number, now: Date, email?: string) {
  const token = randomBytes(32).toString('base64url');
  await q.retireTokens(tx, userId, purpose, now);
  await q.insertToken(tx, {
    id: newId(), userId, purpose, email: email ?? null, tokenHash: hashToken(token), createdAt: now, expiresAt: new Date(now.getTime() + lifetimeMs),
  });
  return token;
}

/**
 * `POST /auth/password-reset`: the answer is the same whatever the login (no enumeration); only
 * an unlocked account with a confirmed e-mail gets a link. A locked (compromised) account is
 * reopened only by a new activation code.
 */
export async function requestPasswordReset(db: Db, mail: MailContext, login: string, client: Client, now: Date): Promise<void> {
  const user = await accounts.findUserByLogin(db, login);
  const eligible = user && user.email && user.emailConfirmedAt && !user.lockedAt
    && !(await q.tokenSentSince(db, user.id, 'password_reset', new Date(now.getTime() - RESEND_AFTER_MS)));
  const token = await db.transaction(async (tx) => {
    await recordSecurityEvent(tx, { kind: 'password.reset_requested', userId: user?.id ?? null, login, ...client, details: { sent: Boolean(eligible) } });
    return eligible ? newToken(tx, user.id, 'password_reset', RESET_LIFETIME_MS, now) : null;
  });
  if (!token || !user?.email) return;
  const link = `${mail.publicUrl}/reset?token=${token}`;
  try {
    await mail.mailer.send({
      to: user.email,
      subject: 'Смена пароля в электронном журнале',
      text: [
        `Здравствуйте, ${user.displayName}!`,
        '',
        `Кто-то (надеемся, вы) попросил сменить пароль учётной записи «${user.login}» в электронном журнале.`,
        'Чтобы задать новый пароль, откройте ссылку (она действует 1 час и только один раз):',
        link,
        '',
        'Если вы не просили смену пароля, просто не открывайте ссылку: пароль останется прежним.',
      ].join('\n'),
    });
  } catch (error) {
    // The answer stays the same; the operator sees the failure in the log.
    mail.log.error({ err: error }, 'password reset mail not sent');
  }
}

const invalidToken = () => badRequest('password_reset.invalid_token', 'Ссылка недействительна: она устарела или уже использована. Запросите новую', {
  token: 'Недействительная ссылка',
});

/** `POST /auth/password-reset/confirm`: sets the password once, ends every session of the person. */
export async function confirmPasswordReset(db: Db, input: { token: string; password: string }, client: Client, now: Date): Promise<void> {
  const token = await q.findLiveToken(db, hashToken(input.token), 'password_reset', now);
  const user = token ? await accounts.findUserById(db, token.userId) : undefined;
  if (!token || !user || user.lockedAt) throw invalidToken();
  assertAcceptablePassword(input.password, user.login, 'password');
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    if (!(await q.markTokenUsed(tx, token.id, now))) throw invalidToken();
    await accounts.setPasswordHash(tx, user.id, passwordHash);
    const ended = await endSessionsOfUser(tx, user.id, 'password_reset', now);
    await recordSecurityEvent(tx, { kind: 'password.reset', userId: user.id, login: user.login, ...client, details: { endedSessions: ended } });
  });
}

/** `GET /me/email`: the person's address and whether it is confirmed (their profile page shows it). */
export async function emailState(db: Db, userId: string) {
  const user = await accounts.findUserById(db, userId);
  return { email: user?.email ?? null, confirmed: Boolean(user?.email && user.emailConfirmedAt) };
}

/**
 * `PATCH /me/email`: stores the new address unconfirmed (reset links wait for confirmation) and
 * sends it a confirmation link. Needs the current password: the address decides where resets go.
 */
export async function changeEmail(
  db: Db, mail: MailContext, userId: string, input: { email: string | null; currentPassword: string }, client: Client, now: Date,
) {
  const user = await accounts.findUserById(db, userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('auth.wrong_password', 'Текущий пароль введён неверно', { currentPassword: 'Неверный пароль' });
  }
  const email = input.email?.trim() ?? null;
  const token = await db.transaction(async (tx) => {
    await accounts.updateUser(tx, userId, { email, emailConfirmedAt: null });
    await recordSecurityEvent(tx, { kind: 'email.changed', userId, login: user.login, ...client, details: { email, previous: user.email } });
    return email ? newToken(tx, userId, 'email_confirm', CONFIRM_LIFETIME_MS, now, email) : null;
  });
  if (token && email) {
    try {
      await mail.mailer.send({
        to: email,
        subject: 'Подтвердите адрес электронной почты',
        text: [
          `Здравствуйте, ${user.displayName}!`,
          '',
          `Этот адрес указан для учётной записи «${user.login}» в электронном журнале. Чтобы подтвердить его, откройте ссылку:`,
          `${mail.publicUrl}/api/v1/auth/email/confirm?token=${token}`,
          '',
          'Если вы не указывали этот адрес, ничего не делайте.',
        ].join('\n'),
      });
    } catch (error) {
      mail.log.error({ err: error }, 'e-mail confirmation not sent');
      throw new AppError('mail.unavailable', 503, 'Адрес сохранён, но письмо отправить не удалось. Попробуйте позже');
    }
  }
  return { email, confirmed: false };
}

/** The link from the confirmation letter; it confirms only the address it was sent to. */
export async function confirmEmail(db: Db, tokenText: string, client: Client, now: Date) {
  const token = await q.findLiveToken(db, hashToken(tokenText), 'email_confirm', now);
  const user = token ? await accounts.findUserById(db, token.userId) : undefined;
  if (!token || !user || !token.email || user.email !== token.email) {
    throw badRequest('email.invalid_token', 'Ссылка недействительна: она устарела, уже использована или адрес с тех пор изменён', { token: 'Недействительная ссылка' });
  }
  await db.transaction(async (tx) => {
    if (!(await q.markTokenUsed(tx, token.id, now))) throw badRequest('email.invalid_token', 'Ссылка уже использована', { token: 'Недействительная ссылка' });
    await accounts.updateUser(tx, user.id, { emailConfirmedAt: now });
    await recordSecurityEvent(tx, { kind: 'email.confirmed', userId: user.id, login: user.login, ...client, details: { email: token.email } });
  });
  return { email: token.email, confirmed: true };
}
