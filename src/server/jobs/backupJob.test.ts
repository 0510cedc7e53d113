import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import type { BackupSettings } from '../config.ts';
import type { Database } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { securityEvents } from '../db/schema/accounts.ts';
import { backupCopies } from '../db/schema/backups.ts';
import { jobRuns } from '../db/schema/jobs.ts';
import { isEncryptedFile, newBackupKey } from '../records/backupCrypt.ts';
import { checkArchive } from '../records/restoreArchive.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { backupJob, backupWatchJob } from './backupJob.ts';
import { runNow } from './execute.ts';
import { silentLogger } from './job.ts';

let database: Database;
let schoolId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  schoolId = (await createSchool(database.db)).school.id;
});
afterAll(async () => { await database.close(); });

const temp = () => mkdtemp(path.join(tmpdir(), 'klassny-backup-job-'));
const settingsFor = (dirs: string[]): BackupSettings => ({
  dirs, sameDisk: false, schedule: '0 2 * * 0', timeZone: 'Europe/Moscow', keepWeeks: 8, keepMonths: 60,
});

async function run(dirs: string[], now = new Date(), encryption?: BackupSettings['encryption']) {
  const storage = localDiskStorage(await temp());
  const job = backupJob({ database, storage, settings: { ...settingsFor(dirs), encryption } });
  const [result] = await runNow({ database, now: () => now, log: silentLogger }, job);
  return result!;
}

const recorded = (destination: string) => database.db.select().from(backupCopies).where(eq(backupCopies.destination, destination));

describe('scheduled backups into two or more destinations', () => {
  it('puts the same verified copy into each destination and leaves no temporary file', async () => {
    const [first, second] = [await temp(), await temp()];
    const result = await run([first, second]);
    expect(result).toMatchObject({ outcome: 'ok', details: { copies: 2, failed: 0, deleted: 0 } });
    const [a, b] = [await readdir(first), await readdir(second)];
    expect(a).toHaveLength(1);
    expect(a[0]).toMatch(/^klassny-.*\.tar$/);
    expect(b).toEqual(a);
    expect(await readFile(path.join(second, b[0]!))).toEqual(await readFile(path.join(first, a[0]!)));
    await checkArchive(path.join(second, b[0]!));
    const [row] = await recorded(second);
    expect(row).toMatchObject({ outcome: 'ok', fileName: a[0], trigger: 'manual', error: null });
    expect(row!.verifiedAt).not.toBeNull();
    expect(row!.bytes).toBeGreaterThan(1000);
  });

  it('encrypts each copy with BACKUP_ENCRYPTION_KEY and checks it with the secret key; with only the public key, it is written unchecked', async () => {
    const { secret, recipient } = await newBackupKey();
    const [first, second] = [await temp(), await temp()];
    const result = await run([first, second], new Date(), { backupEncryptionKey: secret, backupEncryptionKeyFile: undefined });
    expect(result).toMatchObject({ outcome: 'ok', details: { copies: 2, failed: 0 } });
    const [name] = await readdir(second);
    expect(name).toMatch(/^klassny-.*\.tar\.age$/);
    expect(await isEncryptedFile(path.join(second, name!))).toBe(true);
    await checkArchive(path.join(second, name!), secret);
    expect((await recorded(second))[0]!.verifiedAt).not.toBeNull();

    const publicOnly = await temp();
    const sealedRun = await run([publicOnly, await temp()], new Date(), { backupEncryptionKey: recipient, backupEncryptionKeyFile: undefined });
    expect(sealedRun).toMatchObject({ outcome: 'ok' });
    const [sealed] = await readdir(publicOnly);
    await checkArchive(path.join(publicOnly, sealed!), secret);
    expect((await recorded(publicOnly))[0]).toMatchObject({ outcome: 'ok', verifiedAt: null });
  });

  it('still writes to the good destination when one is gone and another is not a folder, and records both failures', async () => {
    const good = await temp();
    const gone = path.join(await temp(), 'usb-not-mounted');
    const notFolder = path.join(await temp(), 'a-file');
    await writeFile(notFolder, 'not a folder');
    // The failing ones come first: the archive is written by the first destination that takes it.
    const result = await run([gone, notFolder, good]);
    expect(result).toMatchObject({ outcome: 'ok', details: { copies: 1, failed: 2 } });
    expect(await readdir(good)).toEqual([expect.stringMatching(/^klassny-.*\.tar$/)]);
    // A destination that is gone is not made: an unmounted disk's mount point is the server's own disk.
    expect(existsSync(gone)).toBe(false);
    expect(await readFile(notFolder, 'utf8')).toBe('not a folder');
    expect((await recorded(gone))[0]).toMatchObject({ outcome: 'failed', fileName: null, error: expect.stringContaining('нет') });
    expect((await recorded(notFolder))[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('не папка') });
    const events = await database.db.select().from(securityEvents)
      .where(and(eq(securityEvents.kind, 'backup.failed'), eq(securityEvents.schoolId, schoolId)));
    expect(events.map((e) => e.details.destination).sort()).toEqual([gone, notFolder].sort());
  });

  it('fails the run (to be retried) when no destination takes a copy, leaving nothing behind', async () => {
    const parent = await temp();
    const gone = path.join(parent, 'gone');
    const result = await run([gone, path.join(parent, 'gone-too')]);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/ни одна копия не записана/);
    expect(await readdir(parent)).toEqual([]);
    const [run_] = await database.db.select().from(jobRuns).where(and(eq(jobRuns.job, 'backup'), eq(jobRuns.outcome, 'failed')));
    expect(run_).toBeDefined();
  });

  it('deletes by retention only its own recorded copies that are due, in the destinations it wrote to', async () => {
    const dir = await temp();
    const now = new Date('2026-12-07T12:00:00Z');
    // Two copies of September, older than 8 weeks: the first of the month is its archive, the second goes.
    const old = [
      { name: 'klassny-2026-09-06.tar', at: new Date('2026-09-05T23:00:00Z') },
      { name: 'klassny-2026-09-13.tar', at: new Date('2026-09-12T23:00:00Z') },
    ];
    for (const o of old) await writeFile(path.join(dir, o.name), 'old copy');
    await writeFile(path.join(dir, 'klassny-by-hand.tar'), 'not recorded: not ours to delete');
    await database.db.insert(backupCopies).values(old.map((o) => ({
      id: newId(), destination: dir, fileName: o.name, bytes: 8, trigger: 'schedule', startedAt: o.at, finishedAt: o.at,
      outcome: 'ok', verifiedAt: o.at,
    })));
    const result = await run([dir, await temp()], now);
    expect(result).toMatchObject({ outcome: 'ok', details: { copies: 2, deleted: 1 } });
    const files = await readdir(dir);
    expect(files).toContain('klassny-2026-09-06.tar');
    expect(files).not.toContain('klassny-2026-09-13.tar');
    expect(files).toContain('klassny-by-hand.tar');
    const [gone] = await database.db.select().from(backupCopies).where(eq(backupCopies.fileName, 'klassny-2026-09-13.tar'));
    expect(gone!.deletedAt).toEqual(now);
  });
});

describe('the morning check of the newest copy', () => {
  const watch = (now: Date) => runNow({ database, now: () => now, log: silentLogger },
    backupWatchJob({ database, storage: localDiskStorage(tmpdir()), settings: settingsFor([]) }));
  const overdueEvents = () => database.db.select().from(securityEvents)
    .where(and(eq(securityEvents.kind, 'backup.overdue'), eq(securityEvents.schoolId, schoolId)));

  it('is quiet while the newest good copy is fresh, and tells every school when it is older than a week and the grace', async () => {
    // The copies above were made at 2026-12-07 12:00 UTC (the retention test) and at the real present.
    const [fresh] = await watch(new Date('2026-12-08T05:00:00Z'));
    expect(fresh).toMatchObject({ outcome: 'ok', details: { overdue: false } });
    expect(await overdueEvents()).toEqual([]);
    const far = new Date(Date.now() + 30 * 86_400_000);
    const [late] = await watch(far);
    expect(late).toMatchObject({ outcome: 'ok', details: { overdue: true } });
    expect(await overdueEvents()).toHaveLength(1);
  });
});
