import pg from 'pg';
import { guardBusyConnections } from './busyConnectionGuard.ts';
import { requestContext } from './requestContext.ts';
import { laterLsn, lsnValue } from './walPosition.ts';

export type PoolOptions = {
  url: string;
  replicaUrl?: string;
  /** Connections for reading requests (GET, HEAD) on the primary, and on the replica. */
  readPoolSize: number;
  /** Connections reserved for transactions and the writing requests (POST, PUT, PATCH, DELETE). */
  writePoolSize: number;
  strict: boolean;
  onError: (error: Error) => void;
};

type Queryable = Pick<pg.Pool, 'query' | 'connect'>;

/**
 * What drizzle's node-postgres driver takes for a pool (its class name says "Pool"): a plain query
 * and `connect()` for a transaction, each sent to the pool that `pick` chooses at that moment.
 */
class RoutedPool {
  constructor(private readonly pick: () => Queryable | Promise<Queryable>) {}

  query(...args: unknown[]): Promise<unknown> {
    const target = this.pick();
    const run = (pool: Queryable) => (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
    return target instanceof Promise ? target.then(run) : run(target);
  }

  async connect(): Promise<pg.PoolClient> {
    return (await this.pick()).connect();
  }
}

export type Pools = {
  /** The primary: transactions and writing requests on the write pool, reading requests on the read pool. */
  primary: pg.Pool;
  /** Read-only screens: the replica, unless the caller's own write has not reached it yet. */
  replica: pg.Pool | undefined;
  /** After a transaction of a request commits: remembers where the primary's WAL stood (read-your-writes). */
  noteCommit(): Promise<void>;
  end(): Promise<void>;
};

/**
 * Writes never wait behind reads: the primary's connections are split into a pool reserved for
 * transactions and writing requests and a pool for reading requests (the diaries, the journal pages,
 * the reports). With a streaming replica, read-only screens read there, except for a person whose
 * own write the replica has not replayed yet (the WAL position rides in a cookie, walPosition.ts).
 */
export function openPools(options: PoolOptions): Pools {
  // JIT off: PostgreSQL compiles a statement once its estimated cost passes jit_above_cost, and
  // the reports' set-based statements pass it; compiling took 250 ms of a 2 s municipal summary
  // and saved nothing (EXPLAIN ANALYZE, bench/README.md). An `options` in the URL still wins.
  const pool = (url: string, max: number) => new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  const writes = pool(options.url, options.writePoolSize);
  const reads = pool(options.url, options.readPoolSize);
  const replica = options.replicaUrl ? pool(options.replicaUrl, options.readPoolSize) : undefined;
  const all = [writes, reads, ...(replica ? [replica] : [])];
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query. It is logged, so that a flapping database shows.
  for (const p of all) p.on('error', (error) => options.onError(error));
  if (options.strict) for (const p of all) guardBusyConnections(p);

  const readingRequest = () => requestContext.getStore()?.reading ?? false;
  const primary = new RoutedPool(() => (readingRequest() ? reads : writes));

  let replayed = 0n;
  let checking: Promise<bigint> | null = null;
  const replayedNow = () => {
    checking ??= replica!.query<{ lsn: string }>(`select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn()
        else pg_current_wal_insert_lsn() end)::text as lsn`)
      .then((r) => lsnValue(r.rows[0]?.lsn) ?? 0n)
      .finally(() => { checking = null; });
    return checking;
  };
  const caughtUp = async (): Promise<boolean> => {
    const store = requestContext.getStore();
    const needed = lsnValue(laterLsn(store?.walSeen ?? null, store?.walWritten ?? null));
    if (needed === undefined || needed <= replayed) return true;
    try {
      const now = await replayedNow();
      if (now > replayed) replayed = now;
    } catch (error) {
      options.onError(error as Error); // the replica is unreachable: the primary answers
      return false;
    }
    return needed <= replayed;
  };
  const toReplica = replica ? new RoutedPool(async () => ((await caughtUp()) ? replica : reads)) : undefined;

  return {
    primary: primary as unknown as pg.Pool,
    replica: toReplica as unknown as pg.Pool | undefined,
    async noteCommit() {
      const store = requestContext.getStore();
      // A reading request's transaction (a consistent report) wrote nothing worth reading back.
      if (!replica || !store || store.reading) return;
      // The insert position after the commit returned is past the commit record.
      const { rows } = await writes.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
      store.walWritten = laterLsn(store.walWritten, rows[0]!.lsn);
    },
    async end() {
      await Promise.all(all.map((p) => p.end()));
    },
  };
}
