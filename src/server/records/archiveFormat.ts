// The layout of a year archive, shared by the builder (yearArchive.ts) and the offline check
// (archiveVerify.ts), which must read it in 25 years with no database:
//   manifest.json          what is in the archive: school, year, audit stretch, every file's SHA-256
//   manifest.sig           Ed25519 signature of the manifest's SHA-256 (JSON: key fingerprint, hash, signature)
//   archive-key.pub.pem    the school's public archive key (its fingerprint is on the signed paper summary)
//   journals/*.pdf         each teaching group's journal of each subject for the year
//   summaries/*.pdf|xlsx   the year's сводная ведомость per class
//   audit/audit-entries.jsonl  the year's audit entries, with the chain head before and after them

export const ARCHIVE_FORMAT = 'klassny-year-archive';
export const ARCHIVE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'archive-key.pub.pem';
export const AUDIT_FILE = 'audit/audit-entries.jsonl';
export const ZERO_HASH = '0'.repeat(64);

/** What the key signs: the manifest's SHA-256, with the purpose, so the signature means nothing elsewhere. */
export const signedMessage = (manifestSha256: string) => Buffer.from(`${ARCHIVE_FORMAT}:manifest:sha256:${manifestSha256}`, 'utf8');

export type ChainHead = { seq: number; hash: string };

export type ManifestFile = { path: string; sha256: string; size: number };

export type Manifest = {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  school: { id: string; name: string };
  year: { id: string; name: string; startsOn: string; endsOn: string; status: string };
  keyFingerprint: string;
  /** The school's chain before the year's first entry and after its last (equal when the year has none). */
  audit: { file: string; entries: number; start: ChainHead; end: ChainHead };
  files: ManifestFile[];
};

export type SignatureFile = { algorithm: 'Ed25519'; keyFingerprint: string; manifestSha256: string; signature: string };

/** The head lines that open and close the audit file. */
export const chainHeadLine = (at: 'start' | 'end', head: ChainHead) => JSON.stringify({ chainHead: at, seq: head.seq, hash: head.hash });
