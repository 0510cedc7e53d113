import pg from 'pg';
import type { Database } from '../db/client.ts';

/** An arbitrary constant beside migrate.ts's: held by the one process that runs the jobs. */
export const RUNNER_LOCK = 7_150_002;

/** Whether this runner is the deployment's one runner; it stays so until release() or its connection drops. */
export type RunnerLock = {
  /** Takes the lock if it is free, or confirms it is still held; false while another runner has it. */
  acquire(): Promise<boolean>;
  /** Whether it still holds the lock, without trying to take it again. */
  holds(): Promise<boolean>;
  release(): Promise<void>;
};

export function runnerLock(database: Database): RunnerLock {
  return database.kind === 'pg' && database.url ? postgresLock(database.url) : inProcessLock(database);
}

/**
 * A session-level advisory lock on a connection of its own, outside the pool: PostgreSQL releases
 * it when that session ends, so a runner whose process dies or loses the database hands over to
 * the next one that asks. Each check asks pg_locks, which proves both that the session is alive
 * and that it still owns the lock.
 */
function postgresLock(url: string): RunnerLock {
  let client: pg.Client | undefined;
  const drop = () => {
    const c = client;
    client = undefined;
    return c?.end().catch(() => {});
  };
  const holds = async () => {
    if (!client) return false;
    try {
      const held = await client.query(`select 1 from pg_locks where locktype = 'advisory' and objid = $1
        and classid = 0 and pid = pg_backend_pid() and granted`, [RUNNER_LOCK]);
      if (held.rowCount === 1) return true;
    } catch {
      // The session is gone, and the lock with it.
    }
    await drop();
    return false;
  };
  return {
    holds,
    async acquire() {
      try {
        if (await holds()) return true;
        const c = new pg.Client({ connectionString: url });
        // A dropped connection takes the lock with it; the next acquire() starts over.
        c.on('error', () => { if (client === c) void drop(); });
        await c.connect();
        const { rows } = await c.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [RUNNER_LOCK]);
        if (!rows[0]?.locked) {
          await c.end();
          return false;
        }
        client = c;
        return true;
      } catch {
        await drop();
        return false;
      }
    },
    async release() {
      await drop();
    },
  };
}

/**
 * PGlite is one session in one process (DATA_DIR is locked against a second process), and a
 * session-level advisory lock is re-entrant within its session, so the lock is kept in memory:
 * one runner per database object.
 */
const pgliteHolders = new WeakMap<Database, object>();

function inProcessLock(database: Database): RunnerLock {
  const me = {};
  return {
    async acquire() {
      const holder = pgliteHolders.get(database);
      if (holder === undefined) pgliteHolders.set(database, me);
      return pgliteHolders.get(database) === me;
    },
    async holds() {
      return pgliteHolders.get(database) === me;
    },
    async release() {
      if (pgliteHolders.get(database) === me) pgliteHolders.delete(database);
    },
  };
}
