/**
 * The app as its own process for a benchmark that measures the server's memory: started by
 * `serverProcess(url)` with an IPC channel, it opens the database, builds the real app, listens on
 * a loopback port and answers the parent's questions — the server times of the requests since the
 * last question, the SQL statements sent meanwhile (counted at the pg driver, measure.ts), its CPU
 * time and its resident memory (now and the peak since it started).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sqlCounter, serverTimer } from './measure.ts';

type Ask = { id: number; ask: 'times' | 'sqlStart' | 'sqlStop' | 'memory' | 'cpu' | 'close' };
export type Memory = { rssMb: number; peakRssMb: number };

async function serve(url: string) {
  const { openDatabase } = await import('../../src/server/db/client.ts');
  const { buildApp } = await import('../../src/server/app.ts');
  const database = await openDatabase({ kind: 'pg', url, poolSize: 10 });
  const app = await buildApp({ database, logger: false, webRoot: null });
  const timer = serverTimer(app.server);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  let counted = 0;
  process.on('message', async (message: Ask) => {
    const reply = (value: unknown) => process.send!({ id: message.id, value });
    switch (message.ask) {
      case 'times': return reply(timer.take());
      case 'sqlStart':
        counted = sqlCounter.count;
        sqlCounter.log = [];
        return reply(null);
      case 'sqlStop': {
        const log = sqlCounter.log ?? [];
        sqlCounter.log = null;
        return reply({ count: sqlCounter.count - counted, log: log.map((s) => s.replace(/\s+/g, ' ').slice(0, 110)) });
      }
      case 'memory':
        return reply({ rssMb: process.memoryUsage.rss() / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 } satisfies Memory);
      case 'cpu': {
        const used = process.cpuUsage();
        return reply((used.user + used.system) / 1000);
      }
      case 'close':
        await app.close();
        await database.close();
        reply(null);
        return process.disconnect();
    }
  });
  process.send!({ id: 0, value: address });
}

/** Starts the app in a child process on the database `url`; resolves once it listens. */
export async function serverProcess(url: string) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', url], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting = new Map<number, (value: unknown) => void>();
  child.on('message', (message: { id: number; value: unknown }) => {
    waiting.get(message.id)?.(message.value);
    waiting.delete(message.id);
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`сервер завершился: ${code}`))));
  let next = 1;
  const ask = <T>(what: Ask['ask']) => {
    const id = next++;
    const answer = new Promise<T>((resolve) => waiting.set(id, resolve as (value: unknown) => void));
    child.send({ id, ask: what });
    return Promise.race([answer, exited]);
  };
  const address = await Promise.race([new Promise<string>((resolve) => waiting.set(0, resolve as (value: unknown) => void)), exited]);
  return {
    address,
    pid: child.pid!,
    /** Server times (ms) of the requests finished since the last call. */
    times: () => ask<number[]>('times'),
    /** The statements of whatever runs inside `work`, counted in the server process. */
    async statements(work: () => Promise<void>): Promise<{ count: number; log: string[] }> {
      await ask('sqlStart');
      await work();
      return ask('sqlStop');
    },
    memory: () => ask<Memory>('memory'),
    /** CPU time (user + system, ms) the server process has used since it started: unlike server time, barely moved by other jobs' load. */
    cpu: () => ask<number>('cpu'),
    async close() {
      exited.catch(() => undefined);
      await ask('close');
    },
  };
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
