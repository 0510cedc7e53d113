import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's start parameters with a smaller buffer pool: PostgreSQL's default of 128 MB lives in the
 * WebAssembly heap, which grows as pages are read and never shrinks, so it is 128 MB more resident
 * memory for good. 32 MB holds a school's hot pages; the rest comes from the operating system's
 * page cache through the file system (bench/README.md, «Embedded database memory»).
 */
export const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

/** Whether `dataDir` already holds a PGlite database (PG_VERSION is written by initdb). */
export function embeddedFolderExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

// Runs in the child: only PGlite, loaded by its resolved URL, so the child needs no TypeScript loader.
const CREATE_SCRIPT = `
const [url, dataDir, params] = process.argv.slice(1);
const { PGlite } = await import(url);
const db = new PGlite({ dataDir, startParams: JSON.parse(params) });
await db.waitReady;
await db.close();
`;

/**
 * Creates the PGlite folder in a child process. PGlite creates a new folder by running initdb in a
 * second, in-memory PostgreSQL and copying its files over, which takes the process to ~800 MB
 * resident; in the child that memory goes back to the system when it exits instead of staying in
 * the server's heap for its whole life (the server then opens the folder at ~300 MB).
 */
export async function createEmbeddedFolder(dataDir: string): Promise<void> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CREATE_SCRIPT,
    pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href, dataDir, JSON.stringify(EMBEDDED_START_PARAMS)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code}): ${stderr.trim()}`);
}
