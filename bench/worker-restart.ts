/**
 * `npm run bench:restart`: one of two workers restarts under load. `klassny start` with WORKERS=2
 * on an empty PostgreSQL database (migrated by the primary, no demo); autocannon from this process
 * reads `/api/ready` (two queries) on keep-alive connections for `DURATION` s, and a third of the
 * way in worker 1 gets SIGTERM, as `kill <pid>` or a crash-free replacement would send it. Every
 * error, time-out and non-2xx answer is counted; nothing is retried. Prints req/s, p50/p99, the
 * counts, the processes' memory and the load average.
 *
 * Also `workerRestartScenario(url)` for bench/peak.ts. Settings: BENCH_DATABASE_URL (an admin URL,
 * as the other benches), CONNECTIONS (32), DURATION (30).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { adminUrl, databaseUrl } from './support/districts.ts';

const bin = fileURLToPath(new URL('../bin/klassny.mjs', import.meta.url));

export type RestartResult = {
  rps: number; p50: number; p99: number; requests: number; errors: number; timeouts: number; non2xx: number;
  /** Requests of the side clients, each on a new connection (their failures are in `errors`). */
  freshConnections: number;
  /** The workers that answered: the two of the start and the replacement. */
  workersSeen: string[];
  restartedInMs: number;
  /** Resident memory now / peak (VmRSS / VmHWM), MB. */
  rssMb: Record<string, string>;
  load: string;
};

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024);
  return `${mb('VmRSS')}/${mb('VmHWM')}`;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The workers: the primary's children. */
const workerPids = (primary: number) => execFileSync('pgrep', ['-P', String(primary)]).toString().trim().split('\n').map(Number);

async function until<T>(found: () => T | undefined, child: ChildProcess): Promise<T> {
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (child.exitCode !== null) throw new Error('klassny start завершился');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the scenario against `url` (an empty or migrated database the server may write). */
export async function workerRestartScenario(url: string, connections = 32, duration = 30): Promise<RestartResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klassny-bench-restart-'));
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env, DATABASE_URL: url, WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir,
      LOG_FILE: path.join(dir, 'server.log'), LOG_LEVEL: 'warn', DEMO: 'false', JOBS: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  try {
    await until(() => (out.includes('Klassny работает') ? true : undefined), child);
    // LOG_LEVEL=warn keeps request lines out; the pids come from the operating system.
    const workers = workerPids(child.pid!);
    const seen = new Set<string>();
    let restartedAt = 0;
    let replacedAt = 0;
    const run = autocannon({
      url: `http://127.0.0.1:${port}/api/ready`, connections, duration, workers: 0,
      // autocannon hands the parser's raw header list (name, value, name, value, …), whatever its types say.
      setupClient: (client) => client.on('headers', (info: unknown) => {
        const flat = (info as { headers: string[] }).headers;
        const at = flat.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'x-klassny-worker');
        const worker = at >= 0 ? flat[at + 1] : undefined;
        if (worker && !seen.has(worker)) {
          seen.add(worker);
          if (restartedAt > 0) replacedAt = Date.now();
        }
      }),
    });
    setTimeout(() => {
      restartedAt = Date.now();
      process.kill(workers[0]!, 'SIGTERM');
    }, (duration * 1000) / 3);
    // autocannon's keep-alive connections stay where they are; a few clients opening a connection per
    // request show the replacement taking new ones (and they count too).
    const fresh = { ok: 0, failed: 0 };
    const deadline = Date.now() + duration * 1000;
    const side = Promise.all(Array.from({ length: 2 }, async () => {
      while (Date.now() < deadline) {
        const worker = await new Promise<string | undefined>((resolve) => {
          http.get({ host: '127.0.0.1', port, path: '/api/ready', agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 200 ? String(res.headers['x-klassny-worker']) : undefined));
          }).on('error', () => resolve(undefined));
        });
        if (worker === undefined) fresh.failed += 1;
        else {
          fresh.ok += 1;
          if (!seen.has(worker)) {
            seen.add(worker);
            if (restartedAt > 0) replacedAt = Date.now();
          }
        }
      }
    }));
    const [result] = await Promise.all([run, side]);
    const memory: Record<string, string> = { primary: rssMb(child.pid!) };
    for (const pid of workerPids(child.pid!)) memory[`pid ${pid}`] = rssMb(pid);
    return {
      rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total,
      errors: result.errors + fresh.failed, timeouts: result.timeouts, non2xx: result.non2xx, freshConnections: fresh.ok + fresh.failed,
      workersSeen: [...seen].sort(), restartedInMs: replacedAt > 0 ? replacedAt - restartedAt : NaN, rssMb: memory,
      load: loadavg().map((n) => n.toFixed(2)).join(' '),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const name = 'klassny_bench_restart';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const r = await workerRestartScenario(databaseUrl(name), Number(process.env.CONNECTIONS ?? 32), Number(process.env.DURATION ?? 30));
  console.log('Один из двух процессов перезапускается под нагрузкой (GET /api/ready, keep-alive, без повторов):');
  console.log(`  ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; запросов ${r.requests} + ${r.freshConnections} на новых соединениях: `
    + `ошибок ${r.errors}, тайм-аутов ${r.timeouts}, не 2xx ${r.non2xx}`);
  console.log(`  ответили процессы ${r.workersSeen.join(', ')}; замена ответила через ${r.restartedInMs.toFixed(0)} мс после SIGTERM`);
  console.log(`  память сейчас/пик (VmRSS/VmHWM, МБ): ${Object.entries(r.rssMb).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  load average: ${r.load}`);
  if (r.errors + r.timeouts + r.non2xx > 0) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
