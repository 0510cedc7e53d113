import { ZTimestamp } from './common.ts';
import { z } from './zod.ts';

/** «Резервные копии» (issue 14): the deployment's backup destinations and copies. */

export const ZBackupDestination = z.object({
  path: z.string(),
  /** Free and total bytes of its file system; null when the folder is not there (a disk not mounted). */
  freeBytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
  error: z.string().nullable(),
});

export const ZBackupCopy = z.object({
  id: z.string(),
  destination: z.string(),
  fileName: z.string().nullable(),
  bytes: z.number().nullable(),
  trigger: z.enum(['schedule', 'manual']),
  finishedAt: ZTimestamp,
  outcome: z.enum(['ok', 'failed']),
  /** When every hash of the copy's manifest was checked on the file read back from the destination. */
  verifiedAt: ZTimestamp.nullable(),
  error: z.string().nullable(),
  /** Deleted by retention: listed, no longer downloadable. */
  deletedAt: ZTimestamp.nullable(),
});
export type BackupCopy = z.infer<typeof ZBackupCopy>;

export const ZBackupOverview = z.object({
  destinations: z.array(ZBackupDestination),
  /** BACKUP_DIRS unset: the copies are on the database's own disk, which is not a backup. */
  sameDisk: z.boolean(),
  schedule: z.string(),
  timeZone: z.string(),
  nextRunAt: ZTimestamp.nullable(),
  keepWeeks: z.number().int(),
  keepMonths: z.number().int(),
  lastGoodAt: ZTimestamp.nullable(),
  /** The newest good copy is older than the schedule promises (or there is none). */
  overdue: z.boolean(),
  /** The latest attempt of some destination failed. */
  destinationFailed: z.boolean(),
  copies: z.array(ZBackupCopy),
});
export type BackupOverview = z.infer<typeof ZBackupOverview>;

export const ZBackupRunResult = z.object({ copies: z.array(ZBackupCopy), deleted: z.number().int() });

/** The administrator's current code from the authenticator app (or a recovery code). */
export const ZBackupDownload = z.object({ code: z.string().trim().min(1, 'Введите код').max(30, 'Не длиннее 30 символов') });
