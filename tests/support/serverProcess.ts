import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/klassny.mjs');

/** A port free right now, for a server that must know its own before it starts (PUBLIC_URL, the banner). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  /** The JSON lines of the server's log so far (LOG_FILE). */
  log(): Record<string, unknown>[];
  /** Resolves when the log has a line for which `match` holds; fails when the server exits first. */
  logLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stop(): Promise<number | null>;
};

/** `klassny start` in a process of its own, as an administrator runs it; resolves once its banner is out. */
export async function startServerProcess(env: Record<string, string>, dataDir: string): Promise<ServerProcess> {
  const port = await freePort();
  const logFile = path.join(dataDir, 'server.log');
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_FILE: logFile, LOG_LEVEL: 'info',
      DEMO: 'false', JOBS: 'false', PUBLIC_URL: `http://127.0.0.1:${port}`, ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  let gone = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { gone = true; resolve(code); }));
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '').split('\n').filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const until = async <T>(found: () => T | undefined, what: string): Promise<T> => {
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (gone) throw new Error(`the server exited before ${what}:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await until(() => (out.includes('Klassny работает') ? true : undefined), 'its banner');
  return {
    child, port, exited, log,
    logLine: (match) => until(() => log().find(match), 'the awaited log line'),
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP request; `agent: false` opens a connection of its own (so the cluster may hand it to any worker). */
export function request(port: number, method: string, url: string, options: {
  body?: unknown; headers?: Record<string, string>; agent?: http.Agent | false;
} = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request({
      host: '127.0.0.1', port, method, path: url, agent: options.agent ?? false,
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** An open Server-Sent Events stream on a connection of its own, read block by block. */
export async function openEventStream(port: number, url: string, cookie: string) {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: url, agent: false, headers: { cookie } }, resolve);
    req.on('error', reject);
  });
  res.setEncoding('utf8');
  let buffer = '';
  let ended = false;
  const waiting: (() => void)[] = [];
  const wake = () => { for (const w of waiting.splice(0)) w(); };
  res.on('data', (chunk: string) => { buffer += chunk; wake(); });
  res.on('end', () => { ended = true; wake(); });
  res.on('close', () => { ended = true; wake(); });
  return {
    status: res.statusCode!,
    worker: String(res.headers['x-klassny-worker']),
    /** The next block (`event: …\ndata: …`), skipping heartbeats; undefined once the stream ended. */
    async next(): Promise<string | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith(':')) return block;
          continue;
        }
        if (ended) return undefined;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    close: () => res.destroy(),
  };
}
