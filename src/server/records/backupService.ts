import { statfs, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, count, eq, gte } from 'drizzle-orm';
import type { BackupCopy, BackupOverview } from '../../shared/contract/backups.ts';
import type { BackupSettings } from '../config.ts';
import type { Db } from '../db/client.ts';
import { securityEvents } from '../db/schema/accounts.ts';
import { AppError, badRequest, conflict } from '../errors.ts';
import type { Client } from '../modules/accounts/sessions/authService.ts';
import { recordSecurityEvent } from '../modules/accounts/securityEvents.ts';
import { hasConfirmedTotp } from '../modules/accounts/totp/totpQueries.ts';
import { useSecondFactor } from '../modules/accounts/totp/totpService.ts';
import { type BackupCopyRow, findCopy, lastGoodCopyAt, recentCopies } from './backupCopiesQueries.ts';
import { backupOverdue, nextBackupAt } from './backupHealth.ts';

/** The screen lists this many latest attempts. */
const LISTED = 200;
/** Wrong codes at download before it is refused for a while: six digits must not be guessed. */
const WRONG_CODES = 5;
const WRONG_CODES_WINDOW_MS = 15 * 60_000;


const presentCopy = (c: BackupCopyRow): BackupCopy => ({
  id: c.id, destination: c.destination, fileName: c.fileName, bytes: c.bytes, trigger: c.trigger as BackupCopy['trigger'],
  finishedAt: c.finishedAt.toISOString(), outcome: c.outcome as BackupCopy['outcome'], verifiedAt: c.verifiedAt?.toISOString() ?? null,
  error: c.error, deletedAt: c.deletedAt?.toISOString() ?? null,
});

async function destinationOf(dir: string) {
  try {
    const fs = await statfs(dir);
    return { path: dir, freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize, error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { path: dir, freeBytes: null, totalBytes: null, error: code === 'ENOENT' ? 'папки нет (диск не подключён?)' : (error as Error).message };
  }
}

/** What «Резервные копии» shows, and what the home page's warning reads. */
export async function backupOverview(db: Db, settings: BackupSettings, now: Date): Promise<BackupOverview> {
  const [destinations, copies, lastGood] = await Promise.all([
    Promise.all(settings.dirs.map(destinationOf)), recentCopies(db, LISTED), lastGoodCopyAt(db),
  ]);
  // The latest attempt of each configured destination.
  const latest = new Map<string, BackupCopyRow>();
  for (const c of copies) if (!latest.has(c.destination)) latest.set(c.destination, c);
  const destinationFailed = settings.dirs.some((d) => latest.get(d)?.outcome === 'failed');
  return {
    destinations,
    sameDisk: settings.sameDisk,
    schedule: settings.schedule,
    timeZone: settings.timeZone,
    nextRunAt: nextBackupAt(settings.schedule, settings.timeZone, now)?.toISOString() ?? null,
    keepWeeks: settings.keepWeeks,
    keepMonths: settings.keepMonths,
    lastGoodAt: lastGood?.toISOString() ?? null,
    overdue: backupOverdue(lastGood, settings.schedule, settings.timeZone, now),
    destinationFailed,
    copies: copies.map(presentCopy),
  };
}

/**
 * A download holds every minor's personal data: it takes the administrator's second factor, a
 * current code (used up, like at sign-in), and is a security event. Returns the file's path.
 */
export async function authoriseDownload(db: Db, secretKey: string | null, input: {
  userId: string; schoolId: string; copyId: string; code: string; client: Client; now: Date;
}): Promise<{ file: string; fileName: string }> {
  const copy = await findCopy(db, input.copyId);
  if (!copy || copy.outcome !== 'ok' || copy.deletedAt) throw new AppError('backup.not_found', 404, 'Копия не найдена');
  const file = path.join(copy.destination, copy.fileName!);
  if (!(await stat(file).catch(() => null))) {
    throw new AppError('backup.gone', 409, `Файла копии больше нет в папке ${copy.destination} (диск не подключён?)`);
  }
  if (!(await hasConfirmedTotp(db, input.userId))) {
    throw conflict('backup.totp_required', 'Скачать копию можно только со вторым фактором: включите вход с кодом из приложения в профиле');
  }
  const [recent] = await db.select({ n: count() }).from(securityEvents).where(and(
    eq(securityEvents.userId, input.userId), eq(securityEvents.kind, 'backup.download_refused'),
    gte(securityEvents.createdAt, new Date(input.now.getTime() - WRONG_CODES_WINDOW_MS))));
  if (recent!.n >= WRONG_CODES) {
    throw new AppError('backup.too_many_codes', 429, 'Слишком много неверных кодов: попробуйте через 15 минут');
  }
  const event = { userId: input.userId, schoolId: input.schoolId, ...input.client, details: { file: copy.fileName, destination: copy.destination } };
  const ok = await db.transaction(async (tx) => {
    const factor = await useSecondFactor(tx, secretKey, input.userId, input.code, input.now);
    if (factor.ok) await recordSecurityEvent(tx, { kind: 'backup.downloaded', ...event, details: { ...event.details, with: factor.method } });
    return factor.ok;
  });
  if (!ok) {
    await recordSecurityEvent(db, { kind: 'backup.download_refused', ...event });
    throw badRequest('backup.invalid_code', 'Неверный код', { code: 'Неверный код' });
  }
  return { file, fileName: copy.fileName! };
}
