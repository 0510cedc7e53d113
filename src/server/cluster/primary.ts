import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import { StartupError } from '../startup/startupChecks.ts';

/** A worker tells its primary that it stops (SIGTERM): a replacement starts at once, before it is gone. */
export const DRAINING_MESSAGE = 'klassny:draining';
/** Workers still running this long after the primary asked them to stop are killed. */
const STOP_TIMEOUT_MS = 25_000;
/** A worker that lived less than this died of something that a restart at once would repeat. */
const QUICK_DEATH_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export type Supervisor = {
  /** The workers now running: number and pid. */
  workers(): { id: number; pid: number }[];
  /** Asks every worker to stop gracefully and resolves when all have exited. */
  stop(): Promise<void>;
};

/**
 * How many server processes to run: WORKERS, else one per core, on PostgreSQL; always one on
 * the embedded database (PGlite is one connection in one process, its folder locked by it).
 */
export function workerCount(config: Pick<Config, 'databaseUrl' | 'workers'>): number {
  if (!config.databaseUrl) return 1;
  return config.workers ?? availableParallelism();
}

/**
 * The primary of a cluster: it does no HTTP and holds no database connection. It forks `count`
 * workers that share the port (node:cluster hands each new connection to one of them), resolves
 * once all listen, and replaces a worker that exits — at once when the worker says it is
 * draining, so capacity never drops to the others alone for long; after a backoff when workers keep
 * dying young. A worker that exits before it ever listened at the first start fails the start:
 * the worker printed its own reason.
 */
export async function superviseWorkers(count: number, log: Log): Promise<Supervisor> {
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<Worker, number>();
  const replaced = new WeakSet<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.on('message', (message: unknown) => {
      if (message !== DRAINING_MESSAGE || stopping || replaced.has(worker)) return;
      replaced.add(worker);
      log.info({ worker: worker.id, pid: worker.process.pid }, 'cluster: a worker is stopping, starting its replacement');
      fork();
    });
    worker.once('listening', () => log.info({ worker: worker.id, pid: worker.process.pid }, 'cluster: worker listening'));
    return worker;
  };

  const first = Array.from({ length: count }, fork);
  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    for (const worker of first) {
      worker.once('listening', () => {
        if (++listening === count) resolve();
      });
      worker.once('exit', (code, signal) => {
        if (listening < count) reject(new StartupError(`процесс сервера ${worker.id} завершился при запуске (код ${code ?? signal}); причина — выше`));
      });
    }
  }).catch(async (error: unknown) => {
    stopping = true;
    await stopAll();
    throw error;
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping || replaced.has(worker)) return;
    // An exit nobody asked for: a crash, or a kill from outside.
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    const delay = quickDeaths === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** (quickDeaths - 1));
    log.error({ worker: worker.id, pid: worker.process.pid, code, signal, restartInMs: delay }, 'cluster: a worker exited, starting another');
    setTimeout(() => { if (!stopping) fork(); }, delay).unref();
  });

  // logrotate's SIGUSR2 reaches the primary (its pid is the service's): each worker reopens its log too.
  const forwardUsr2 = () => { for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGUSR2'); };
  process.on('SIGUSR2', forwardUsr2);

  async function stopAll(): Promise<void> {
    const running = [...startedAt.keys()].filter((w) => w.process.exitCode === null && w.process.signalCode === null);
    await Promise.all(running.map((worker) => new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
      worker.once('exit', () => clearTimeout(kill));
      worker.process.kill('SIGTERM');
    })));
  }

  return {
    workers: () => [...startedAt.keys()].map((w) => ({ id: w.id, pid: w.process.pid! })),
    async stop() {
      stopping = true;
      process.off('SIGUSR2', forwardUsr2);
      await stopAll();
    },
  };
}

/** In a worker: tells the primary that this worker stops, so that its replacement starts now. */
export function announceDraining(): void {
  if (cluster.isWorker && process.connected) process.send?.(DRAINING_MESSAGE);
}
