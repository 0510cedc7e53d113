import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { trackConnections } from './drain.ts';
import { workerCount } from './primary.ts';

let server: http.Server | undefined;
afterEach(() => { server?.closeAllConnections(); server?.close(); server = undefined; });

/** A plain server whose `/slow` answers only when `release()` is called. */
async function serve() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let slowArrived!: () => void;
  const arrived = new Promise<void>((resolve) => { slowArrived = resolve; });
  server = http.createServer((req, res) => {
    if (req.url === '/slow') {
      slowArrived();
      void released.then(() => res.end('slow done'));
    } else res.end('ok');
  });
  const connections = trackConnections(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { connections, port: (server.address() as { port: number }).port, release, arrived };
}

const get = (port: number, path: string, agent: http.Agent) => new Promise<{ body: string; connection?: string }>((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
    let body = '';
    res.on('data', (c: Buffer) => { body += c.toString(); });
    res.on('end', () => resolve({ body, connection: res.headers.connection }));
  }).on('error', reject);
});

describe('a graceful drain', () => {
  it('finishes the request in flight, answers the next ones on open connections with Connection: close, and ends once all are gone', async () => {
    const { connections, port, release, arrived } = await serve();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const slow = get(port, '/slow', agent);
    await arrived;
    // A second connection, kept open for the next request.
    expect(await get(port, '/', agent)).toEqual({ body: 'ok', connection: 'keep-alive' });
    const drained = connections.drain(10_000);
    // The open keep-alive connection still serves, and says it closes.
    expect(await get(port, '/', agent)).toEqual({ body: 'ok', connection: 'close' });
    release();
    expect(await slow).toEqual({ body: 'slow done', connection: 'close' });
    expect(await drained).toEqual({ cut: 0 });
    expect(server!.listening).toBe(false);
    agent.destroy();
  });

  it('cuts a request still running at the time-out', async () => {
    const { connections, port, arrived } = await serve();
    const agent = new http.Agent({ keepAlive: false });
    const slow = get(port, '/slow', agent).catch((error: NodeJS.ErrnoException) => error.code);
    await arrived;
    expect(await connections.drain(100)).toEqual({ cut: 1 });
    expect(await slow).toBe('ECONNRESET');
  });

  it('names the worker on every answer when asked to', async () => {
    const { connections, port } = await serve();
    connections.tagResponses('x-klassny-worker', '2');
    const answer = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port, agent: false }, resolve));
    answer.resume();
    expect(answer.headers['x-klassny-worker']).toBe('2');
  });
});

describe('WORKERS', () => {
  it('is one process on the embedded database whatever it says, and WORKERS (else one per core) on PostgreSQL', () => {
    expect(workerCount({ databaseUrl: undefined, workers: 4 })).toBe(1);
    expect(workerCount({ databaseUrl: 'postgres://h/db', workers: 3 })).toBe(3);
    expect(workerCount({ databaseUrl: 'postgres://h/db', workers: undefined })).toBeGreaterThanOrEqual(1);
  });

  it('refuses 0 and what is not a number, in one Russian line', () => {
    expect(() => loadConfig({ WORKERS: '0' })).toThrow('WORKERS: от 1 (один процесс) и больше');
    expect(() => loadConfig({ WORKERS: 'many' })).toThrow(/WORKERS/);
    expect(loadConfig({ WORKERS: '2' }).workers).toBe(2);
    expect(loadConfig({}).workers).toBeUndefined();
  });
});
