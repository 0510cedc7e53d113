/**
 * `npm run bench:municipal`: the municipal summary's figures over all 50 schools of `klassny_bench`
 * (issue 13: ≤ 2 s for 50 schools). No municipality of the demo district holds 50 schools (each has
 * 12–13), so the app's own function for a set of schools (`summaryOfSchools`, what the endpoint
 * calls after reading the municipality and its schools) is run in this process against the whole
 * district, one request after another, over the first and the second quarter in turn. Printed: the
 * time of each (p50, p99), the SQL statements of one, the process's CPU per request and peak RSS.
 * `-- --count N` (default 10, after 1 untimed); BENCH_DISTRICT_DB names another copy of the district
 * (default `klassny_bench`). Results: bench/README.md («Reports»).
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.ts';
import { summaryOfSchools } from '../src/server/modules/reports/municipalSummary.ts';
import { openDistrict } from './support/districts.ts';
import { percentile, sqlCounter } from './support/measure.ts';

const count = process.argv.includes('--count') ? Number(process.argv[process.argv.indexOf('--count') + 1]) : 10;
// The demo's today (src/server/demo): the first quarter ended, the second under way.
const now = new Date('2026-11-27T12:00:00Z');
const ranges = [{ from: '2026-09-01', to: '2026-10-23' }, { from: '2026-11-02', to: '2026-11-27' }];

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`нагрузка машины: ${load()}`);
const database = await openDistrict(process.env.BENCH_DISTRICT_DB || 'klassny_bench', 50);
try {
  const schools = await queryRows<{ id: string; name: string }>(database.db, sql`select id, name from schools order by name, id`);
  const ask = (i: number) => summaryOfSchools(database.db, schools, { ...ranges[i % ranges.length]!, weeks: 3 }, now);
  const first = await ask(0);
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  const statementsBefore = sqlCounter.count;
  await ask(0);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await ask(i);
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const statements = (sqlCounter.count - statementsBefore) / (count + 1);
  console.log(`Сводка муниципалитета по ${first.total.schools} школам (итоги 1 четверти: ${first.total.students} учащихся), ${count} запросов:`);
  console.log(`  p50 ${percentile(times, 50).toFixed(0)} мс, p99 ${percentile(times, 99).toFixed(0)} мс (цель ≤ 2000), `
    + `SQL ${statements} на запрос, CPU процесса ${((cpu.user + cpu.system) / 1000 / (count + 1)).toFixed(0)} мс на запрос, `
    + `пиковый RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} МБ`);
  console.log(`нагрузка машины в конце: ${load()}`);
} finally {
  await database.close();
}
