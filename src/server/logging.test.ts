import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { openServerLog } from './logging.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const jsonLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

it('writes the request log as JSON lines to LOG_FILE, making its folder, and reopens it on SIGUSR2 after rotation', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'klassny-log-'));
  dirs.push(dir);
  const logFile = path.join(dir, 'logs', 'klassny.log');
  const log = openServerLog({ logFile, logLevel: 'info' });
  const app = Fastify({ logger: log.options });
  app.get('/ping', () => ({ ok: true }));
  try {
    expect((await app.inject({ url: '/ping' })).statusCode).toBe(200);
    const first = jsonLines(logFile);
    expect(first.some((l) => (l.req as { url?: string } | undefined)?.url === '/ping')).toBe(true);
    expect(first.some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 200)).toBe(true);

    // logrotate moves the file, then signals the server.
    renameSync(logFile, `${logFile}.1`);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect((await app.inject({ url: '/ping?after=rotation' })).statusCode).toBe(200);
    expect(jsonLines(logFile).some((l) => (l.req as { url?: string } | undefined)?.url === '/ping?after=rotation')).toBe(true);
    expect(readFileSync(`${logFile}.1`, 'utf8')).not.toContain('after=rotation');
  } finally {
    await app.close();
    log.close();
  }
  expect(process.listenerCount('SIGUSR2')).toBe(0);
});
