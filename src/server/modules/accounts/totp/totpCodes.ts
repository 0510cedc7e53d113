import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
export const TOTP_ISSUER = 'Klassny';
/** One step either side: a phone clock a little off, or a code typed as it changed. */
const WINDOW = 1;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export const totpUri = (secret: string, label: string) =>
  new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret), ...TOTP_PARAMS }).toString();

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

/** The time step the code belongs to (now ±1), or null when it matches none. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!isTotpCode(code)) return null;
  const totp = new TOTP({ secret: Secret.fromBase32(secret), ...TOTP_PARAMS });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

// Recovery codes: 12 characters of an alphabet without look-alikes (≈59 bits), each stored with
// its own random salt (ASVS 2.6.3: lookup secrets under 112 bits are salted and hashed).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** What a person might type: any case, with or without dashes and spaces. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

const digest = (salt: string, normalised: string) => createHash('sha256').update(`${salt}:${normalised}`).digest('hex');

export function hashRecoveryCode(code: string) {
  const salt = randomBytes(16).toString('hex');
  return { salt, codeHash: digest(salt, normaliseRecoveryCode(code)) };
}

export function recoveryCodeMatches(code: string, stored: { salt: string; codeHash: string }): boolean {
  const actual = Buffer.from(digest(stored.salt, normaliseRecoveryCode(code)), 'hex');
  const expected = Buffer.from(stored.codeHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
