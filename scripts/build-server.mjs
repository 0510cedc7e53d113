// Compiles the server and CLI (src/ without src/web and tests) to JavaScript in lib/, file by file
// and at the same depth as src/, so that paths made from import.meta.url still reach package.json,
// dist/web and the migrations. bin/klassny.mjs runs lib/ when it is as new as src/, else tsx.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const started = Date.now();
const sources = readdirSync('src', { recursive: true })
  .map((f) => path.join('src', f))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(path.join('src', 'web')));
rmSync('lib', { recursive: true, force: true });
const result = await build({
  entryPoints: sources,
  outdir: 'lib',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  write: false,
  logLevel: 'warning',
});
// Without bundling esbuild keeps import specifiers as written: './x.ts' becomes './x.js'.
const relativeTs = /(["'])(\.\.?\/[^"'\n]*?)\.ts\1/g;
for (const file of result.outputFiles) {
  const text = file.path.endsWith('.js') ? file.text.replace(relativeTs, '$1$2.js$1') : file.text;
  mkdirSync(path.dirname(file.path), { recursive: true });
  writeFileSync(file.path, text);
}
cpSync('src/server/db/migrations', 'lib/server/db/migrations', { recursive: true });
// Written last: bin/klassny.mjs runs lib/ only while no file under src/ is newer than this one.
writeFileSync('lib/.built', new Date().toISOString() + '\n');
console.log(`lib/: ${sources.length} files in ${Date.now() - started} ms`);
