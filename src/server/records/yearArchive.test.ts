import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedYearWorld } from '../../../tests/factories/yearArchive.ts';
import { unknownId } from '../../../tests/factories/structure.ts';
import { readPdf } from '../../../tests/support/pdf.ts';
import { createTestDatabase } from '../../../tests/support/testDatabase.ts';
import { auditHashInput } from '../../shared/domain/auditHash.ts';
import type { Database } from '../db/client.ts';
import { AUDIT_FILE, MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE } from './archiveFormat.ts';
import { type ArchiveKey, archiveKeyFile, archiveKeyOf, groupedFingerprint } from './archiveKey.ts';
import { verifyYearArchive } from './archiveVerify.ts';
import { buildYearArchive, type YearArchive } from './yearArchive.ts';
import { auditPage } from './yearArchiveQueries.ts';
import { tarOfArchive } from './yearArchiveTar.ts';

let database: Database;
let w: Awaited<ReturnType<typeof closedYearWorld>>;
let work: string;
let key: ArchiveKey;
let archive: YearArchive;

const filesOf = (dir: string, sub = ''): string[] => readdirSync(path.join(dir, sub), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesOf(dir, `${sub}${e.name}/`) : [`${sub}${e.name}`])).sort();

/** A copy of the archive with one byte of `file` flipped in its middle. */
function tampered(file: string): string {
  const copy = mkdtempSync(path.join(work, 'tampered-'));
  cpSync(archive.dir, copy, { recursive: true });
  const bytes = readFileSync(path.join(copy, file));
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  writeFileSync(path.join(copy, file), bytes);
  return copy;
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await closedYearWorld(database.db);
  work = mkdtempSync(path.join(tmpdir(), 'klassny-year-archive-test-'));
  key = archiveKeyOf({ dir: path.join(work, 'keys') }, w.schoolId);
  archive = await buildYearArchive(database.db, { schoolId: w.schoolId, yearId: w.year.id, now: new Date(), key, to: work });
});
afterAll(async () => {
  await database.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the audit hash written in TypeScript', () => {
  it('gives every stored entry the hash the database function gave it, quotes, backslashes, newlines and emoji included', async () => {
    const rows = await auditPage(database.db, w.schoolId, 0, Number.MAX_SAFE_INTEGER, 10_000);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.some((r) => r.reason?.includes('\n') && r.after?.includes('😀'))).toBe(true);
    for (const r of rows) {
      const text = auditHashInput({
        prevHash: r.prev_hash, seq: Number(r.seq), schoolId: r.school_id, id: r.id, at: r.at, actorUserId: r.actor_user_id,
        actorRoles: r.actor_roles, address: r.address, entity: r.entity, entityId: r.entity_id, operation: r.operation,
        before: r.before, after: r.after, reason: r.reason,
      });
      expect(createHash('sha256').update(text, 'utf8').digest('hex'), `entry ${r.seq}`).toBe(r.hash);
    }
  });
});

describe('buildYearArchive', () => {
  it('writes the journals, the summaries as PDF and XLSX, the audit log, the key and a signed manifest of every file', () => {
    expect(filesOf(archive.dir)).toEqual([
      PUBLIC_KEY_FILE, AUDIT_FILE, 'journals/5А_Математика.pdf', MANIFEST_FILE, SIGNATURE_FILE,
      'summaries/5А.pdf', 'summaries/5А.xlsx', 'summaries/5Б.pdf', 'summaries/5Б.xlsx',
    ].sort());
    const manifest = JSON.parse(readFileSync(path.join(archive.dir, MANIFEST_FILE), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(filesOf(archive.dir).filter((f) => f !== MANIFEST_FILE && f !== SIGNATURE_FILE));
    expect(manifest.keyFingerprint).toBe(key.fingerprint);
    expect(manifest.audit.start).toEqual({ seq: 0, hash: '0'.repeat(64) });
    expect(manifest.audit.entries).toBeGreaterThan(10);
    expect(statSync(archiveKeyFile(path.join(work, 'keys'), w.schoolId)).mode & 0o777).toBe(0o600);
  });

  it('keeps the audit entries of the year only, between the chain heads, and none of another school', () => {
    const lines = readFileSync(path.join(archive.dir, AUDIT_FILE), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ chainHead: 'start', seq: 0, hash: '0'.repeat(64) });
    expect(lines.at(-1)).toEqual({ chainHead: 'end', seq: lines.at(-2).seq, hash: lines.at(-2).hash });
    expect(new Set(lines.slice(1, -1).map((l) => l.schoolId))).toEqual(new Set([w.schoolId]));
  });

  it('prints the key\'s fingerprint on the year summary under the signatures, and the marks in the journal', async () => {
    const summary = (await readPdf(readFileSync(path.join(archive.dir, 'summaries/5А.pdf')))).join(' ').replace(/\s+/g, ' ');
    expect(summary).toContain('Сводная ведомость итоговых отметок за учебный год');
    expect(summary).toContain('Директорова');
    expect(summary).toContain(`Отпечаток ключа архива учебного года (SHA-256): ${groupedFingerprint(key.fingerprint)}`);
    const journal = (await readPdf(readFileSync(path.join(archive.dir, 'journals/5А_Математика.pdf')))).join(' ');
    expect(journal).toContain('Иванов');
    expect(journal).toContain('Дроби');
  });

  it('refuses a year that is not closed with 409 and an unknown year with 404, writing nothing', async () => {
    const to = mkdtempSync(path.join(work, 'refused-'));
    await expect(buildYearArchive(database.db, { schoolId: w.schoolId, yearId: w.planningYear.id, now: new Date(), key, to }))
      .rejects.toMatchObject({ status: 409, code: 'archive.year_not_closed' });
    await expect(buildYearArchive(database.db, { schoolId: w.schoolId, yearId: unknownId, now: new Date(), key, to }))
      .rejects.toMatchObject({ status: 404 });
    await expect(buildYearArchive(database.db, { schoolId: w.otherSchoolId, yearId: w.year.id, now: new Date(), key, to }))
      .rejects.toMatchObject({ status: 404 });
    expect(readdirSync(to)).toEqual([]);
  });

  it('uses the same key for the school every time', () => {
    expect(archiveKeyOf({ dir: path.join(work, 'keys') }, w.schoolId).fingerprint).toBe(key.fingerprint);
  });
});

describe('verifyYearArchive', () => {
  it('passes the archive as built, as a folder and as a .tar, and with the right fingerprint', async () => {
    const folder = await verifyYearArchive(archive.dir, key.fingerprint);
    expect(folder.ok).toBe(true);
    expect(folder.lines[1]).toBe(`Подпись верна, ключ архива: ${groupedFingerprint(key.fingerprint)}`);
    const tar = path.join(work, 'archive.tar');
    await pipeline(tarOfArchive(archive.dir, archive.manifest), createWriteStream(tar));
    expect(await verifyYearArchive(tar)).toEqual(folder);
  });

  it.each([
    ['a journal PDF', 'journals/5А_Математика.pdf', 'journals/5А_Математика.pdf: файл изменён'],
    ['a summary XLSX', 'summaries/5А.xlsx', 'summaries/5А.xlsx: файл изменён'],
    ['a summary PDF', 'summaries/5Б.pdf', 'summaries/5Б.pdf: файл изменён'],
    ['the audit log', AUDIT_FILE, `${AUDIT_FILE}: файл изменён — SHA-256 не совпадает с описью (строка `],
    ['the manifest', MANIFEST_FILE, `${MANIFEST_FILE}: опись изменена после подписи`],
    ['the signature', SIGNATURE_FILE, `${SIGNATURE_FILE}:`],
    ['the public key', PUBLIC_KEY_FILE, `${PUBLIC_KEY_FILE}:`],
  ])('names %s when one byte of it is flipped', async (_kind, file, expected) => {
    const verdict = await verifyYearArchive(tampered(file));
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toHaveLength(1);
    expect(verdict.lines[0]).toContain(`Архив не прошёл проверку: ${expected}`);
  });

  it('names a file missing from the folder, a file not in the manifest, and a key other than the expected one', async () => {
    const missing = tampered(AUDIT_FILE);
    rmSync(path.join(missing, 'summaries/5А.xlsx'));
    expect((await verifyYearArchive(missing)).lines[0]).toBe('Архив не прошёл проверку: summaries/5А.xlsx: файла нет, хотя он указан в описи');
    const extra = mkdtempSync(path.join(work, 'extra-'));
    cpSync(archive.dir, extra, { recursive: true });
    writeFileSync(path.join(extra, 'journals/подброшенный.pdf'), '%PDF-1.4');
    expect((await verifyYearArchive(extra)).lines[0]).toBe('Архив не прошёл проверку: journals/подброшенный.pdf: лишний файл, его нет в описи');
    const other = archiveKeyOf({ dir: path.join(work, 'keys') }, w.otherSchoolId).fingerprint;
    expect((await verifyYearArchive(archive.dir, other)).lines[0]).toContain(`${PUBLIC_KEY_FILE}: архив подписан другим ключом`);
  });

  it('names the changed file inside a .tar, and refuses a cut-off .tar with one line', async () => {
    const tar = path.join(work, 'flipped.tar');
    await pipeline(tarOfArchive(archive.dir, archive.manifest), createWriteStream(tar));
    const bytes = readFileSync(tar);
    // The middle of the last XLSX in the tar (much of one XLSX's bytes is the same in another).
    const xlsx = readFileSync(path.join(archive.dir, 'summaries/5Б.xlsx'));
    const at = bytes.lastIndexOf(xlsx.subarray(xlsx.length / 2, xlsx.length / 2 + 64));
    expect(at).toBeGreaterThan(0);
    bytes[at + 10]! ^= 0x01;
    writeFileSync(tar, bytes);
    expect((await verifyYearArchive(tar)).lines[0]).toBe('Архив не прошёл проверку: summaries/5Б.xlsx: файл изменён — SHA-256 не совпадает с описью');
    writeFileSync(tar, bytes.subarray(0, 3000));
    const cut = await verifyYearArchive(tar);
    expect(cut.ok).toBe(false);
    expect(cut.lines).toHaveLength(1);
    expect(cut.lines[0]).toMatch(/^Архив не прошёл проверку: /);
  });

  it('refuses what is not an archive with one line', async () => {
    const empty = mkdtempSync(path.join(work, 'empty-'));
    expect((await verifyYearArchive(empty)).lines).toEqual([`Архив не прошёл проверку: ${MANIFEST_FILE}: файла нет — это не архив учебного года Klassny или он неполон`]);
    expect((await verifyYearArchive(path.join(work, 'nothing-here'))).ok).toBe(false);
  });
});
