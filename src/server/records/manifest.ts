import { z } from 'zod';

/**
 * The table of contents of a backup archive (`manifest.json`, the archive's first entry). It names
 * every other entry with its SHA-256, so a restore checks the whole archive before writing, and it
 * carries every school's audit-chain head, so `audit verify --against` can compare today's chain
 * with the one of that day by reading this file alone.
 */
export const BACKUP_FORMAT = 'klassny-backup';
/** Raised when an archive changes shape; a restore refuses a version above the one it reads. */
export const BACKUP_FORMAT_VERSION = 1;

export const MANIFEST_ENTRY = 'manifest.json';
/** The manifest's own SHA-256 (hex), the archive's second entry: a flipped byte in the manifest shows. */
export const MANIFEST_HASH_ENTRY = 'manifest.sha256';

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);

const ZTableFile = z.object({
  /** `schema.table`, e.g. `public.schools`, `drizzle.__drizzle_migrations`. */
  table: z.string().min(3),
  /** The tar entry: NDJSON, gzip, one JSON array of column texts per row (see backupTables.ts). */
  file: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: ZSha256,
});

const ZStoredFile = z.object({
  /** The key in the file storage (storage/fileStorage.ts). */
  key: z.string().min(1),
  file: z.string().min(1),
  bytes: z.number().int().min(0),
  sha256: ZSha256,
});

export const ZChainHead = z.object({
  schoolId: z.string().uuid(),
  /** The seq of the school's latest audit entry in the snapshot, and that entry's hash. */
  lastSeq: z.number().int().min(0),
  lastHash: z.string().min(1),
});

export const ZManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.string(),
  appVersion: z.string(),
  /** The kind of database the copy was taken from (informative: a copy restores into either). */
  database: z.enum(['pglite', 'pg']),
  /** The latest migration applied to the source: its tag in the drizzle journal and its `when`. */
  migration: z.object({ tag: z.string().min(1), createdAt: z.number().int(), count: z.number().int().min(1) }),
  auditChains: z.array(ZChainHead),
  /** Sequence positions (`select setval` on restore); sequences are not rows of a table. */
  sequences: z.array(z.object({ schema: z.string(), name: z.string(), lastValue: z.string().regex(/^-?\d+$/) })),
  /** In an order that respects foreign keys (parents first). */
  tables: z.array(ZTableFile),
  files: z.array(ZStoredFile),
  /** Attachments whose rows are in the copy but whose bytes were not in the storage when it was made. */
  missingFiles: z.array(z.string()),
});

export type Manifest = z.infer<typeof ZManifest>;
export type ManifestTable = z.infer<typeof ZTableFile>;
export type ManifestFile = z.infer<typeof ZStoredFile>;
export type ChainHead = z.infer<typeof ZChainHead>;
