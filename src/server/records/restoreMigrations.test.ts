import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createEmptyDatabase } from '../../../tests/support/emptyDatabase.ts';
import { type Database, queryRows } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { verifyChains } from '../modules/audit/verify.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { tableRowHashes } from './backupRowsHash.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';
import { restoreBackup } from './restore.ts';
import { applyMigrations, ensureMigrationsTable, knownMigrations } from './restoreMigrations.ts';

const kind = inject('database');
const temp = mkdtempSync(path.join(tmpdir(), 'klassny-old-backup-'));
/** 0004_job_runs: before attendance_takings (0005, which fills itself from attendance) and the columns added since. */
const OLD = 4;

describe('an archive made at an older migration', () => {
  let source: Database;
  let backup: BackupResult;
  beforeAll(async () => {
    source = await createEmptyDatabase(kind);
    await source.db.transaction(async (tx) => {
      await ensureMigrationsTable(tx);
      await applyMigrations(tx, knownMigrations().slice(0, OLD + 1), true);
    });
    const { school } = await createSchool(source.db);
    // Audited rows, so the archive carries an audit chain (the school itself is not audited).
    await source.db.transaction((tx) => tx.execute(sql`insert into rooms (school_id, id, name, capacity)
      values (${school.id}, ${newId()}, 'Кабинет 12', 30), (${school.id}, ${newId()}, 'Спортзал', null)`));
    backup = await writeBackup({ database: source, storage: localDiskStorage(path.join(temp, 'files')), dir: path.join(temp, 'copies') });
  }, 240_000);
  afterAll(async () => {
    await source.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('records the migration it was made at', () => {
    const old = knownMigrations()[OLD]!;
    expect(backup.manifest.migration).toEqual({ tag: old.tag, createdAt: old.createdAt, count: OLD + 1 });
    expect(backup.manifest.auditChains[0]!.lastSeq).toBe(2);
  });

  it('restores into an empty database through the migrations that came after it', async () => {
    const target = await createEmptyDatabase(kind);
    try {
      const result = await restoreBackup({ file: backup.path, database: target, storage: localDiskStorage(path.join(temp, 'restored')) });
      expect(result.migrationsApplied).toBe(knownMigrations().length - OLD - 1);
      const applied = await queryRows<{ created_at: string }>(target.db, sql`select created_at::text from drizzle.__drizzle_migrations order by id`);
      expect(applied.map((m) => Number(m.created_at))).toEqual(knownMigrations().map((m) => m.createdAt));
      const [taking] = await queryRows<{ present: boolean }>(target.db, sql`select to_regclass('attendance_takings') is not null as present`);
      expect(taking!.present).toBe(true);
      const before = await tableRowHashes(source.db);
      const after = await tableRowHashes(target.db);
      for (const table of ['public.regions', 'public.municipalities', 'public.schools', 'public.rooms', 'public.audit_entries', 'public.audit_chain_heads']) {
        expect(after[table], table).toBe(before[table]);
      }
      expect((await verifyChains(target.db)).map((c) => c.broken)).toEqual([null]);
    } finally {
      await target.close();
    }
  }, 240_000);

  it('refuses a target already migrated past the archive, writing nothing', async () => {
    const target = await createEmptyDatabase(kind, { migrated: true });
    try {
      const error = await restoreBackup({ file: backup.path, database: target, storage: localDiskStorage(path.join(temp, 'never')) })
        .catch((e: unknown) => e);
      expect((error as AppError).code).toBe('restore.target_newer');
      expect(error).toBeInstanceOf(AppError);
      const [schools] = await queryRows<{ n: number }>(target.db, sql`select count(*)::int as n from schools`);
      expect(schools!.n).toBe(0);
    } finally {
      await target.close();
    }
  }, 240_000);
});
