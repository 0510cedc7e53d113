import type pg from 'pg';

const MESSAGE = 'A query was sent on a connection that is still running another one (Promise.all over one transaction?); '
  + 'run them one after another or in one statement';

/**
 * Development and tests: a query sent on a connection that is still running another one fails,
 * instead of `pg` queueing it with a deprecation warning (pg@9 refuses it). Such statements only
 * looked parallel — `Promise.all` over one transaction — and ran one after another on that connection.
 * The refused query fails once the running one has ended, so that the connection stays usable
 * (the transaction's rollback follows).
 */
export function guardBusyConnections(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let running: Promise<unknown> | null = null;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (running) return running.then(() => Promise.reject(new Error(MESSAGE)), () => Promise.reject(new Error(MESSAGE)));
      const last = args.at(-1);
      if (typeof last === 'function') return query(...args); // the pool's own query on a connection it just took
      const result = query(...args);
      if (!(result instanceof Promise)) return result; // a submittable (cursor) reports through itself
      const current: Promise<unknown> = result.finally(() => { if (running === current) running = null; });
      running = current;
      return current;
    };
  });
}
