import { randomBytes, timingSafeEqual } from 'node:crypto';
import { signature } from '../../../secretKey.ts';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a
 * successful sign-in the browser gets LOGIN.NONCE.EXPIRY.HMAC(secret key, LOGIN.NONCE.EXPIRY).
 * A sign-in that shows a valid one for its login is a known device with its own allowance of
 * failures (keyed by the nonce); anything else — no cookie, forged, expired, another login's — is an
 * untrusted client. One cookie holds a token per login, so a family tablet keeps each person's.
 * Without a secret key (PostgreSQL and no SECRET_KEY) no token is made and every client is untrusted.
 */
export const DEVICE_COOKIE = 'klassny_device';
export const DEVICE_TOKEN_SECONDS = 180 * 24 * 60 * 60;
const PURPOSE = 'device-cookie';
const MAX_LOGINS = 5;

/** A browser that signed in as `login` before; `nonce` names its own failure counter. */
export type KnownDevice = { login: string; nonce: string };

export const normalLogin = (login: string) => login.trim().toLowerCase();

function sameText(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The token's device, or null when it is malformed, not ours or expired. */
function readToken(secretKey: string, token: string, now: Date): KnownDevice | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [encodedLogin, nonce, expiry, mac] = parts as [string, string, string, string];
  if (!sameText(mac, signature(secretKey, PURPOSE, `${encodedLogin}.${nonce}.${expiry}`))) return null;
  if (!/^\d{1,12}$/.test(expiry) || Number(expiry) * 1000 <= now.getTime()) return null;
  return { login: Buffer.from(encodedLogin, 'base64url').toString('utf8'), nonce };
}

const tokensOf = (cookie: string | undefined) => (cookie ? cookie.split('~').slice(0, MAX_LOGINS) : []);

/** The known device behind the cookie for this login, or null (an untrusted client). */
export function knownDevice(secretKey: string | null, cookie: string | undefined, login: string, now: Date): KnownDevice | null {
  if (!secretKey) return null;
  const wanted = normalLogin(login);
  for (const token of tokensOf(cookie)) {
    const device = readToken(secretKey, token, now);
    if (device?.login === wanted) return device;
  }
  return null;
}

/** A fresh token for `login` (a new nonce after each sign-in), signed with the server's key. */
export function issueDeviceToken(secretKey: string, login: string, now: Date): string {
  const body = [
    Buffer.from(normalLogin(login)).toString('base64url'),
    randomBytes(16).toString('base64url'),
    String(Math.floor(now.getTime() / 1000) + DEVICE_TOKEN_SECONDS),
  ].join('.');
  return `${body}.${signature(secretKey, PURPOSE, body)}`;
}

/**
 * The cookie's value after `login` signed in: its fresh token first, then the other logins' still
 * valid tokens (the oldest dropped past five); null without a secret key.
 */
export function deviceCookieAfterSignIn(secretKey: string | null, cookie: string | undefined, login: string, now: Date): string | null {
  if (!secretKey) return null;
  const others = tokensOf(cookie).filter((token) => {
    const device = readToken(secretKey, token, now);
    return device !== null && device.login !== normalLogin(login);
  });
  return [issueDeviceToken(secretKey, login, now), ...others].slice(0, MAX_LOGINS).join('~');
}
