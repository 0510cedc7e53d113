import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { newId } from '../db/ids.ts';

export type MailMessage = { to: string; subject: string; text: string };

/** Where the server's e-mail goes; the app gets one through `AppOptions.mailer`. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const DEFAULT_FROM = 'Klassny <no-reply@klassny.local>';

/**
 * The default transport: each message is composed by nodemailer exactly as it would be sent and
 * written as an `.eml` file into `dir` (DATA_DIR/outbox), for a school without a mail server and
 * for tests that read what was sent.
 */
export function outboxMailer(dir: string, from = DEFAULT_FROM): Mailer {
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await (await transport()).sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      await mkdir(dir, { recursive: true });
      // UUIDv7 names sort in the order the messages were written.
      await writeFile(path.join(dir, `${newId()}.eml`), info.message as Buffer);
    },
  };
}

/** A real mail server: `SMTP_URL` such as `smtps://user:password@smtp.school.ru:465`. */
export function smtpMailer(url: string, from = DEFAULT_FROM): Mailer {
  const transport = lazyTransport(url);
  return {
    async send(message) {
      await (await transport()).sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/** nodemailer is loaded with the first message, not at start (a second of a busy machine's start-up). */
function lazyTransport(options: Parameters<typeof import('nodemailer').createTransport>[0]): () => Promise<Transporter> {
  let transport: Promise<Transporter> | undefined;
  return () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options) as Transporter));
}
