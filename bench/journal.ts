/**
 * `npm run bench:journal`: the journal's speed on PostgreSQL (issue 5, «Speed»). Starts the real
 * app (buildApp + listen on a loopback port), signs in the demo teacher and student with real
 * session cookies, and measures on a 1-school and a 50-school demo district (seed 1; built into
 * `klassny_bench_1` and `klassny_bench` when missing, kept afterwards):
 *   - the journal grid of one group's subject for one period: server time p50/p99, SQL statements;
 *   - the diary week of one student: p50 (an unchanged week comes from the cache), the first read
 *     of a week (another student or week each time), and requests/s at 64 connections against a
 *     bare Fastify + pg endpoint running one indexed query, in the same run (autocannon); both
 *     ask as a browser does (`accept-encoding: gzip`);
 *   - saving one mark (validation, policy, write, audit entry): p50.
 * Server time runs from the request to the last byte of the response (taken at the HTTP server);
 * SQL statements are counted at the pg driver. BENCH_DATABASE_URL: admin connection (default
 * postgres://postgres@127.0.0.1:5432/test). `-- --schools 1` or `-- --schools 50` runs one size only;
 * `-- --profile` writes a CPU profile of the grid's and the mark's requests to the temp directory.
 * The mark writes stay in the bench database. Results: bench/README.md.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../src/server/db/client.ts';
import { buildApp } from '../src/server/app.ts';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { DEMO_TODAY } from '../src/server/demo/journal.ts';
import { addDays } from '../src/shared/domain/calendar.ts';
import { openDistrict } from './support/districts.ts';
import { type Load, type Timed, bareServer, load, ms, profiled, sequential, serverTimer, statementsOf } from './support/measure.ts';

const CONNECTIONS = 64;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS || 10);
const POOL = 10;

type Figures = {
  schools: number;
  shape: string;
  grid: Timed;
  gridSql: string[];
  diary: Timed;
  diaryCold: Timed;
  diarySql: string[];
  markSql: string[];
  diaryLoad: Load;
  bareLoad: Load;
  mark: Timed;
};

async function signIn(address: string, login: string): Promise<string> {
  const response = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-klassny-csrf': '1' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`вход ${login}: HTTP ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Who and what the bench works on: the demo teacher's busiest journal page, the demo student, a lesson to mark. */
async function targets(database: Database) {
  const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(database.db, query))[0]!;
  const teacher = await one<{ school_id: string; staff_id: string }>(sql`
    select r.school_id, r.person_id as staff_id from users u join user_roles r on r.user_id = u.id where u.login = 'teacher'`);
  const student = await one<{ id: string }>(sql`
    select r.person_id as id from users u join user_roles r on r.user_id = u.id where u.login = 'student'`);
  const page = await one<{ group_id: string; subject_id: string; period_id: string; lessons: number; name: string }>(sql`
    select a.group_id, a.subject_id, p.id as period_id, count(*)::int as lessons, g.name || ', ' || s.name || ', ' || p.name as name
    from assignments a join teaching_groups g on g.school_id = a.school_id and g.id = a.group_id
    join classes c on c.school_id = g.school_id and c.id = g.class_id
    join subjects s on s.school_id = a.school_id and s.id = a.subject_id
    join periods p on p.school_id = a.school_id and c.grade between p.grade_from and p.grade_to
    join lessons l on l.school_id = a.school_id and l.group_id = a.group_id and l.subject_id = a.subject_id and l.date between p.starts_on and p.ends_on
    where a.school_id = ${teacher.school_id} and a.staff_id = ${teacher.staff_id} and l.date <= ${DEMO_TODAY}
    group by 1, 2, 3, g.name, s.name, p.name order by count(*) desc, 1, 2, 3 limit 1`);
  const counts = await one<{ students: number; lessons: number; marks: number; absences: number }>(sql`
    select (select count(distinct m.student_id)::int from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
              where l.group_id = ${page.group_id} and l.subject_id = ${page.subject_id}) as students,
           count(distinct l.id)::int as lessons, count(distinct m.id)::int as marks, count(distinct a.id)::int as absences
    from lessons l join periods p on p.id = ${page.period_id} and l.date between p.starts_on and p.ends_on
    left join marks m on m.school_id = l.school_id and m.lesson_id = l.id
    left join attendance a on a.school_id = l.school_id and a.lesson_id = l.id
    where l.school_id = ${teacher.school_id} and l.group_id = ${page.group_id} and l.subject_id = ${page.subject_id}`);
  // The latest lesson held of the teacher's group in a period not yet closed, and who sits in it.
  const lesson = await one<{ id: string }>(sql`
    select l.id from lessons l where l.school_id = ${teacher.school_id} and l.staff_id = ${teacher.staff_id} and l.date <= ${DEMO_TODAY}
      and not exists (select 1 from period_closures pc join periods p on p.school_id = pc.school_id and p.id = pc.period_id
                      where pc.school_id = l.school_id and l.date between p.starts_on and p.ends_on)
      and exists (select 1 from teaching_groups g where g.school_id = l.school_id and g.id = l.group_id and g.kind = 'class')
    order by l.date desc, l.lesson_number desc limit 1`);
  const roster = await queryRows<{ id: string }>(database.db, sql`
    select e.student_id as id from lessons l join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id
    join enrolments e on e.school_id = g.school_id and e.class_id = g.class_id and e.starts_on <= l.date and (e.ends_on is null or e.ends_on >= l.date)
    where l.school_id = ${teacher.school_id} and l.id = ${lesson.id} order by e.student_id`);
  const workType = await one<{ id: string }>(sql`select id from work_types where school_id = ${teacher.school_id} and name = 'Ответ на уроке'`);
  return {
    schoolId: teacher.school_id, studentId: student.id, page, lessonId: lesson.id, roster: roster.map((r) => r.id), workTypeId: workType.id,
    shape: `${page.name}: ${counts.students} учеников × ${counts.lessons} уроков (${page.lessons} проведено), `
      + `${counts.marks} оценок, ${counts.absences} пропусков`,
  };
}

async function measure(name: string, schools: number): Promise<Figures> {
  const database = await openDistrict(name, schools, POOL);
  const app = await buildApp({ database, logger: false, webRoot: null });
  const timer = serverTimer(app.server);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = await bareServer(database.url!, POOL);
  try {
    const t = await targets(database);
    // What every browser sends: the diary answers a phone with its week gzipped.
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const teacher = { cookie: await signIn(address, 'teacher'), ...browser };
    const student = { cookie: await signIn(address, 'student'), ...browser };
    const api = `${address}/api/v1/schools/${t.schoolId}`;
    const gridUrl = `${api}/journal?groupId=${t.page.group_id}&subjectId=${t.page.subject_id}&periodId=${t.page.period_id}`;
    const diaryUrl = `${api}/students/${t.studentId}/diary/week?date=${DEMO_TODAY}`;
    console.log(`\n${schools} школ(а): ${t.shape}`);

    const grid = await profiled(`grid-${schools}`, () => sequential(timer, () => fetch(gridUrl, { headers: teacher }), 200));
    const gridSql = await statementsOf(() => fetch(gridUrl, { headers: teacher }));
    const diary = await sequential(timer, () => fetch(diaryUrl, { headers: student }), 300);
    // The first read of a week (not in the cache yet): every request another student or week, read by the admin.
    const admin = { cookie: await signIn(address, 'admin'), ...browser };
    const weeks = Array.from({ length: 12 }, (_, i) => addDays(DEMO_TODAY, -7 * i));
    const cold = t.roster.flatMap((id) => weeks.map((date) => `${api}/students/${id}/diary/week?date=${date}`));
    const diaryCold = await sequential(timer, (i) => fetch(cold[i < 0 ? cold.length + i : i]!, { headers: admin }), Math.min(200, cold.length - 20));
    const diarySql = await statementsOf(() => fetch(diaryUrl, { headers: student }));

    // Two rounds each, alternating, so that a passing load on the machine hits both alike.
    const bareUrl = `${bare.address}/bare/${t.schoolId}/${t.studentId}`;
    const rounds: [Load, Load][] = [];
    for (let i = 0; i < 2; i++) {
      rounds.push([await load(bareUrl, browser, CONNECTIONS, LOAD_SECONDS), await load(diaryUrl, student, CONNECTIONS, LOAD_SECONDS)]);
    }
    const mean = (loads: Load[]): Load => ({
      rps: loads.reduce((s, l) => s + l.rps, 0) / loads.length, p50: Math.max(...loads.map((l) => l.p50)),
      p99: Math.max(...loads.map((l) => l.p99)), errors: loads.reduce((s, l) => s + l.errors, 0), non2xx: loads.reduce((s, l) => s + l.non2xx, 0),
    });

    const values = ['2', '3', '4', '5'];
    const saveMark = (i: number) => fetch(`${api}/lessons/${t.lessonId}/marks`, {
      method: 'POST', headers: { ...teacher, 'content-type': 'application/json', 'x-klassny-csrf': '1' },
      body: JSON.stringify({ studentId: t.roster[Math.abs(i) % t.roster.length], workTypeId: t.workTypeId, value: values[Math.abs(i) % 4], scale: 'five' }),
    });
    const mark = await profiled(`mark-${schools}`, () => sequential(timer, saveMark, 200));
    const markSql = await statementsOf(() => saveMark(0));
    return {
      schools, shape: t.shape, grid, gridSql, diary, diaryCold, diarySql, mark, markSql,
      bareLoad: mean(rounds.map((r) => r[0])), diaryLoad: mean(rounds.map((r) => r[1])),
    };
  } finally {
    await bare.close();
    await app.close();
    await database.close();
  }
}

function report(all: Figures[]) {
  const col = (f: (x: Figures) => string) => all.map(f).map((s) => s.padStart(12)).join('');
  const rows: [string, string, (x: Figures) => string][] = [
    ['журнал: p50 сервера, мс', '≤ 10', (x) => ms(x.grid.p50)],
    ['журнал: p99 сервера, мс', '≤ 40', (x) => ms(x.grid.p99)],
    ['журнал: SQL на запрос', '≤ 3', (x) => String(x.grid.statements)],
    ['дневник, неделя: p50, мс', '≤ 5', (x) => ms(x.diary.p50)],
    ['дневник, неделя: p99, мс', '', (x) => ms(x.diary.p99)],
    ['дневник, первое чтение: p50', '', (x) => ms(x.diaryCold.p50)],
    ['дневник, первое чтение: p99', '', (x) => ms(x.diaryCold.p99)],
    ['  SQL первого чтения', '', (x) => String(x.diaryCold.statements)],
    ['дневник: SQL на запрос', '', (x) => String(x.diary.statements)],
    [`дневник: запр/с при ${CONNECTIONS}`, '', (x) => x.diaryLoad.rps.toFixed(0)],
    [`голый Fastify+pg: запр/с`, '', (x) => x.bareLoad.rps.toFixed(0)],
    ['дневник / голый', '≥ 40 %', (x) => `${((x.diaryLoad.rps / x.bareLoad.rps) * 100).toFixed(0)} %`],
    ['оценка (POST): p50, мс', '≤ 10', (x) => ms(x.mark.p50)],
    ['оценка (POST): p99, мс', '', (x) => ms(x.mark.p99)],
    ['оценка: SQL на запрос', '', (x) => String(x.mark.statements)],
  ];
  console.log(`\n${'показатель'.padEnd(30)}${'цель'.padStart(12)}${col((x) => `${x.schools} шк.`)}`);
  for (const [label, target, f] of rows) console.log(`${label.padEnd(30)}${target.padStart(12)}${col(f)}`);
  for (const x of all) {
    console.log(`\n${x.schools} шк.: SQL одного запроса журнала:\n  ${x.gridSql.join('\n  ')}`);
    console.log(`${x.schools} шк.: SQL одного запроса дневника:\n  ${x.diarySql.join('\n  ')}`);
    console.log(`${x.schools} шк.: SQL одной записи оценки:\n  ${x.markSql.join('\n  ')}`);
    const errors = x.diaryLoad.errors + x.diaryLoad.non2xx + x.bareLoad.errors + x.bareLoad.non2xx;
    if (errors > 0) console.log(`${x.schools} шк.: ошибок под нагрузкой: ${errors}`);
  }
}

const only = process.argv.includes('--schools') ? Number(process.argv[process.argv.indexOf('--schools') + 1]) : undefined;
const sizes = [1, 50].filter((n) => only === undefined || n === only);
console.log(`Скорость журнала: PostgreSQL, ${os.cpus().length} ядра, Node.js ${process.version}, нагрузка ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const all: Figures[] = [];
for (const schools of sizes) all.push(await measure(schools === 50 ? 'klassny_bench' : `klassny_bench_${schools}`, schools));
report(all);
console.log(`\nнагрузка машины в конце: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
