import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { type Manifest, MANIFEST_FILE, SIGNATURE_FILE } from './archiveFormat.ts';

/**
 * The archive folder as one .tar stream (for download): the manifest and its signature first, then
 * every file in the manifest's order, each under the folder's name; files are streamed from disk.
 */
export function tarOfArchive(dir: string, manifest: Manifest): Readable {
  const pack = tar.pack();
  const root = path.basename(dir);
  const mtime = new Date(manifest.createdAt);
  void (async () => {
    for (const relative of [MANIFEST_FILE, SIGNATURE_FILE, ...manifest.files.map((f) => f.path)]) {
      const file = path.join(dir, relative);
      const { size } = await stat(file);
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name: `${root}/${relative}`, size, mode: 0o644, mtime }, (error) => (error ? reject(error) : resolve()));
        pipeline(createReadStream(file), entry).catch(reject);
      });
    }
    pack.finalize();
  })().catch((error: Error) => pack.destroy(error));
  // tar-stream's streams are streamx ones: a node Readable over it for fastify and pipeline().
  return Readable.from(pack, { objectMode: false });
}
