import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb, webBuildIsStale } from '../src/cli/webBuild.ts';
import { DEFAULT_WEB_ROOT } from '../src/server/plugins/web.ts';

/**
 * The JavaScript a browser downloads to show the diary (`/diary/...`): the entry chunk, the
 * diary route's lazy chunk and everything they import, each gzipped (level 9) as a server would.
 * Budget (issue 6): at most 250 KB gzipped.
 */
type Chunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
const BUDGET_KB = 250;

if (webBuildIsStale()) await buildWeb();
const manifest = JSON.parse(readFileSync(path.join(DEFAULT_WEB_ROOT, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const diaryKey = Object.keys(manifest).find((key) => key.endsWith('features/diary/DiaryPage.tsx'));
const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
if (!diaryKey || !entryKey) throw new Error('dist/web/.vite/manifest.json has no entry or no diary chunk');

const needed = new Set<string>();
const visit = (key: string) => {
  if (needed.has(key)) return;
  needed.add(key);
  for (const imported of manifest[key]!.imports ?? []) visit(imported);
};
visit(entryKey);
visit(diaryKey);

let raw = 0;
let gzipped = 0;
const rows = [...needed].map((key) => {
  const bytes = readFileSync(path.join(DEFAULT_WEB_ROOT, manifest[key]!.file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += zipped;
  return `  ${manifest[key]!.file.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(zipped / 1024).toFixed(1).padStart(7)} KB gzipped`;
});
console.log(`Diary route JavaScript (${needed.size} chunks):\n${rows.join('\n')}`);
console.log(`Total: ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (gzipped / 1024 > BUDGET_KB) process.exitCode = 1;

// «Оценки» (`/diary/.../marks`) is its own lazy chunk: what it adds on top of the week, and the
// marks route in all (the same budget).
const marksKey = Object.keys(manifest).find((key) => key.endsWith('features/diary/MarksPage.tsx'));
if (marksKey) {
  const extra: string[] = [];
  const visitExtra = (key: string) => {
    if (needed.has(key) || extra.includes(key)) return;
    extra.push(key);
    for (const imported of manifest[key]!.imports ?? []) visitExtra(imported);
  };
  visitExtra(marksKey);
  let extraRaw = 0;
  let extraGzipped = 0;
  const extraRows = extra.map((key) => {
    const bytes = readFileSync(path.join(DEFAULT_WEB_ROOT, manifest[key]!.file));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    extraRaw += bytes.length;
    extraGzipped += zipped;
    return `  ${manifest[key]!.file.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  ${(zipped / 1024).toFixed(1).padStart(7)} KB gzipped`;
  });
  // The marks route itself needs the entry and what MarksPage imports, not the week's chunk.
  const marksNeeded = new Set<string>();
  const visitMarks = (key: string) => {
    if (marksNeeded.has(key)) return;
    marksNeeded.add(key);
    for (const imported of manifest[key]!.imports ?? []) visitMarks(imported);
  };
  visitMarks(entryKey);
  visitMarks(marksKey);
  const marksGzipped = [...marksNeeded].reduce((sum, key) => sum + gzipSync(readFileSync(path.join(DEFAULT_WEB_ROOT, manifest[key]!.file)), { level: 9 }).length, 0);
  console.log(`\nMarks by subject (/diary/.../marks), loaded on demand beyond the week:\n${extraRows.join('\n')}`);
  console.log(`Extra: ${(extraRaw / 1024).toFixed(1)} KB, ${(extraGzipped / 1024).toFixed(1)} KB gzipped; marks route in all ${(marksGzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
  if (marksGzipped / 1024 > BUDGET_KB) process.exitCode = 1;
}
