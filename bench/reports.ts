/**
 * `npm run bench:reports`: the reports' speed on PostgreSQL (issue 13, «Speed»). On the 50-school
 * demo district (`klassny_bench`, seed 1, built when missing and kept, as `bench:journal` does) it
 * starts the real app in a child process (bench/support/server.ts), signs in a deputy of every
 * school of the district (the login `bench-deputy`, added to the bench database once) and asks each
 * report of ENDPOINTS below one request after another, every request for another school, class,
 * period or week (the cases cycle over all 50 schools before a school comes again), so that no
 * answer is one cached request repeated. Per report: server time p50/p99 (request → last byte, at
 * the server's HTTP server), the SQL statements of one request (counted at the server's pg driver)
 * the server process's CPU time per request (user + system: what the request costs, whatever the
 * machine's load) and its peak RSS so far; the targets of issue 13 beside each figure, and the
 * machine's load average. `-- --only <word>` measures the reports whose name holds the word (`a|b`: either);
 * `-- --sql` prints the statements of each report. Results: bench/README.md.
 */
import os from 'node:os';
import pg from 'pg';
import { DEMO_TODAY } from '../src/server/demo/journal.ts';
import { hashPassword } from '../src/server/modules/accounts/passwords.ts';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { addDays, weekday } from '../src/shared/domain/calendar.ts';
import { databaseUrl, openDistrict } from './support/districts.ts';
import { ms, percentile } from './support/measure.ts';
import { serverProcess } from './support/server.ts';

const DATABASE = 'klassny_bench';
const SCHOOLS = 50;
const LOGIN = 'bench-deputy';

/** One case a report is asked for: a school, one of its classes with a period of that class's grade, a week. */
type Case = {
  schoolId: string; classId: string; periodId: string; yearId: string; from: string; to: string; week: string;
  /** One assignment of the class: its group, subject and teacher (the journal pages, the teacher's report). */
  groupId: string; subjectId: string; staffId: string; municipalityId: string;
};

/** Issue 13's budgets. */
type Budget = { p50?: number; p99: number; text: string };
const SCREEN: Budget = { p50: 300, p99: 1000, text: 'p50 ≤ 300, p99 ≤ 1000' };
const FILE: Budget = { p99: 3000, text: 'p99 ≤ 3000' };
const MUNICIPAL: Budget = { p99: 2000, text: 'p99 ≤ 2000' };
const PEAK_RSS_MB = 400;

type Endpoint = { name: string; budget: Budget; count: number; path: (c: Case) => string };

/**
 * The reports measured, one line each: a name, its budget, how many requests, and the path after
 * `/api/v1` for one case.
 */
const ENDPOINTS: Endpoint[] = [
  { name: 'итоги успеваемости: школа', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/period-results?periodId=${c.periodId}` },
  { name: 'итоги успеваемости: класс', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/period-results?periodId=${c.periodId}&classId=${c.classId}` },
  { name: 'итоги успеваемости: школа за год', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/reports/period-results?academicYearId=${c.yearId}` },
  { name: 'сводная ведомость класса: период', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/class-summary?classId=${c.classId}&periodId=${c.periodId}` },
  { name: 'сводная ведомость класса: год', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/class-summary?classId=${c.classId}` },
  { name: 'посещаемость класса: период', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/attendance?classId=${c.classId}&from=${c.from}&to=${c.to}` },
  { name: 'прогноз класса: период', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/forecast?classId=${c.classId}&periodId=${c.periodId}` },
  { name: 'итоги успеваемости школы: XLSX', budget: FILE, count: 30, path: (c) => `/schools/${c.schoolId}/reports/period-results/export?periodId=${c.periodId}&format=xlsx` },
  { name: 'итоги успеваемости школы: PDF', budget: FILE, count: 30, path: (c) => `/schools/${c.schoolId}/reports/period-results/export?periodId=${c.periodId}&format=pdf` },
  { name: 'недельные листы класса: PDF', budget: FILE, count: 30, path: (c) => `/schools/${c.schoolId}/reports/weekly-sheets.pdf?classId=${c.classId}&week=${c.week}` },
  { name: 'сводная ведомость школы', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/reports/school-summary?periodId=${c.periodId}` },
  { name: 'сводная ведомость школы: XLSX', budget: FILE, count: 20, path: (c) => `/schools/${c.schoolId}/reports/school-summary/export?periodId=${c.periodId}&format=xlsx` },
  { name: 'страницы журнала группы за четверть: PDF', budget: FILE, count: 30, path: (c) => `/schools/${c.schoolId}/reports/journal-pages.pdf?groupId=${c.groupId}&subjectId=${c.subjectId}&from=${c.from}&to=${c.to}` },
  { name: 'посещаемость школы: период', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/reports/attendance/school?from=${c.from}&to=${c.to}` },
  { name: 'итоги по учителям: период', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/reports/period-results/breakdown?view=teacher&periodId=${c.periodId}` },
  { name: 'отчёт учителя: период', budget: SCREEN, count: 100, path: (c) => `/schools/${c.schoolId}/reports/teacher?periodId=${c.periodId}&staffId=${c.staffId}` },
  { name: 'показатели ведения журнала: месяц', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/reports/control-figures?from=${addDays(c.to, -29)}&to=${c.to}` },
  { name: 'табель: месяц', budget: SCREEN, count: 50, path: (c) => `/schools/${c.schoolId}/timesheet?from=${addDays(c.to, -29)}&to=${c.to}` },
  { name: 'сводка муниципалитета: все его школы', budget: MUNICIPAL, count: 20, path: (c) => `/municipalities/${c.municipalityId}/reports/summary?from=${c.from}&to=${c.to}` },
];

/** A deputy of every school of the district (bench only): one session reads any school's reports. */
async function benchDeputy(client: pg.Client) {
  await client.query(`insert into users (id, login, password_hash, display_name) values (gen_random_uuid(), $1, $2, 'Заместитель директора (замеры)')
    on conflict do nothing`, [LOGIN, await hashPassword(DEMO_PASSWORD)]);
  await client.query(`insert into user_roles (id, user_id, school_id, role)
    select gen_random_uuid(), u.id, s.id, 'deputy' from users u cross join schools s where u.login = $1 on conflict do nothing`, [LOGIN]);
  // And the municipal operator of every municipality (the municipal summary).
  await client.query(`insert into municipality_roles (user_id, municipality_id)
    select u.id, m.id from users u cross join municipalities m where u.login = $1 on conflict do nothing`, [LOGIN]);
}

/**
 * Every class of the current year in every school with the quarter (or term) of its grade that
 * holds the demo's today and the one before it, ordered so that consecutive cases are in other
 * schools: case i is school i mod 50.
 */
async function cases(client: pg.Client): Promise<Case[]> {
  const { rows } = await client.query<{
    school_id: string; class_id: string; period_id: string; year_id: string; from: string; to: string;
    group_id: string; subject_id: string; staff_id: string; municipality_id: string; n: number; school_n: number;
  }>(`
    with ranked as (
      select c.school_id, c.id as class_id, p.id as period_id, y.id as year_id, p.starts_on::text as "from", least(p.ends_on, $1::date)::text as "to",
             a.group_id, a.subject_id, a.staff_id, sc.municipality_id,
             row_number() over (partition by c.school_id order by c.grade, c.letter, p.starts_on)::int as n,
             dense_rank() over (order by c.school_id)::int as school_n
      from classes c join schools sc on sc.id = c.school_id
      join academic_years y on y.school_id = c.school_id and y.id = c.academic_year_id and y.status = 'open'
      join periods p on p.school_id = c.school_id and p.academic_year_id = y.id and p.kind in ('quarter', 'trimester', 'half', 'semester')
        and c.grade between p.grade_from and p.grade_to and p.starts_on <= $1::date and p.ends_on >= $1::date - 120
      join lateral (select a.group_id, a.subject_id, a.staff_id from assignments a join teaching_groups g on g.id = a.group_id
        where g.class_id = c.id and a.academic_year_id = y.id order by a.subject_id limit 1) a on true
    )
    select * from ranked order by n, school_n`, [DEMO_TODAY]);
  const monday = addDays(DEMO_TODAY, 1 - weekday(DEMO_TODAY));
  return rows.map((r, i) => ({
    schoolId: r.school_id, classId: r.class_id, periodId: r.period_id, yearId: r.year_id, from: r.from, to: r.to,
    week: addDays(monday, -7 * (i % 8)),
    groupId: r.group_id, subjectId: r.subject_id, staffId: r.staff_id, municipalityId: r.municipality_id,
  }));
}

type Figures = { endpoint: Endpoint; p50: number; p99: number; cpu: number; statements: number; peakRssMb: number; bytes: number; sql: string[] };

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : undefined;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`Скорость отчётов: PostgreSQL, ${SCHOOLS} школ, ${os.cpus().length} ядра, Node.js ${process.version}, нагрузка ${load()}`);

const district = await openDistrict(DATABASE, SCHOOLS);
await district.close();
const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
await client.connect();
await benchDeputy(client);
const all = await cases(client);
await client.end();
const schools = new Set(all.map((c) => c.schoolId)).size;
console.log(`случаев (класс × период): ${all.length} в ${schools} школах`);

const server = await serverProcess(databaseUrl(DATABASE));
const results: Figures[] = [];
try {
  const login = await fetch(`${server.address}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ login: LOGIN, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`вход ${LOGIN}: HTTP ${login.status} ${await login.text()}`);
  const headers = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'accept-encoding': 'gzip, deflate, br' };
  const ask = async (path: string) => {
    const response = await fetch(`${server.address}/api/v1${path}`, { headers });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    return body.byteLength;
  };
  const started = await server.memory();
  console.log(`сервер (pid ${server.pid}) запущен: RSS ${started.rssMb.toFixed(0)} МБ`);
  let offset = 0;
  for (const endpoint of ENDPOINTS.filter((e) => only === undefined || only.split('|').some((word) => e.name.includes(word)))) {
    // Each report starts where the last one stopped: its cases are new to the database's cache too.
    const next = () => all[offset++ % all.length]!;
    for (let i = 0; i < 3; i++) await ask(endpoint.path(next()));
    await server.times();
    const cpuBefore = await server.cpu();
    let bytes = 0;
    for (let i = 0; i < endpoint.count; i++) bytes += await ask(endpoint.path(next()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const times = await server.times();
    const cpu = (await server.cpu() - cpuBefore) / endpoint.count;
    const one = next();
    const sql = await server.statements(async () => void (await ask(endpoint.path(one))));
    const memory = await server.memory();
    const figures = {
      endpoint, p50: percentile(times, 50), p99: percentile(times, 99), cpu, statements: sql.count, peakRssMb: memory.peakRssMb,
      bytes: bytes / endpoint.count, sql: sql.log,
    };
    results.push(figures);
    console.log(`  ${endpoint.name}: p50 ${ms(figures.p50)} мс, p99 ${ms(figures.p99)} мс, ЦП ${ms(figures.cpu)} мс, SQL ${figures.statements}, пик RSS ${figures.peakRssMb.toFixed(0)} МБ`);
  }
} finally {
  await server.close();
}

const verdict = (f: Figures) => {
  const ok = (f.endpoint.budget.p50 === undefined || f.p50 <= f.endpoint.budget.p50) && f.p99 <= f.endpoint.budget.p99;
  return ok ? 'да' : 'НЕТ';
};
console.log(`\n${'отчёт'.padEnd(40)}${'цель, мс'.padStart(24)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'ЦП'.padStart(8)}${'SQL'.padStart(5)}${'КБ'.padStart(7)}${'RSS, МБ'.padStart(9)}  в цели`);
for (const f of results) {
  console.log(`${f.endpoint.name.padEnd(40)}${f.endpoint.budget.text.padStart(24)}${ms(f.p50).padStart(9)}${ms(f.p99).padStart(9)}${ms(f.cpu).padStart(8)}`
    + `${String(f.statements).padStart(5)}${(f.bytes / 1024).toFixed(0).padStart(7)}${f.peakRssMb.toFixed(0).padStart(9)}  ${verdict(f)}`);
}
const peak = Math.max(...results.map((f) => f.peakRssMb));
console.log(`\nпиковый RSS процесса сервера: ${peak.toFixed(0)} МБ (цель ≤ ${PEAK_RSS_MB} МБ) — ${peak <= PEAK_RSS_MB ? 'в цели' : 'НЕ в цели'}`);
if (process.argv.includes('--sql')) {
  for (const f of results) console.log(`\n${f.endpoint.name}: SQL одного запроса\n  ${f.sql.join('\n  ')}`);
}
console.log(`нагрузка машины в конце: ${load()}`);
