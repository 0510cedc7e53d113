import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/client.ts';
import { securityEvents, sessions, userRoles, users } from '../../src/server/db/schema/accounts.ts';
import { activationCodes, passwordResetTokens } from '../../src/server/db/schema/activation.ts';
import { classes } from '../../src/server/db/schema/structure.ts';
import { outboxMailer } from '../../src/server/mail/mailer.ts';
import { createTestDatabase } from '../support/testDatabase.ts';
import type { TestContext } from '../support/testApp.ts';

export { codesIn, pdfText } from './activationPdf.ts';

export const PUBLIC_URL = 'https://journal.example-school.ru';

/**
 * The real app with a movable clock, e-mail written as .eml files into a private outbox folder,
 * and PDFs left uncompressed so a test can read the slips' text back.
 */
export async function createActivationApp(now: () => Date): Promise<TestContext & { outbox: string }> {
  const database = await createTestDatabase();
  const outbox = mkdtempSync(path.join(tmpdir(), 'klassny-outbox-'));
  const app = await buildApp({
    database, testActors: true, now, publicUrl: PUBLIC_URL, mailer: outboxMailer(outbox), uncompressedPdf: true,
  });
  await app.ready();
  return {
    app, database, outbox,
    async close() {
      await app.close();
      await database.close();
      rmSync(outbox, { recursive: true, force: true });
    },
  };
}

export type SentMail = { to: string; subject: string; text: string };

/** The messages in the outbox, oldest first, decoded enough to read the recipient and the text. */
export function outboxMessages(dir: string): SentMail[] {
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
    const raw = readFileSync(path.join(dir, f), 'utf8');
    const split = raw.indexOf('\n\n');
    const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
    const body = raw.slice(split + 2);
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
    const encoding = header('Content-Transfer-Encoding').toLowerCase();
    const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
    const subject = header('Subject').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
    return { to: header('To'), subject, text };
  });
}

export const csrf = { 'x-klassny-csrf': '1' };
export const cookieOf = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'klassny_session');
  return c ? `klassny_session=${c.value}` : '';
};


/** How many rows the accounts tables hold: a refused request must leave them as they were. */
export async function accountCounts(db: Db) {
  const n = async (table: typeof users | typeof userRoles | typeof sessions | typeof activationCodes | typeof passwordResetTokens) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await n(users), roles: await n(userRoles), sessions: await n(sessions),
    codes: await n(activationCodes), tokens: await n(passwordResetTokens),
  };
}

export const codesOf = (db: Db, personId: string) =>
  db.select().from(activationCodes).where(eq(activationCodes.personId, personId)).orderBy(activationCodes.issuedAt, activationCodes.id);

export const eventsOf = (db: Db, kind: string) => db.select().from(securityEvents).where(eq(securityEvents.kind, kind));

/** Makes the staff member the class teacher of the class (the structure API is another module's). */
export const setClassTeacher = (db: Db, classId: string, staffId: string) =>
  db.update(classes).set({ classTeacherId: staffId }).where(eq(classes.id, classId));
