import { ZTimestamp } from './common.ts';
import { z } from './zod.ts';

/** Six digits from the authenticator app, or one of the recovery codes. */
const ZCode = z.string().trim().min(1, 'Введите код').max(30, 'Не длиннее 30 символов');

/** Returned once when enrolment starts: the person types the secret or scans the URI as a QR code. */
export const ZTotpEnrolment = z.object({
  secret: z.string(),
  /** `otpauth://totp/...`: the web shows it as a QR code. */
  uri: z.string(),
  issuer: z.string(),
  label: z.string(),
  algorithm: z.literal('SHA1'),
  digits: z.literal(6),
  period: z.literal(30),
});
export type TotpEnrolment = z.infer<typeof ZTotpEnrolment>;

export const ZTotpStatus = z.object({
  enabled: z.boolean(),
  /** Enrolment started but not yet confirmed with a code. */
  pending: z.boolean(),
  confirmedAt: ZTimestamp.nullable(),
  recoveryCodesLeft: z.number().int(),
  /** A school of this person requires a second factor for its administrators. */
  required: z.boolean(),
});

export const ZTotpConfirm = z.object({ code: ZCode });
/** Shown once, never again: the person prints or writes them down. */
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const ZTotpDisable = z.object({
  password: z.string().min(1, 'Введите пароль').max(200, 'Не длиннее 200 символов'),
  code: ZCode,
});

/** The answer of `POST /auth/login` when the password was right and a second factor is due. */
export const ZMfaRequired = z.object({
  mfaRequired: z.literal(true),
  /** Opaque, single use, valid for 5 minutes; send it back with the code. */
  challenge: z.string(),
});
export type MfaRequired = z.infer<typeof ZMfaRequired>;

export const ZLoginTotp = z.object({ challenge: z.string().min(20, 'Неверный вызов').max(100, 'Неверный вызов'), code: ZCode });
