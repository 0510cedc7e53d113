import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The key that seals secrets at rest: SECRET_KEY when set; with the embedded database, a random
 * key made once and kept in DATA_DIR/secret.key (0600) next to the data it protects; with
 * PostgreSQL and no SECRET_KEY, none — several servers must share one key, so we do not invent it.
 */
export function resolveSecretKey(config: Pick<Config, 'secretKey' | 'dataDir' | 'databaseUrl'>): string | null {
  if (config.secretKey) return config.secretKey;
  if (config.databaseUrl) return null;
  const file = path.join(config.dataDir, SECRET_KEY_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  // 'wx': two processes racing never overwrite each other's key (the data-dir lock prevents it anyway).
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

const VERSION = 'v1';

/** A 256-bit key for one purpose, so one SECRET_KEY can seal several kinds of secret. */
const keyFor = (secretKey: string, purpose: string) =>
  Buffer.from(hkdfSync('sha256', secretKey, 'klassny', `klassny:${purpose}`, 32));

/**
 * AES-256-GCM with a random 96-bit nonce; `boundTo` (e.g. the user id) is authenticated data, so a
 * sealed value copied onto another row does not open.
 */
export function seal(secretKey: string, purpose: string, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plaintext, or null when the value was sealed with another key or tampered with. */
export function unseal(secretKey: string, purpose: string, sealed: string, boundTo: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** HMAC-SHA-256 of `text` under the key for `purpose` (base64url): a token that the server alone can make. */
export const signature = (secretKey: string, purpose: string, text: string): string =>
  createHmac('sha256', keyFor(secretKey, purpose)).update(text).digest('base64url');
