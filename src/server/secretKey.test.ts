import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { resolveSecretKey, seal, SECRET_KEY_FILE, unseal } from './secretKey.ts';

const dirs: string[] = [];
const tempDir = () => { const dir = mkdtempSync(path.join(tmpdir(), 'klassny-key-')); dirs.push(dir); return dir; };
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('the secret key', () => {
  it('is made once for the embedded database, kept in DATA_DIR/secret.key readable by the owner only', () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = resolveSecretKey({ dataDir, databaseUrl: undefined, secretKey: undefined });
    const file = path.join(dataDir, SECRET_KEY_FILE);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey({ dataDir, databaseUrl: undefined, secretKey: undefined })).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('is SECRET_KEY when set, and none for PostgreSQL without it (several servers must share one key)', () => {
    const dataDir = tempDir();
    expect(resolveSecretKey({ dataDir, databaseUrl: 'postgres://db/klassny', secretKey: 'k'.repeat(40) })).toBe('k'.repeat(40));
    expect(resolveSecretKey({ dataDir, databaseUrl: 'postgres://db/klassny', secretKey: undefined })).toBeNull();
    expect(() => statSync(path.join(dataDir, SECRET_KEY_FILE))).toThrow();
  });

  it('is read from SECRET_KEY, which must be at least 32 characters', () => {
    expect(loadConfig({ SECRET_KEY: 'x'.repeat(32) }).secretKey).toBe('x'.repeat(32));
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(() => loadConfig({ SECRET_KEY: 'short' })).toThrow(ConfigError);
  });

  it('seals with AES-256-GCM: a fresh nonce each time, and tampering or another binding does not open', () => {
    const key = 'k'.repeat(40);
    const a = seal(key, 'totp-secret', 'JBSWY3DPEHPK3PXP', 'user-1');
    expect(a).not.toBe(seal(key, 'totp-secret', 'JBSWY3DPEHPK3PXP', 'user-1'));
    expect(unseal(key, 'totp-secret', a, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(unseal(key, 'totp-secret', a, 'user-2')).toBeNull();
    expect(unseal(key, 'other-purpose', a, 'user-1')).toBeNull();
    const parts = a.split('.');
    const body = parts[3]!;
    const flipped = [...parts.slice(0, 3), `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`].join('.');
    expect(unseal(key, 'totp-secret', flipped, 'user-1')).toBeNull();
    expect(unseal(key, 'totp-secret', 'garbage', 'user-1')).toBeNull();
  });
});
