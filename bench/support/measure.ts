/**
 * Measuring tools of the benchmarks: SQL statements counted at the driver, server time taken at
 * the HTTP server (request received → response finished, like an `x-response-time` header),
 * sequential timed requests, and autocannon runs.
 */
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';

/** Every statement any pg client sends (the pool's `query` goes through its client's). */
export const sqlCounter = { count: 0, log: null as string[] | null };
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  sqlCounter.count++;
  const first = args[0] as string | { text?: string } | undefined;
  sqlCounter.log?.push(typeof first === 'string' ? first : first?.text ?? '?');
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** Server time of each request on `server`, from the request to the last byte of the response, in ms. */
export function serverTimer(server: Server) {
  let times: number[] = [];
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => times.push(Number(process.hrtime.bigint() - start) / 1e6));
  });
  return {
    take() {
      const out = times;
      times = [];
      return out;
    },
  };
}

export const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export type Timed = { p50: number; p99: number; clientP50: number; statements: number; count: number };

/**
 * `count` requests one after another (after `warmup` untimed ones): server time p50/p99, client
 * time p50 (loopback), and SQL statements per request (the mean; every request does the same work).
 */
export async function sequential(
  timer: ReturnType<typeof serverTimer>, request: (i: number) => Promise<Response>, count: number, warmup = 20,
): Promise<Timed> {
  for (let i = 0; i < warmup; i++) await check(await request(-1 - i));
  timer.take();
  const client: number[] = [];
  const before = sqlCounter.count;
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await check(await request(i));
    client.push(performance.now() - start);
  }
  const statements = (sqlCounter.count - before) / count;
  // The 'finish' event may come a tick after the client has the body.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const server = timer.take();
  return { p50: percentile(server, 50), p99: percentile(server, 99), clientP50: percentile(client, 50), statements, count };
}

async function check(response: Response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`);
}

/** The SQL statements of one request, shortened, to show what it costs. */
export async function statementsOf(request: () => Promise<Response>): Promise<string[]> {
  sqlCounter.log = [];
  await check(await request());
  const log = sqlCounter.log;
  sqlCounter.log = null;
  return log.map((s) => s.replace(/\s+/g, ' ').slice(0, 110));
}

export type Load = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** autocannon against one URL: requests per second and latency at `connections` connections. */
export async function load(url: string, headers: Record<string, string>, connections: number, duration: number): Promise<Load> {
  const result = await autocannon({ url, headers, connections, duration, workers: 1 });
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx,
  };
}

/**
 * The yardstick: a bare Fastify with a `pg` pool of the app's size answering one indexed query,
 * `select * from students where school_id = $1 and id = $2`.
 */
export async function bareServer(url: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const app = Fastify({ logger: false });
  app.get<{ Params: { schoolId: string; id: string } }>('/bare/:schoolId/:id', async (req) =>
    (await pool.query('select * from students where school_id = $1 and id = $2', [req.params.schoolId, req.params.id])).rows[0]);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    address,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

export const ms = (n: number) => (Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));

/**
 * Runs `work` under the V8 CPU profiler when the bench was started with `--profile`, and writes
 * `<tmpdir>/klassny-<name>.cpuprofile` (open it in Chrome DevTools or VS Code); otherwise just runs it.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!process.argv.includes('--profile')) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = path.join(os.tmpdir(), `klassny-${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  профиль: ${file}`);
  }
}
