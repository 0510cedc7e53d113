/**
 * `npm run bench:demo`: builds a 50-school demo district into a fresh PostgreSQL database and
 * prints how long it took and how many rows each table got. Budget: under 3 minutes on 2 cores.
 *
 * BENCH_DATABASE_URL is an admin connection (default postgres://postgres@127.0.0.1:5432/test);
 * the database `klassny_bench` is dropped and created again on that server. Results: bench/README.md.
 */
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { generateDistrict } from '../src/server/demo/district.ts';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const NAME = 'klassny_bench';
const SCHOOLS = 50;
/** Schools written at once (BENCH_CONCURRENCY); two keep both cores busy: one builds, one writes. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 2);

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${NAME} with (force)`);
await admin.query(`create database ${NAME}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${NAME}`;
const database = await openDatabase({ kind: 'pg', url: url.toString(), poolSize: CONCURRENCY + 1 });
try {
  await migrateDatabase(database);
  console.log(`Демо-район: ${SCHOOLS} школ, seed 1, PostgreSQL ${url.host}/${NAME}, ${os.cpus().length} ядра`);
  const started = performance.now();
  const summary = await generateDistrict(database.db, {
    schools: SCHOOLS,
    seed: 1,
    concurrency: CONCURRENCY,
    onSchool: (done, total) => {
      if (done % 10 === 0 || done === total) console.log(`  ${done}/${total} школ, ${((performance.now() - started) / 1000).toFixed(1)} с`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(summary.rows).reduce((s, n) => s + n, 0);
  console.log(`\nГотово за ${seconds.toFixed(1)} с: ${total} строк, ${Math.round(total / seconds)} строк/с`);
  const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
  for (const [table, n] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(8)}`);
} finally {
  await database.close();
}
