#!/usr/bin/env node
// Runs the CLI from lib/, the JavaScript that `npm install` compiles (scripts/build-server.mjs),
// while it is as new as every file under src/; otherwise (a developer's edit, no build yet) runs
// the TypeScript itself through tsx, which costs about half a second per start.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function compiledIsCurrent() {
  let builtAt;
  try {
    builtAt = statSync(path.join(root, 'lib', '.built')).mtimeMs;
  } catch {
    return false;
  }
  const src = path.join(root, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (file.startsWith(path.join(src, 'web') + path.sep)) continue;
    if (statSync(file).mtimeMs > builtAt) return false;
  }
  return true;
}

let main;
if (process.env.KLASSNY_FROM_SOURCE !== 'true' && compiledIsCurrent()) {
  ({ main } = await import('../lib/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
