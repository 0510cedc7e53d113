import { createHash, randomBytes, sign } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { localDate } from '../../shared/domain/calendar.ts';
import type { Db } from '../db/client.ts';
import { conflict, notFound } from '../errors.ts';
import { journalPages } from '../modules/reports/journalPages.ts';
import { journalPagesPdf } from '../modules/reports/journalPagesPdf.ts';
import { directorOf, summaries } from '../modules/reports/summaries.ts';
import { summaryPdf, summaryXlsx } from '../modules/reports/summaryExport.ts';
import {
  ARCHIVE_FORMAT, ARCHIVE_VERSION, AUDIT_FILE, type Manifest, type ManifestFile, MANIFEST_FILE, PUBLIC_KEY_FILE,
  SIGNATURE_FILE, type SignatureFile, signedMessage,
} from './archiveFormat.ts';
import { type ArchiveKey, groupedFingerprint } from './archiveKey.ts';
import { writeYearAudit } from './yearArchiveAudit.ts';
import { journalsOfYear, yearOfSchool, type YearOfSchool } from './yearArchiveQueries.ts';

// Issue 14, «The year archive»: when a year is closed, one folder holds its legal record — every
// group's printed journal, the year's сводная ведомость per class, the year's audit entries — with a
// manifest of every file's SHA-256 signed by the school's archive key. Files are written one by one
// (each streamed to disk), so memory does not grow with the school.

/** No user (the command line): the journal pages name no printer. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export type YearArchiveRequest = {
  schoolId: string;
  yearId: string;
  now: Date;
  key: ArchiveKey;
  /** The folder the archive's own folder is made in. */
  to: string;
  /** Who made it (their user id and name), printed on the pages; none from the command line. */
  madeBy?: { userId: string; name: string | null };
};

export type YearArchive = { dir: string; manifest: Manifest };

/** The year, refused unless it exists (404) and is closed or archived (409). */
export async function closedYear(db: Db, schoolId: string, yearId: string): Promise<YearOfSchool> {
  const year = await yearOfSchool(db, schoolId, yearId);
  if (!year) throw notFound('academic_year', 'Учебный год не найден');
  if (year.status !== 'closed' && year.status !== 'archived') {
    throw conflict('archive.year_not_closed', `Архив делается только для закрытого учебного года; год «${year.year_name}» ещё не закрыт`);
  }
  return year;
}

/** A file-name part: letters and digits of any script kept, the rest one «_». */
const safeName = (text: string) => text.replace(/[^\p{L}\p{N}-]+/gu, '_').replace(/^_+|_+$/g, '') || 'без_названия';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Builds the archive of a closed year in a new folder under `to`; returns its path and manifest. */
export async function buildYearArchive(db: Db, request: YearArchiveRequest): Promise<YearArchive> {
  const { schoolId, now, key } = request;
  const year = await closedYear(db, schoolId, request.yearId);
  const folder = `klassny-archive-${safeName(year.year_name)}-${localDate(now, year.time_zone)}-${randomBytes(3).toString('hex')}`;
  const final = path.join(request.to, folder);
  // Written under a temporary name and renamed only when whole: no half archive under the final name.
  const work = path.join(request.to, `.${folder}.partial`);
  await mkdir(work, { recursive: true });
  try {
    const files: ManifestFile[] = [];
    const put = async (relative: string, content: Readable | string) => {
      const file = path.join(work, relative);
      await mkdir(path.dirname(file), { recursive: true });
      if (typeof content === 'string') await writeFile(file, content);
      else await pipeline(content, createWriteStream(file));
      files.push({ path: relative, sha256: await sha256Of(file), size: (await stat(file)).size });
    };
    const used = new Set<string>();
    const unique = (name: string) => {
      let candidate = name;
      for (let n = 2; used.has(candidate); n++) candidate = `${name}_${n}`;
      used.add(candidate);
      return candidate;
    };

    await put(PUBLIC_KEY_FILE, key.publicPem);
    const madeBy = request.madeBy ?? { userId: NOBODY, name: null };
    const period = { from: year.starts_on, to: year.ends_on };
    for (const journal of await journalsOfYear(db, schoolId, period.from, period.to)) {
      // Two statements per journal (its frame and its marks): a journal is a document of its own.
      const data = await journalPages(db, now, schoolId, { groupId: journal.group_id, subjectId: journal.subject_id, ...period },
        { userId: madeBy.userId, staffIds: [] }, async () => {});
      await put(`journals/${unique(`${safeName(journal.group_name)}_${safeName(journal.subject_name)}`)}.pdf`, journalPagesPdf(data, { compress: true }));
    }

    const [all, director] = await Promise.all([summaries(db, now, schoolId, { academicYearId: year.year_id }), directorOf(db, schoolId)]);
    const day = localDate(now, year.time_zone);
    const meta = {
      schoolName: all.schoolName,
      generatedAt: new Intl.DateTimeFormat('ru-RU', {
        timeZone: year.time_zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
      }).format(now),
      generatedBy: madeBy.name,
    };
    const yearEnd = { director, date: `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`, archiveKey: groupedFingerprint(key.fingerprint) };
    for (const summary of all.classes) {
      const one = { ...all, classes: [summary] };
      const name = unique(safeName(summary.class.name));
      await put(`summaries/${name}.pdf`, summaryPdf(one, meta, { compress: true, yearEnd }));
      await put(`summaries/${name}.xlsx`, summaryXlsx(one, meta));
    }

    const audit = await writeYearAudit(db, schoolId, { from: period.from, to: period.to, timeZone: year.time_zone }, path.join(work, 'audit.tmp'));
    await mkdir(path.join(work, path.dirname(AUDIT_FILE)), { recursive: true });
    await rename(path.join(work, 'audit.tmp'), path.join(work, AUDIT_FILE));
    files.push({ path: AUDIT_FILE, sha256: await sha256Of(path.join(work, AUDIT_FILE)), size: (await stat(path.join(work, AUDIT_FILE))).size });

    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: ARCHIVE_VERSION,
      createdAt: now.toISOString(),
      school: { id: year.school_id, name: year.school_name },
      year: { id: year.year_id, name: year.year_name, startsOn: year.starts_on, endsOn: year.ends_on, status: year.status },
      keyFingerprint: key.fingerprint,
      audit: { file: AUDIT_FILE, entries: audit.entries, start: audit.start, end: audit.end },
      files,
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestSha256 = createHash('sha256').update(manifestText).digest('hex');
    const signature: SignatureFile = {
      algorithm: 'Ed25519',
      keyFingerprint: key.fingerprint,
      manifestSha256,
      signature: sign(null, signedMessage(manifestSha256), key.privateKey).toString('base64'),
    };
    await writeFile(path.join(work, MANIFEST_FILE), manifestText);
    await writeFile(path.join(work, SIGNATURE_FILE), `${JSON.stringify(signature, null, 2)}\n`);
    await rename(work, final);
    return { dir: final, manifest };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
}
