import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The school's archive key (issue 14, the year archive): an Ed25519 key pair that signs each year
// archive's manifest. Made once per school and kept in DATA_DIR/keys (0600), or given by a setting
// (ARCHIVE_KEY / ARCHIVE_KEY_FILE) for every school of the deployment. Its fingerprint is printed
// on the year-end summary, which the director signs and stamps: the paper vouches for the key.

/** Where the keys come from: a PEM from the settings, else a file per school in `dir`. */
export type ArchiveKeySource = { pem?: string | undefined; dir: string };

export type ArchiveKey = { privateKey: KeyObject; publicKey: KeyObject; publicPem: string; fingerprint: string };

/** SHA-256 of the raw 32-byte public key, as lowercase hex. */
export function keyFingerprint(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki.subarray(spki.length - 32)).digest('hex');
}

/** «A1B2 C3D4 …»: groups of four for reading aloud and comparing with the printed summary. */
export const groupedFingerprint = (hex: string) => hex.toUpperCase().match(/.{1,4}/g)!.join(' ');

/** A fingerprint as typed by a person (any case, spaces or colons) → lowercase hex, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

function fromPrivatePem(pem: string): ArchiveKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('ключ архива должен быть Ed25519 (openssl genpkey -algorithm ed25519)');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: keyFingerprint(publicKey) };
}

export const archiveKeyFile = (dir: string, schoolId: string) => path.join(dir, `archive-${schoolId}.pem`);

/** The school's key: the configured one, else its file, made on first use. */
export function archiveKeyOf(source: ArchiveKeySource, schoolId: string): ArchiveKey {
  if (source.pem) return fromPrivatePem(source.pem);
  const file = archiveKeyFile(source.dir, schoolId);
  try {
    return fromPrivatePem(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(source.dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    // 'wx': a key once made is never replaced, even by a second process racing this one.
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromPrivatePem(readFileSync(file, 'utf8'));
  }
  return fromPrivatePem(pem);
}

/** Where the deployment's settings put the archive keys (ARCHIVE_KEY, ARCHIVE_KEY_FILE, else DATA_DIR/keys). */
export function archiveKeySourceOf(config: { archiveKey: string | undefined; archiveKeyFile: string | undefined; dataDir: string }): ArchiveKeySource {
  const dir = path.join(config.dataDir, 'keys');
  if (config.archiveKey) return { pem: config.archiveKey, dir };
  if (config.archiveKeyFile) return { pem: readFileSync(config.archiveKeyFile, 'utf8'), dir };
  return { dir };
}
