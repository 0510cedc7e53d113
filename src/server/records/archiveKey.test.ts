import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { archiveKeyOf, archiveKeySourceOf, groupedFingerprint, keyFingerprint, normalizeFingerprint } from './archiveKey.ts';

const work = mkdtempSync(path.join(tmpdir(), 'klassny-archive-key-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SCHOOL = '01900000-0000-7000-8000-000000000001';
const OTHER = '01900000-0000-7000-8000-000000000002';

describe('the archive key', () => {
  it('is made once per school in DATA_DIR/keys, and the same key is read back', () => {
    const source = archiveKeySourceOf(loadConfig({ DATA_DIR: work }));
    const first = archiveKeyOf(source, SCHOOL);
    expect(archiveKeyOf(source, SCHOOL).fingerprint).toBe(first.fingerprint);
    expect(archiveKeyOf(source, OTHER).fingerprint).not.toBe(first.fingerprint);
    expect(readdirSync(path.join(work, 'keys')).sort()).toEqual([`archive-${SCHOOL}.pem`, `archive-${OTHER}.pem`].sort());
  });

  it('comes from ARCHIVE_KEY or ARCHIVE_KEY_FILE for every school when set', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = path.join(work, 'archive.pem');
    writeFileSync(file, pem);
    for (const env of [{ ARCHIVE_KEY: pem }, { ARCHIVE_KEY_FILE: file }]) {
      const source = archiveKeySourceOf(loadConfig({ DATA_DIR: path.join(work, 'unused'), ...env }));
      expect(archiveKeyOf(source, SCHOOL).fingerprint).toBe(keyFingerprint(publicKey));
      expect(archiveKeyOf(source, OTHER).fingerprint).toBe(keyFingerprint(publicKey));
    }
  });

  it('refuses an ARCHIVE_KEY that is no private key at start, and a key of another kind when used', () => {
    expect(() => loadConfig({ ARCHIVE_KEY: 'секрет' })).toThrow(ConfigError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => archiveKeyOf({ pem: rsa, dir: work }, SCHOOL)).toThrow(/Ed25519/);
  });

  it('reads and writes fingerprints as people do: grouped by four, spaces and colons ignored', () => {
    const hex = 'ab'.repeat(32);
    expect(groupedFingerprint(hex)).toBe(Array(16).fill('ABAB').join(' '));
    expect(normalizeFingerprint(groupedFingerprint(hex))).toBe(hex);
    expect(normalizeFingerprint('ab:cd')).toBeNull();
  });
});
