import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import tar from 'tar-stream';

/** Every entry of a tar file in memory (test archives are small). */
export async function readTar(file: string): Promise<{ name: string; data: Buffer }[]> {
  const extract = tar.extract();
  Readable.from([readFileSync(file)]).pipe(extract as unknown as NodeJS.WritableStream);
  const entries: { name: string; data: Buffer }[] = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({ name: entry.header.name, data: Buffer.concat(chunks) });
  }
  return entries;
}

export async function writeTar(file: string, entries: { name: string; data: Buffer }[]): Promise<void> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name }, e.data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(file, Buffer.concat(chunks));
}

/** A copy of the archive whose manifest was edited and re-hashed (a well-formed archive saying something else). */
export async function withEditedManifest(source: string, target: string, edit: (manifest: Record<string, unknown>) => void): Promise<void> {
  const entries = await readTar(source);
  const manifest = JSON.parse(entries[0]!.data.toString('utf8')) as Record<string, unknown>;
  edit(manifest);
  entries[0]!.data = Buffer.from(JSON.stringify(manifest));
  entries[1]!.data = Buffer.from(createHash('sha256').update(entries[0]!.data).digest('hex'));
  await writeTar(target, entries);
}

/** A copy of the archive with one byte of an entry's content flipped (the entry found by its name in its tar header). */
export function withFlippedByte(source: string, target: string, entryName: string, at = 40): void {
  const bytes = readFileSync(source);
  const header = bytes.indexOf(Buffer.from(`${entryName}\0`));
  if (header < 0 || header % 512 !== 0) throw new Error(`no tar entry ${entryName}`);
  bytes[header + 512 + at] = bytes[header + 512 + at]! ^ 0x01;
  writeFileSync(target, bytes);
}
