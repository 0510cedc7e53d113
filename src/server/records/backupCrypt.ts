import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../errors.ts';

/*
 * Why age (the `age-encryption` package, by age's author) rather than AES-256-GCM through
 * node:crypto: an encrypted copy is a standard age file (age-encryption.org/v1), so in 25 years
 * it opens with any age tool (`age -d -i key.txt copy.tar.age > copy.tar`) without Klassny; age
 * streams in authenticated 64 KiB chunks (a cut or changed copy fails, nothing unauthenticated
 * is used), which a single GCM stream would not give without a chunking format of our own. And
 * with an X25519 key the server may hold only the public half (`age1…`): copies are made without
 * the secret, which stays with whoever restores. No passphrases: age's scrypt would take 256 MB.
 */

export const ENCRYPTED_EXTENSION = '.age';
/** age is loaded with the first encrypted copy, not at start. */
const age = () => import('age-encryption');

const MAGIC = Buffer.from('age-encryption.org/v1\n');
const IDENTITY = /^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/;
const RECIPIENT = /^age1[0-9a-z]+$/;

const keyError = () => new AppError('backup.bad_key', 400,
  'Ключ шифрования копий должен быть ключом age: закрытым AGE-SECRET-KEY-1… или открытым age1… (klassny backup --new-key).');

/**
 * The key in a setting or a key file: the first line that is not a comment, as `age-keygen` and
 * `klassny backup --new-key` write it.
 */
export function parseBackupKey(text: string): string {
  const key = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  if (!key || !(IDENTITY.test(key) || RECIPIENT.test(key))) throw keyError();
  return key;
}

export const isSecretKey = (key: string) => IDENTITY.test(key);

/** The public key copies are encrypted to: a secret key's own, or the public key itself. */
export async function recipientOf(key: string): Promise<string> {
  const parsed = parseBackupKey(key);
  if (!isSecretKey(parsed)) return parsed;
  try {
    return await (await age()).identityToRecipient(parsed);
  } catch {
    throw keyError();
  }
}

/** A new X25519 key (the kind every age tool reads): the secret and its public key. */
export async function newBackupKey(): Promise<{ secret: string; recipient: string }> {
  const { generateX25519Identity, identityToRecipient } = await age();
  const secret = await generateX25519Identity();
  return { secret, recipient: await identityToRecipient(secret) };
}

/** Whether the file is an age file (an encrypted copy) rather than a plain tar. */
export async function isEncryptedFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === MAGIC.length && head.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

/** A stream of bytes: a Node Readable, or tar-stream's pack (a streamx one). */
type ByteSource = AsyncIterable<unknown> & { destroy(error?: Error): unknown };

/** A web stream that reads the source only when asked (Readable.toWeb buffers ahead on Node 20). */
function pulling(source: ByteSource): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value as Uint8Array);
    },
    async cancel(reason) {
      source.destroy(reason instanceof Error ? reason : undefined);
    },
  }, { highWaterMark: 1 });
}

/** The source encrypted to the key's public key, as it is read. */
export async function encrypting(source: ByteSource, key: string): Promise<Readable> {
  const encrypter = new (await age()).Encrypter();
  encrypter.addRecipient(await recipientOf(key));
  return Readable.fromWeb(await encrypter.encrypt(pulling(source)) as import('node:stream/web').ReadableStream<Uint8Array>);
}

const label = (file: string) => path.basename(file);

/**
 * The plaintext of an encrypted copy as it is read; every failure is one AppError: no key, a
 * public key, a key that is not the copy's, or a chunk that does not authenticate (cut or changed).
 */
export async function decrypting(file: string, source: Readable, key: string | undefined): Promise<Readable> {
  if (!key) {
    throw new AppError('backup.key_required', 400, `${label(file)}: копия зашифрована — нужен её ключ `
      + '(BACKUP_ENCRYPTION_KEY, BACKUP_ENCRYPTION_KEY_FILE или --key-file); восстановление не выполнено.');
  }
  const secret = parseBackupKey(key);
  if (!isSecretKey(secret)) {
    throw new AppError('backup.public_key', 400, `${label(file)}: ключ age1… открытый, им можно только шифровать — `
      + 'нужен закрытый ключ AGE-SECRET-KEY-1…; восстановление не выполнено.');
  }
  const decrypter = new (await age()).Decrypter();
  decrypter.addIdentity(secret);
  let plain: ReadableStream<Uint8Array>;
  try {
    plain = await decrypter.decrypt(pulling(source));
  } catch (error) {
    source.destroy();
    if (/no identity matched/i.test((error as Error).message)) {
      throw new AppError('backup.wrong_key', 400, `${label(file)}: ключ не подходит к этой копии; восстановление не выполнено.`);
    }
    throw brokenCiphertext(file);
  }
  return Readable.from(authenticated(file, Readable.fromWeb(plain as import('node:stream/web').ReadableStream<Uint8Array>)));
}

const brokenCiphertext = (file: string) =>
  new AppError('backup.corrupt', 400, `${label(file)}: копия повреждена — зашифрованные данные не сходятся (обрезаны или изменены); восстановление не выполнено.`);

async function* authenticated(file: string, plain: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of plain) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw brokenCiphertext(file);
  }
}

/** The key the settings give (BACKUP_ENCRYPTION_KEY, else the file BACKUP_ENCRYPTION_KEY_FILE), or none. */
export function configuredBackupKey(config: { backupEncryptionKey: string | undefined; backupEncryptionKeyFile: string | undefined }): string | undefined {
  if (config.backupEncryptionKey) return parseBackupKey(config.backupEncryptionKey);
  if (config.backupEncryptionKeyFile) return readKeyFile(config.backupEncryptionKeyFile);
  return undefined;
}

/** A key file as age-keygen writes it; one line when it cannot be read. */
export function readKeyFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('backup.key_file', 400, `Файл ключа ${file} не читается: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return parseBackupKey(text);
}
