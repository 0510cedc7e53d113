import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WEB_ROOT } from '../server/plugins/web.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const webIsBuilt = (root = DEFAULT_WEB_ROOT) => existsSync(path.join(root, 'index.html'));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The build is older than a source of the web app (its own files, the shared contracts, the config). */
export function webBuildIsStale(root = DEFAULT_WEB_ROOT): boolean {
  if (!webIsBuilt(root)) return true;
  const built = statSync(path.join(root, 'index.html')).mtimeMs;
  const sources = Math.max(
    newestMtime(path.join(repoRoot, 'src', 'web')),
    newestMtime(path.join(repoRoot, 'src', 'shared')),
    statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
  );
  return sources > built;
}

/** `vite build` with the project's vite.config.ts (into dist/web). */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (Vitest sets `test`), and React would then ship its development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
