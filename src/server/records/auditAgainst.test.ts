import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { entriesOf, tamper } from '../../../tests/factories/audit.ts';
import { createSchool } from '../../../tests/factories/organisation.ts';
import { createStaff } from '../../../tests/factories/people.ts';
import { writeTar } from '../../../tests/support/backupArchive.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { manifestOfCopy, runAuditVerify, runAuditVerifyAgainst } from '../../cli/commands/audit.ts';
import { main } from '../../cli/main.ts';
import type { Database } from '../db/client.ts';
import { localDiskStorage } from '../storage/fileStorage.ts';
import { type BackupResult, writeBackup } from './backupWrite.ts';

const temp = mkdtempSync(path.join(tmpdir(), 'klassny-audit-against-'));
let database: Database;
let backup: BackupResult;
/** The school whose log is rewritten, and one left alone. */
let rewritten: string;
let untouched: string;

const db = () => database.db;

async function staffOf(schoolId: string, n: number) {
  for (let i = 0; i < n; i++) await createStaff(db(), schoolId, { lastName: `Учителева ${i + 1}` });
}

async function verifyAgainst(schoolId?: string) {
  const lines: string[] = [];
  const code = await runAuditVerifyAgainst(db(), await manifestOfCopy(backup.path), schoolId, (line) => lines.push(line));
  return { code, lines };
}

/**
 * Someone with the database's superuser rights, past the append-only trigger: changes an entry of
 * the school and re-computes every hash of its chain and its head, so the chain is consistent in itself.
 */
async function rewriteHistory(schoolId: string, seq: number) {
  await tamper(db(), sql`update audit_entries set after = jsonb_set(after, '{last_name}', '"Подменённая"')
    where school_id = ${schoolId} and seq = ${seq}`);
  await tamper(db(), sql.raw(`do $$
    declare r record; prev text := repeat('0', 64);
    begin
      for r in select seq from audit_entries where school_id = '${schoolId}' order by seq loop
        update audit_entries set prev_hash = prev, hash = klassny_audit_hash(prev, seq, school_id, id, at, actor_user_id,
          actor_roles, address, entity, entity_id, operation, before, after, reason)
        where school_id = '${schoolId}' and seq = r.seq returning hash into prev;
      end loop;
      update audit_chain_heads set last_hash = prev where school_id = '${schoolId}';
    end $$`));
}

beforeAll(async () => {
  database = await createTestDatabase();
  rewritten = (await createSchool(db())).school.id;
  untouched = (await createSchool(db())).school.id;
  await staffOf(rewritten, 3);
  await staffOf(untouched, 2);
  backup = await writeBackup({ database, storage: localDiskStorage(path.join(temp, 'files')), dir: path.join(temp, 'copies') });
  // The school goes on after the copy was taken.
  await staffOf(rewritten, 2);
  await staffOf(untouched, 1);
});
afterAll(async () => {
  await database.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('klassny audit verify --against BACKUP', () => {
  it('finds that today\'s chain of each school continues the one recorded in the copy', async () => {
    const heads = backup.manifest.auditChains.filter((h) => h.schoolId === rewritten || h.schoolId === untouched);
    expect(heads.map((h) => h.lastSeq).sort()).toEqual([2, 3]);
    const { code, lines } = await verifyAgainst();
    expect(code).toBe(0);
    expect(lines).toContain(`Школа ${rewritten}: цепочка продолжает записанную в копии от `
      + `${backup.manifest.createdAt.slice(8, 10)}.${backup.manifest.createdAt.slice(5, 7)}.${backup.manifest.createdAt.slice(0, 4)} `
      + `${backup.manifest.createdAt.slice(11, 16)} UTC (запись № 3 совпадает с копией, сегодня записей: 5)`);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Школа ${untouched}: цепочка продолжает записанную .*сегодня записей: 3\\)$`))]));
    expect(lines).toHaveLength(backup.manifest.auditChains.length);
  });

  it('finds a rewrite behind the triggers that left the chain consistent in itself, and names the entry', async () => {
    await rewriteHistory(rewritten, 2);
    expect((await entriesOf(db(), rewritten))[1]!.after).toMatchObject({ last_name: 'Подменённая' });
    // The chain alone cannot tell: every hash was re-computed.
    const plain: string[] = [];
    expect(await runAuditVerify(db(), undefined, (line) => plain.push(line))).toBe(0);
    expect(plain).toEqual([expect.stringMatching(/^Цепочка цела: /)]);

    const { code, lines } = await verifyAgainst();
    expect(code).toBe(1);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Школа ${rewritten}: цепочка расходится с копией от .+ UTC: `
      + 'запись № 3 — её хеш сегодня не тот, что записан в копии: журнал по эту запись включительно переписан$'))]));
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Школа ${untouched}: цепочка продолжает записанную`))]));
    expect(await verifyAgainst(untouched)).toMatchObject({ code: 0, lines: [expect.stringMatching(/продолжает/)] });
  });

  it('finds the copy\'s last entry removed from today\'s log', async () => {
    await tamper(db(), sql`delete from audit_entries where school_id = ${untouched} and seq >= 2`);
    await tamper(db(), sql`update audit_chain_heads set last_seq = 1,
      last_hash = (select hash from audit_entries where school_id = ${untouched} and seq = 1) where school_id = ${untouched}`);
    expect(await verifyAgainst(untouched)).toEqual({ code: 1, lines: [expect.stringMatching(
      /расходится с копией от .+: запись № 2 — последней записи копии сегодня нет в журнале \(записи удалены\)$/)] });
  });

  it('refuses a school the copy has no chain of', async () => {
    const { school } = await createSchool(db());
    expect(await verifyAgainst(school.id)).toEqual({ code: 1, lines: [`В копии нет цепочки журнала аудита школы ${school.id}: сравнивать не с чем`] });
  });

  it('says in one line, exit code 1, that a file is not a Klassny backup or is not there', async () => {
    const foreign = path.join(temp, 'photos.tar');
    await writeTar(foreign, [{ name: 'IMG_0001.jpg', data: Buffer.from('not a backup') }]);
    const text = path.join(temp, 'notes.txt');
    writeFileSync(text, 'просто текст\n'.repeat(100));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      expect(await main(['audit', 'verify', '--against', foreign])).toBe(1);
      expect(await main(['audit', 'verify', '--against', text])).toBe(1);
      expect(await main(['audit', 'verify', '--against', path.join(temp, 'nowhere.tar')])).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
    expect(errors).toEqual([
      'klassny audit: photos.tar: это не резервная копия Klassny.',
      'klassny audit: notes.txt: это не резервная копия Klassny.',
      `klassny audit: ${path.join(temp, 'nowhere.tar')}: файла нет.`,
    ]);
  });
});
