import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import tar from 'tar-stream';
import { type ChainResult, AuditChainCheck, describeBreak } from './archiveChain.ts';
import {
  ARCHIVE_FORMAT, AUDIT_FILE, type Manifest, MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, type SignatureFile, signedMessage,
} from './archiveFormat.ts';
import { groupedFingerprint, keyFingerprint } from './archiveKey.ts';

// `klassny archive verify`: checks a year archive (its folder or its .tar) with nothing but the
// archive and this code — no database, no server, no settings — and names the first thing that does
// not hold: the key, the signature, the manifest, a file, or an entry of the audit log.

/** Small files read whole (the manifest, its signature, the key); anything bigger is refused as not ours. */
const SMALL = 16 * 1024 * 1024;

type Seen = { sha256: string; size: number; content?: Buffer; chain?: ChainResult };

export type ArchiveVerdict = { ok: boolean; lines: string[] };

async function readEntry(relative: string, stream: AsyncIterable<Buffer>): Promise<Seen> {
  const hash = createHash('sha256');
  const small = relative === MANIFEST_FILE || relative === SIGNATURE_FILE || relative === PUBLIC_KEY_FILE;
  const kept: Buffer[] = [];
  const chain = relative === AUDIT_FILE ? new AuditChainCheck() : null;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
    if (small && size <= SMALL) kept.push(chunk);
    if (chain) {
      const lines = (pending + decoder.write(chunk)).split('\n');
      pending = lines.pop()!;
      for (const line of lines) chain.push(line);
    }
  }
  if (chain) {
    pending += decoder.end();
    if (pending !== '') chain.push(pending);
  }
  return {
    sha256: hash.digest('hex'), size,
    ...(small && size <= SMALL ? { content: Buffer.concat(kept) } : {}),
    ...(chain ? { chain: chain.finish() } : {}),
  };
}

async function* folderFiles(root: string, dir = ''): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* folderFiles(root, relative);
    else yield relative;
  }
}

/** Every file of the archive with what was measured of it, by its path inside the archive. */
async function measure(target: string): Promise<Map<string, Seen>> {
  const seen = new Map<string, Seen>();
  if ((await stat(target)).isDirectory()) {
    for await (const relative of folderFiles(target)) seen.set(relative, await readEntry(relative, createReadStream(path.join(target, relative))));
    return seen;
  }
  const extract = tar.extract();
  createReadStream(target).on('error', (error) => extract.destroy(error)).pipe(extract as unknown as NodeJS.WritableStream);
  const named: [string, Seen][] = [];
  for await (const entry of extract) {
    if (entry.header.type !== 'file') { entry.resume(); continue; }
    named.push([entry.header.name, await readEntry(stripRoot(entry.header.name), entry as unknown as Readable)]);
  }
  // The builder puts every file under one folder: paths are counted from inside it.
  for (const [name, measured] of named) seen.set(stripRoot(name), measured);
  return seen;
}

const stripRoot = (name: string) => name.replace(/^\.\//, '').replace(/^[^/]+\//, '');

const parseJson = <T>(content: Buffer | undefined): T | null => {
  if (!content) return null;
  try { return JSON.parse(content.toString('utf8')) as T; } catch { return null; }
};

/** Checks a year archive; `expectedFingerprint` (hex, from the signed paper summary) pins the key. */
export async function verifyYearArchive(target: string, expectedFingerprint?: string): Promise<ArchiveVerdict> {
  let seen: Map<string, Seen>;
  try {
    seen = await measure(target);
  } catch (error) {
    return bad(`не удаётся прочитать архив ${target}: ${(error as Error).message}`);
  }
  for (const needed of [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE]) {
    if (!seen.get(needed)?.content) return bad(`${needed}: файла нет — это не архив учебного года Klassny или он неполон`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(seen.get(PUBLIC_KEY_FILE)!.content!);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
  } catch {
    return bad(`${PUBLIC_KEY_FILE}: открытый ключ повреждён`);
  }
  const fingerprint = keyFingerprint(key);
  const signature = parseJson<SignatureFile>(seen.get(SIGNATURE_FILE)!.content);
  const manifestBytes = seen.get(MANIFEST_FILE)!.content!;
  const manifest = parseJson<Manifest>(manifestBytes);
  if (!signature || typeof signature.signature !== 'string' || typeof signature.manifestSha256 !== 'string') {
    return bad(`${SIGNATURE_FILE}: файл подписи повреждён`);
  }
  if (!verify(null, signedMessage(signature.manifestSha256), key, Buffer.from(signature.signature, 'base64'))) {
    // Which one changed: the key (it matches neither record of it) or the signature file.
    if (fingerprint !== signature.keyFingerprint && fingerprint !== manifest?.keyFingerprint) {
      return bad(`${PUBLIC_KEY_FILE}: ключ не тот, которым подписан архив (отпечаток ${groupedFingerprint(fingerprint)})`);
    }
    return bad(`${SIGNATURE_FILE}: подпись неверна — описи архива нельзя доверять`);
  }
  // The signature covers only the manifest's hash: the rest of its file must read exactly as written.
  if (`${JSON.stringify({ algorithm: 'Ed25519', keyFingerprint: fingerprint, manifestSha256: signature.manifestSha256, signature: signature.signature }, null, 2)}\n`
    !== seen.get(SIGNATURE_FILE)!.content!.toString('utf8')) {
    return bad(`${SIGNATURE_FILE}: файл подписи изменён`);
  }
  if (createHash('sha256').update(manifestBytes).digest('hex') !== signature.manifestSha256) {
    return bad(`${MANIFEST_FILE}: опись изменена после подписи (SHA-256 не совпадает с подписанным)`);
  }
  if (expectedFingerprint !== undefined && expectedFingerprint !== fingerprint) {
    return bad(`${PUBLIC_KEY_FILE}: архив подписан другим ключом: отпечаток ${groupedFingerprint(fingerprint)}, а ожидался ${groupedFingerprint(expectedFingerprint)}`);
  }
  if (!manifest || manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.files)) {
    return bad(`${MANIFEST_FILE}: это не опись архива учебного года Klassny`);
  }
  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const file of manifest.files) {
    listed.add(file.path);
    const found = seen.get(file.path);
    if (!found) return bad(`${file.path}: файла нет, хотя он указан в описи`);
    if (found.sha256 !== file.sha256 || found.size !== file.size) {
      const chain = found.chain?.broken ? ` (${describeBreak(found.chain.broken)})` : '';
      return bad(`${file.path}: файл изменён — SHA-256 не совпадает с описью${chain}`);
    }
  }
  const extra = [...seen.keys()].find((name) => !listed.has(name));
  if (extra !== undefined) return bad(`${extra}: лишний файл, его нет в описи`);
  const chain = seen.get(AUDIT_FILE)?.chain;
  if (!chain) return bad(`${AUDIT_FILE}: файла нет`);
  if (chain.broken) return bad(`${AUDIT_FILE}: ${describeBreak(chain.broken)}`);
  const heads = manifest.audit;
  if (chain.start?.seq !== heads.start.seq || chain.start.hash !== heads.start.hash || chain.end?.seq !== heads.end.seq || chain.end.hash !== heads.end.hash) {
    return bad(`${AUDIT_FILE}: концы цепочки не совпадают с описью`);
  }
  const range = chain.entries === 0 ? 'записей за год нет' : `${chain.entries} (№ ${chain.start!.seq + 1}–${chain.end!.seq})`;
  return {
    ok: true,
    lines: [
      `Архив цел: ${manifest.school.name}, учебный год ${manifest.year.name}`,
      `Подпись верна, ключ архива: ${groupedFingerprint(fingerprint)}`,
      `Файлов: ${manifest.files.length}, все хеши совпадают с описью`,
      `Цепочка журнала изменений цела: ${range}`,
    ],
  };
}

const bad = (line: string): ArchiveVerdict => ({ ok: false, lines: [`Архив не прошёл проверку: ${line}`] });
