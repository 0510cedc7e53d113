/**
 * `npm run bench:backup`: backup and restore of the 50-school demo district on PostgreSQL (issue 14,
 * «Speed and size»), each as the real `klassny` command in its own process under /usr/bin/time
 * (wall time and peak RSS of that process):
 *   - `klassny backup --to DIR` of `klassny_bench` (read only: the district is not rebuilt, not
 *     migrated, not written, except the demo student's session for the load below);
 *   - the same with `--key-file` (encrypted with age);
 *   - `klassny restore FILE` into a new database `klassny_bench_restore`, dropped afterwards;
 *   - the diary week of the demo student under load (autocannon, 64 connections as bench:journal)
 *     with no backup running, then while one runs: client latency p99 of both.
 * The district must have been built by `npm run bench:demo`. BENCH_DATABASE_URL: admin connection
 * (default postgres://postgres@127.0.0.1:5432/test). BENCH_SECONDS: the length of each load
 * (default 20). Targets: backup ≤ 5 min and ≤ 300 MB; restore ≤ 2× the backup; p99 ≤ 2× while a
 * backup runs. Results: bench/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { DEMO_TODAY } from '../src/server/demo/journal.ts';
import { newBackupKey } from '../src/server/records/backupCrypt.ts';
import { adminUrl, databaseUrl } from './support/districts.ts';
import { type Load, load } from './support/measure.ts';
import { serverProcess } from './support/server.ts';

const SOURCE = 'klassny_bench';
const TARGET = 'klassny_bench_restore';
const SCHOOLS = 50;
const CONNECTIONS = 64;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS || 20);
const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const temp = mkdtempSync(path.join(os.tmpdir(), 'klassny-bench-backup-'));
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

type Run = { seconds: number; peakMb: number; out: string };

/** `klassny …args` in its own process under /usr/bin/time: wall time, peak RSS, what it printed. */
function klassny(args: string[], env: Record<string, string>): { done: Promise<Run> } {
  const child = spawn('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, path.join(root, 'bin/klassny.mjs'), ...args], {
    cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
  const done = new Promise<Run>((resolve, reject) => child.on('exit', (code) => {
    const time = /TIME ([\d.]+) (\d+)/.exec(err);
    if (code !== 0 || !time) reject(new Error(`klassny ${args.join(' ')}: код ${code}\n${out}${err}`));
    else resolve({ seconds: Number(time[1]), peakMb: Number(time[2]) / 1024, out: out.trim() });
  }));
  return { done };
}

async function signIn(address: string, login: string): Promise<string> {
  const response = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`вход ${login}: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** The diary week under load, quiet and then while a backup runs (started a few seconds before the load). */
async function diaryUnderLoad(sourceUrl: string, env: Record<string, string>): Promise<{ quiet: Load; during: Load; backup: Run }> {
  const server = await serverProcess(sourceUrl);
  try {
    const [student] = await query<{ school_id: string; id: string }>(sourceUrl,
      `select r.school_id, r.person_id as id from users u join user_roles r on r.user_id = u.id where u.login = 'student'`);
    const headers = { cookie: await signIn(server.address, 'student'), 'accept-encoding': 'gzip, deflate, br' };
    const url = `${server.address}/api/v1/schools/${student!.school_id}/students/${student!.id}/diary/week?date=${DEMO_TODAY}`;
    await load(url, headers, CONNECTIONS, 3);
    const quiet = await load(url, headers, CONNECTIONS, LOAD_SECONDS);
    const backup = klassny(['backup', '--to', path.join(temp, 'during')], env);
    // The process starts (tsx) and opens its snapshot before the load begins.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const during = await load(url, headers, CONNECTIONS, LOAD_SECONDS);
    return { quiet, during, backup: await backup.done };
  } finally {
    await server.close();
  }
}

async function main() {
  const sourceUrl = databaseUrl(SOURCE);
  const [{ n } = { n: 0 }] = await query<{ n: number }>(sourceUrl, 'select count(*)::int as n from schools').catch(() => []);
  if (n !== SCHOOLS) throw new Error(`в ${SOURCE} ${n} школ, а нужно ${SCHOOLS}: сначала npm run bench:demo`);
  const [{ rows }] = await query<{ rows: string }>(sourceUrl, `select sum(n_live_tup)::text as rows from pg_stat_user_tables`) as [{ rows: string }];
  const [{ size }] = await query<{ size: string }>(sourceUrl, `select pg_size_pretty(pg_database_size(current_database())) as size`) as [{ size: string }];
  console.log(`Резервная копия демо-района: ${SCHOOLS} школ, ~${Number(rows).toLocaleString('ru-RU')} строк, база ${size}; load average ${loadAverage()}`);
  const env = { DATABASE_URL: sourceUrl, DATA_DIR: path.join(temp, 'data') };

  const plain = await klassny(['backup', '--to', path.join(temp, 'plain')], env).done;
  const file = path.join(temp, 'plain', readdirSync(path.join(temp, 'plain'))[0]!);
  const mb = (f: string) => statSync(f).size / 2 ** 20;
  console.log(`backup: ${plain.seconds.toFixed(1)} с, пик RSS ${plain.peakMb.toFixed(0)} МБ, ${mb(file).toFixed(0)} МБ; load average ${loadAverage()}`);

  const keyFile = path.join(temp, 'backup.key');
  writeFileSync(keyFile, `${(await newBackupKey()).secret}\n`, { mode: 0o600 });
  const encrypted = await klassny(['backup', '--to', path.join(temp, 'encrypted'), '--key-file', keyFile], env).done;
  const encryptedFile = path.join(temp, 'encrypted', readdirSync(path.join(temp, 'encrypted'))[0]!);
  console.log(`backup --key-file: ${encrypted.seconds.toFixed(1)} с, пик RSS ${encrypted.peakMb.toFixed(0)} МБ, ${mb(encryptedFile).toFixed(0)} МБ; load average ${loadAverage()}`);
  rmSync(path.join(temp, 'encrypted'), { recursive: true, force: true });

  let restore: Run;
  await query(adminUrl, `drop database if exists ${TARGET} with (force)`);
  await query(adminUrl, `create database ${TARGET}`);
  try {
    restore = await klassny(['restore', file], { DATABASE_URL: databaseUrl(TARGET), DATA_DIR: path.join(temp, 'restored') }).done;
    console.log(`restore: ${restore.seconds.toFixed(1)} с (${(restore.seconds / plain.seconds).toFixed(2)}× копии), пик RSS ${restore.peakMb.toFixed(0)} МБ; load average ${loadAverage()}`);
  } finally {
    await query(adminUrl, `drop database if exists ${TARGET} with (force)`);
  }
  rmSync(path.join(temp, 'plain'), { recursive: true, force: true });

  const { quiet, during, backup } = await diaryUnderLoad(sourceUrl, env);
  console.log(`дневник, неделя, ${CONNECTIONS} соединений по ${LOAD_SECONDS} с: без копии p50 ${quiet.p50} мс, p99 ${quiet.p99} мс, ${quiet.rps.toFixed(0)} запр/с;`
    + ` во время копии p50 ${during.p50} мс, p99 ${during.p99} мс, ${during.rps.toFixed(0)} запр/с (p99 ×${(during.p99 / quiet.p99).toFixed(2)});`
    + ` копия под нагрузкой ${backup.seconds.toFixed(1)} с; ошибок ${quiet.errors + during.errors + quiet.non2xx + during.non2xx}`);

  const verdict = (ok: boolean) => (ok ? 'да' : 'НЕТ');
  console.log(`\nЦели: копия ≤ 5 мин — ${verdict(plain.seconds <= 300)}; ≤ 300 МБ — ${verdict(plain.peakMb <= 300)};`
    + ` восстановление ≤ 2× — ${verdict(restore!.seconds <= 2 * plain.seconds)}; p99 во время копии ≤ 2× — ${verdict(during.p99 <= 2 * quiet.p99)}`);
  console.log(`load average в конце: ${loadAverage()}`);
}

try {
  await main();
} finally {
  rmSync(temp, { recursive: true, force: true });
}
