/**
 * `npm run bench:peak`: the 8:00 peak on the 50-school district (issue 16). The app runs in its own
 * process (bench/support/server.ts, the app's pool of 10), the bare Fastify + pg endpoint in another
 * (bench/support/bare.ts), and this process generates the load with autocannon:
 *   1. the bare endpoint alone at 64 connections (one student by id, another each request);
 *   2. the diaries alone: students and guardians reading their own week and their marks of the
 *      period (64 connections, every request another person with his own session);
 *   3. the peak: the same reads while the teachers of `--schools` schools open journal pages and
 *      save marks and attendance at a fixed rate per school, and people sign in with a password;
 *   4. screens: the teacher's journal screen and the parent's marks screen, every request the
 *      browser sends for them (src/web), at 8 connections each, one after the other.
 * Per scenario: requests/s (planned/s for the fixed-rate ones), p50/p99 client latency, errors,
 * time-outs, non-2xx; the server process's RSS (now and its peak) and the machine's load average.
 *
 * People: bench-only accounts `bench-peak-<role>-<person id>` for the readers and teachers of those
 * schools (students, one guardian of other students, up to 5 teachers a school) are added to
 * `klassny_bench` once, with the demo password. Their sessions are written straight into `sessions`
 * as the app's sign-in writes them (a random token in the cookie, its SHA-256 and the role's limits
 * in the row): thousands of argon2 sign-ins before the run would cost the machine minutes. The
 * sign-in scenario signs the same people in through `POST /auth/login`. The marks and attendance
 * written stay in the bench database; the district is never rebuilt here (`npm run bench:demo`).
 *
 * Options: `-- --schools 10` (writing schools), `--readers 100` (students and as many guardians a
 * school), `--saves 10` (saves/s a school: 70 % marks, 30 % attendance), `--seconds 20` (each phase).
 * BENCH_DATABASE_URL: admin connection. Results: bench/README.md.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/server/demo/accounts.ts';
import { DEMO_TODAY } from '../src/server/demo/journal.ts';
import { hashPassword } from '../src/server/modules/accounts/passwords.ts';
import { SESSION_LIMITS, hashToken } from '../src/server/modules/accounts/sessions/sessions.ts';
import { bareProcess } from './support/bare.ts';
import { databaseUrl } from './support/districts.ts';
import { ms, percentile } from './support/measure.ts';
import { serverProcess } from './support/server.ts';

const DATABASE = 'klassny_bench';
const option = (name: string, fallback: number) =>
  process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
const SCHOOLS = option('schools', 10);
const READERS = option('readers', 100);
const SAVES = option('saves', 10);
const SECONDS = option('seconds', 20);
const TEACHERS = 5;
const PAGES = 1;
const SIGN_INS = 2;
const SCREEN_CONNECTIONS = 8;
const TIMEOUT_SECONDS = 10;

type Teacher = {
  schoolId: string; staffId: string; lessonId: string; groupId: string; subjectId: string; periodId: string; yearId: string;
  workTypeId: string; roster: string[]; cookie: string;
};
type Reader = { schoolId: string; studentId: string; periodId: string; yearId: string; cookie: string; login: string };

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const browser = { 'accept-encoding': 'gzip, deflate, br' };
const writing = { 'content-type': 'application/json', 'x-klassny-csrf': '1' };

/** The writing schools' teachers: each one's latest lesson of a class (not a subgroup) in the last week, its roster and page. */
async function teachers(client: pg.Client, schoolIds: string[]) {
  const { rows } = await client.query<{
    school_id: string; staff_id: string; lesson_id: string; group_id: string; subject_id: string; period_id: string; year_id: string;
    work_type_id: string; roster: string[];
  }>(`
    with latest as (
      select distinct on (l.school_id, l.staff_id) l.school_id, l.staff_id, l.id as lesson_id, l.group_id, l.subject_id, l.date,
             c.id as class_id, c.grade, c.academic_year_id
      from lessons l join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id and g.kind = 'class'
      join classes c on c.school_id = g.school_id and c.id = g.class_id
      where l.school_id = any($1::uuid[]) and l.date <= $2::date and l.date > $2::date - 7 and l.staff_id is not null
      order by l.school_id, l.staff_id, l.date desc, l.lesson_number desc
    ), ranked as (select *, row_number() over (partition by school_id order by staff_id) as n from latest)
    select r.school_id, r.staff_id, r.lesson_id, r.group_id, r.subject_id, p.id as period_id, r.academic_year_id as year_id, w.id as work_type_id,
      (select array_agg(e.student_id order by e.student_id) from enrolments e where e.school_id = r.school_id and e.class_id = r.class_id
        and e.starts_on <= r.date and (e.ends_on is null or e.ends_on >= r.date)) as roster
    from ranked r
    join periods p on p.school_id = r.school_id and p.academic_year_id = r.academic_year_id and r.grade between p.grade_from and p.grade_to
      and r.date between p.starts_on and p.ends_on
    join work_types w on w.school_id = r.school_id and w.name = 'Ответ на уроке'
    where r.n <= $3`, [schoolIds, DEMO_TODAY, TEACHERS]);
  return rows;
}

/** 2 × READERS students enrolled today a school (grade 2 and up), with their period of today and one guardian each. */
async function students(client: pg.Client, schoolIds: string[]) {
  const { rows } = await client.query<{ school_id: string; student_id: string; period_id: string; year_id: string; guardian_id: string | null; n: number }>(`
    with current as (
      select e.school_id, e.student_id, c.grade, c.academic_year_id, row_number() over (partition by e.school_id order by e.student_id)::int as n
      from enrolments e join classes c on c.school_id = e.school_id and c.id = e.class_id
      where e.school_id = any($1::uuid[]) and e.starts_on <= $2::date and (e.ends_on is null or e.ends_on >= $2::date) and c.grade >= 2
    )
    select s.school_id, s.student_id, p.id as period_id, s.academic_year_id as year_id, g.guardian_id, s.n from current s
    join periods p on p.school_id = s.school_id and p.academic_year_id = s.academic_year_id and s.grade between p.grade_from and p.grade_to
      and $2::date between p.starts_on and p.ends_on
    left join lateral (select sg.guardian_id from student_guardians sg where sg.school_id = s.school_id and sg.student_id = s.student_id
      order by sg.guardian_id limit 1) g on true
    where s.n <= $3`, [schoolIds, DEMO_TODAY, 2 * READERS]);
  return rows;
}

type Account = { login: string; schoolId: string; role: 'student' | 'guardian' | 'teacher'; personId: string };

/**
 * The bench accounts (added once, kept) and a fresh session for each, written as `openSession`
 * writes one; returns the cookie of each login.
 */
async function accountsWithSessions(client: pg.Client, accounts: Account[]): Promise<Map<string, string>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tokens = accounts.map(() => randomBytes(32).toString('base64url'));
  const limits = accounts.map((a) => (a.role === 'teacher' ? SESSION_LIMITS.staff : SESSION_LIMITS.family));
  await client.query('begin');
  try {
    await client.query(`insert into users (id, login, password_hash, display_name)
      select gen_random_uuid(), t.login, $2, 'Замеры 8:00' from unnest($1::text[]) as t(login) on conflict do nothing`,
    [accounts.map((a) => a.login), passwordHash]);
    await client.query(`insert into user_roles (id, user_id, school_id, role, person_id)
      select gen_random_uuid(), u.id, t.school_id, t.role, t.person_id
      from unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[]) as t(login, school_id, role, person_id)
      join users u on lower(u.login) = lower(t.login) on conflict do nothing`,
    [accounts.map((a) => a.login), accounts.map((a) => a.schoolId), accounts.map((a) => a.role), accounts.map((a) => a.personId)]);
    await client.query(`insert into sessions (id, user_id, token_hash, last_seen_at, expires_at, idle_seconds, address, user_agent)
      select gen_random_uuid(), u.id, t.hash, now(), now() + make_interval(secs => t.absolute), t.idle, '127.0.0.1', 'bench:peak'
      from unnest($1::text[], $2::text[], $3::int[], $4::int[]) as t(login, hash, idle, absolute)
      join users u on lower(u.login) = lower(t.login)`,
    [accounts.map((a) => a.login), tokens.map(hashToken), limits.map((l) => l.idleSeconds), limits.map((l) => l.absoluteSeconds)]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return new Map(accounts.map((a, i) => [a.login, `klassny_session=${tokens[i]}`]));
}

/** What autocannon sends next: a path, and for a write its method and JSON body. */
type Next = { path: string; cookie?: string; method?: 'GET' | 'POST' | 'PUT'; body?: unknown };
type Scenario = {
  name: string; connections: number; rate?: number; next: (context: Record<string, unknown>) => Next;
  answered?: (status: number, body: string, context: Record<string, unknown>) => void;
};
type Figures = {
  name: string; connections: number; planned?: number; rps: number; p50: number; p99: number; errors: number; timeouts: number; non2xx: number;
  /** The non-2xx answers by status, and the first one's body. */
  refused: Map<number, number>; firstRefusal?: string;
};

async function run(base: string, scenario: Scenario, seconds: number): Promise<Figures> {
  const refused = new Map<number, number>();
  let firstRefusal: string | undefined;
  const result = await autocannon({
    url: base, connections: scenario.connections, duration: seconds, timeout: TIMEOUT_SECONDS,
    ...(scenario.rate ? { overallRate: scenario.rate } : {}),
    requests: [{
      setupRequest: (request, context) => {
        const next = scenario.next(context as Record<string, unknown>);
        return {
          ...request, method: next.method ?? 'GET', path: next.path,
          headers: { ...browser, ...(next.cookie ? { cookie: next.cookie } : {}), ...(next.body === undefined ? {} : writing) },
          ...(next.body === undefined ? {} : { body: JSON.stringify(next.body) }),
        };
      },
      onResponse: (status: number, body: string, context: object) => {
        if (status >= 300) {
          refused.set(status, (refused.get(status) ?? 0) + 1);
          firstRefusal ??= body.slice(0, 200);
        }
        scenario.answered?.(status, body, context as Record<string, unknown>);
      },
    }],
  });
  return {
    name: scenario.name, connections: scenario.connections, planned: scenario.rate, rps: result.requests.total / result.duration,
    p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, refused, firstRefusal,
  };
}

function table(title: string, rows: Figures[]) {
  console.log(`\n${title}`);
  console.log(`${'сценарий'.padEnd(34)}${'соед.'.padStart(6)}${'план/с'.padStart(8)}${'запр/с'.padStart(9)}${'p50, мс'.padStart(9)}${'p99, мс'.padStart(9)}`
    + `${'ошибки'.padStart(8)}${'тайм-ауты'.padStart(11)}${'не 2xx'.padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(34)}${String(r.connections).padStart(6)}${(r.planned === undefined ? '' : String(r.planned)).padStart(8)}`
      + `${r.rps.toFixed(1).padStart(9)}${ms(r.p50).padStart(9)}${ms(r.p99).padStart(9)}${String(r.errors).padStart(8)}${String(r.timeouts).padStart(11)}`
      + `${String(r.non2xx).padStart(8)}`);
  }
  for (const r of rows.filter((x) => x.refused.size > 0)) {
    console.log(`  ${r.name}: ${[...r.refused].map(([status, count]) => `${status} × ${count}`).join(', ')}; первый ответ: ${r.firstRefusal}`);
  }
}

/** `connections` browsers opening a screen again and again for `seconds`: each stage's requests side by side, as the web app sends them. */
async function screens(base: string, connections: number, seconds: number, open: (i: number, get: (path: string, cookie: string) => Promise<unknown>) => Promise<void>) {
  const times: number[] = [];
  let errors = 0;
  let requests = 0;
  const get = async (path: string, cookie: string) => {
    requests++;
    const response = await fetch(`${base}/api/v1${path}`, { headers: { ...browser, cookie } });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
  const end = performance.now() + seconds * 1000;
  let counter = 0;
  let firstError: unknown;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const start = performance.now();
      try {
        await open(counter++, get);
        times.push(performance.now() - start);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
    }
  }));
  if (firstError) console.log(`  первая ошибка: ${String(firstError)}`);
  return { screens: times.length / seconds, requestsPerScreen: requests / Math.max(1, times.length + errors), p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

console.log(`8:00 на 50 школах: PostgreSQL ${DATABASE}, ${os.cpus().length} ядра, Node.js ${process.version}; пишут ${SCHOOLS} школ по ${SAVES} записей/с, `
  + `${READERS} учеников и ${READERS} родителей на школу, ${SECONDS} с на фазу`);
console.log(`uptime: ${execSync('uptime').toString().trim()}`);

const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
await client.connect();
const { rows: schoolRows } = await client.query<{ id: string }>(`select id from schools where kind = 'general' order by short_name, id`);
if (schoolRows.length < SCHOOLS) throw new Error(`в ${DATABASE} ${schoolRows.length} школ: постройте район (npm run bench:demo)`);
const schoolIds = schoolRows.slice(0, SCHOOLS).map((s) => s.id);
const teacherRows = await teachers(client, schoolIds);
const studentRows = await students(client, schoolIds);
const attendanceRows = (await client.query<{ lesson_id: string; student_id: string; version: number; code: string | null }>(
  'select lesson_id, student_id, version, code from attendance where school_id = any($1::uuid[]) and lesson_id = any($2::uuid[])',
  [schoolIds, teacherRows.map((t) => t.lesson_id)])).rows;

const login = (role: string, id: string) => `bench-peak-${role}-${id}`;
const accounts: Account[] = [
  ...teacherRows.map((t) => ({ login: login('teacher', t.staff_id), schoolId: t.school_id, role: 'teacher' as const, personId: t.staff_id })),
  ...studentRows.filter((s) => s.n <= READERS).map((s) => ({ login: login('student', s.student_id), schoolId: s.school_id, role: 'student' as const, personId: s.student_id })),
];
const guardianOf = new Map<string, (typeof studentRows)[number]>();
for (const s of studentRows) if (s.n > READERS && s.guardian_id && !guardianOf.has(s.guardian_id)) guardianOf.set(s.guardian_id, s);
for (const [guardianId, s] of guardianOf) accounts.push({ login: login('guardian', guardianId), schoolId: s.school_id, role: 'guardian', personId: guardianId });
const cookies = await accountsWithSessions(client, accounts);
await client.end();

const teacherList: Teacher[] = teacherRows.map((t) => ({
  schoolId: t.school_id, staffId: t.staff_id, lessonId: t.lesson_id, groupId: t.group_id, subjectId: t.subject_id, periodId: t.period_id,
  yearId: t.year_id, workTypeId: t.work_type_id, roster: t.roster, cookie: cookies.get(login('teacher', t.staff_id))!,
}));
const readers: Reader[] = [
  ...studentRows.filter((s) => s.n <= READERS).map((s) => ({ login: login('student', s.student_id), s })),
  ...[...guardianOf].map(([guardianId, s]) => ({ login: login('guardian', guardianId), s })),
].map(({ login: name, s }) => ({ schoolId: s.school_id, studentId: s.student_id, periodId: s.period_id, yearId: s.year_id, cookie: cookies.get(name)!, login: name }));
const bySchool = schoolIds.map((id) => teacherList.filter((t) => t.schoolId === id)).filter((list) => list.length > 0);
console.log(`школ с учителями: ${bySchool.length}, учителей: ${teacherList.length}, читателей: ${readers.length} `
  + `(${readers.filter((r) => r.login.includes('-student-')).length} учеников, ${guardianOf.size} родителей), у каждого своя сессия`);

const server = await serverProcess(databaseUrl(DATABASE));
const bare = await bareProcess(databaseUrl(DATABASE));
let maxRss = 0;
const sampling = setInterval(() => void server.memory().then((m) => { maxRss = Math.max(maxRss, m.rssMb); }).catch(() => undefined), 1000);
const memory = async () => {
  const m = await server.memory();
  maxRss = Math.max(maxRss, m.rssMb);
  return `RSS сервера ${m.rssMb.toFixed(0)} МБ, пик ${m.peakRssMb.toFixed(0)} МБ`;
};
try {
  console.log(`сервер (pid ${server.pid}) запущен: ${await memory()}; нагрузка ${load()}`);
  const api = '/api/v1';
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const week: Scenario = {
    name: 'дневник: неделя (свой)', connections: 48,
    next: () => {
      const r = pick(readers);
      return { path: `${api}/schools/${r.schoolId}/students/${r.studentId}/diary/week?date=${DEMO_TODAY}`, cookie: r.cookie };
    },
  };
  const marks: Scenario = {
    name: 'дневник: оценки периода (свои)', connections: 16,
    next: () => {
      const r = pick(readers);
      return { path: `${api}/schools/${r.schoolId}/students/${r.studentId}/diary/marks?periodId=${r.periodId}`, cookie: r.cookie };
    },
  };

  // 1. The yardstick, on its own.
  const bareFigures = await run(bare.address, {
    name: 'голый Fastify + pg (1 запрос)', connections: 64,
    next: () => {
      const r = pick(readers);
      return { path: `/bare/${r.schoolId}/${r.studentId}` };
    },
  }, SECONDS);
  table(`1. Голый Fastify + pg: нагрузка ${load()}`, [bareFigures]);

  // 2. The diaries, nothing written.
  const quiet = await Promise.all([run(server.address, week, SECONDS), run(server.address, marks, SECONDS)]);
  table(`2. Дневники без записей: ${await memory()}, нагрузка ${load()}`, quiet);

  // 3. The peak: the same reads while every writing school's teachers work and people sign in.
  let markCount = 0;
  const markSave: Scenario = {
    name: 'оценка: запись (POST)', connections: bySchool.length * TEACHERS, rate: Math.round(0.7 * SAVES * bySchool.length),
    next: () => {
      const i = markCount++;
      const school = bySchool[i % bySchool.length]!;
      const t = school[Math.floor(i / bySchool.length) % school.length]!;
      return {
        method: 'POST', cookie: t.cookie, path: `${api}/schools/${t.schoolId}/lessons/${t.lessonId}/marks`,
        body: { studentId: t.roster[i % t.roster.length], workTypeId: t.workTypeId, value: ['2', '3', '4', '5'][i % 4], scale: 'five' },
      };
    },
  };
  // Attendance marks a student late or withdraws the mark, with the version of the cell once it has
  // a row; a cell being written is not written again meanwhile.
  const cells = new Map(attendanceRows.map((a) => [`${a.lesson_id}/${a.student_id}`, { version: a.version, code: a.code }]));
  const busy = new Set<string>();
  let attendanceCount = 0;
  const attendanceSave: Scenario = {
    name: 'посещаемость: запись (PUT)', connections: bySchool.length * 3, rate: Math.round(0.3 * SAVES * bySchool.length),
    next: (context) => {
      for (let tries = 0; ; tries++) {
        const i = attendanceCount++;
        const school = bySchool[i % bySchool.length]!;
        const t = school[Math.floor(i / bySchool.length) % school.length]!;
        const studentId = t.roster[Math.floor(i / bySchool.length / school.length) % t.roster.length]!;
        const cell = `${t.lessonId}/${studentId}`;
        if (busy.has(cell) && tries < 100) continue;
        busy.add(cell);
        context.cell = cell;
        const now = cells.get(cell);
        return {
          method: 'PUT', cookie: t.cookie, path: `${api}/schools/${t.schoolId}/lessons/${t.lessonId}/attendance/${studentId}`,
          body: { code: now?.code ? null : 'late', ...(now === undefined ? {} : { version: now.version }) },
        };
      }
    },
    answered: (status, body, context) => {
      const cell = context.cell as string | undefined;
      if (cell === undefined) return;
      busy.delete(cell);
      if (status === 200) {
        const row = JSON.parse(body) as { version: number; code: string | null };
        cells.set(cell, { version: row.version, code: row.code });
      }
    },
  };
  let pageCount = 0;
  const journalPage: Scenario = {
    name: 'журнал: страница (GET)', connections: bySchool.length, rate: PAGES * bySchool.length,
    next: () => {
      const t = teacherList[pageCount++ % teacherList.length]!;
      return { path: `${api}/schools/${t.schoolId}/journal?groupId=${t.groupId}&subjectId=${t.subjectId}&periodId=${t.periodId}`, cookie: t.cookie };
    },
  };
  let signInCount = 0;
  const signIn: Scenario = {
    name: 'вход по паролю (POST)', connections: 4, rate: SIGN_INS,
    next: () => ({ method: 'POST', path: `${api}/auth/login`, body: { login: readers[signInCount++ % readers.length]!.login, password: DEMO_PASSWORD } }),
  };
  const peak = await Promise.all([week, marks, markSave, attendanceSave, journalPage, signIn].map((s) => run(server.address, s, SECONDS)));
  table(`3. Пик 8:00: ${await memory()}, нагрузка ${load()}`, peak);
  const reads = (list: Figures[]) => list[0]!.rps + list[1]!.rps;
  console.log(`чтение дневников при записях: ${((reads(peak) / reads(quiet)) * 100).toFixed(0)} % того же без записей; `
    + `неделя ${((peak[0]!.rps / bareFigures.rps) * 100).toFixed(0)} % голого (без записей ${((quiet[0]!.rps / bareFigures.rps) * 100).toFixed(0)} %)`);
  const saves = peak[2]!.rps + peak[3]!.rps;
  console.log(`записей/с: ${saves.toFixed(1)} из ${(peak[2]!.planned! + peak[3]!.planned!)} запланированных (${(saves / bySchool.length).toFixed(1)} на школу)`);

  // 4. Screens: every request the web app sends to open them (its SSE stream of the diary aside).
  const journalScreen = await screens(server.address, SCREEN_CONNECTIONS, SECONDS, async (i, get) => {
    const t = teacherList[i % teacherList.length]!;
    const s = `/schools/${t.schoolId}`;
    const [, group] = await Promise.all([
      get('/me', t.cookie), get(`${s}/teaching-groups/${t.groupId}`, t.cookie), get(`${s}/assignments?groupId=${t.groupId}&limit=500`, t.cookie),
      get(`${s}/subjects?limit=500`, t.cookie), get(`${s}/classes?limit=500`, t.cookie),
    ]) as [unknown, { academicYearId: string }, ...unknown[]];
    await get(`${s}/periods?academicYearId=${group.academicYearId}&limit=500`, t.cookie);
    await Promise.all([
      get(`${s}/journal?groupId=${t.groupId}&subjectId=${t.subjectId}&periodId=${t.periodId}`, t.cookie), get(`${s}/periods/${t.periodId}/closure`, t.cookie),
    ]);
  });
  const guardians = readers.filter((r) => r.login.includes('-guardian-'));
  const marksScreen = await screens(server.address, SCREEN_CONNECTIONS, SECONDS, async (i, get) => {
    const r = guardians[i % guardians.length]!;
    const s = `/schools/${r.schoolId}`;
    const [, , years] = await Promise.all([get('/me', r.cookie), get('/me/diary-students', r.cookie), get(`${s}/academic-years?limit=500`, r.cookie)]) as
      [unknown, unknown, { items: { id: string; status: string }[] }];
    const year = years.items.find((y) => y.status === 'open') ?? years.items[0]!;
    const final = await get(`${s}/students/${r.studentId}/diary/final-marks?academicYearId=${year.id}`, r.cookie) as { periods: { id: string; startsOn: string; endsOn: string }[] };
    const period = final.periods.find((p) => p.startsOn <= DEMO_TODAY && DEMO_TODAY <= p.endsOn) ?? final.periods.at(-1)!;
    await get(`${s}/students/${r.studentId}/diary/marks?periodId=${period.id}`, r.cookie);
  });
  console.log(`\n4. Экраны при ${SCREEN_CONNECTIONS} соединениях, ничего больше: ${await memory()}, нагрузка ${load()}`);
  for (const [name, f] of [['журнал учителя', journalScreen], ['оценки у родителя', marksScreen]] as const) {
    console.log(`  ${name}: ${f.screens.toFixed(1)} экранов/с, ${f.requestsPerScreen.toFixed(0)} запросов на экран, p50 ${ms(f.p50)} мс, p99 ${ms(f.p99)} мс, ошибок ${f.errors}`);
  }
} finally {
  clearInterval(sampling);
  const last = await server.memory().catch(() => null);
  console.log(`\nRSS сервера: наибольший из замеров раз в секунду ${Math.max(maxRss, last?.rssMb ?? 0).toFixed(0)} МБ, пик процесса (maxRSS) ${last?.peakRssMb.toFixed(0) ?? '—'} МБ`);
  await bare.close();
  await server.close();
}
console.log(`нагрузка машины в конце: ${load()}`);
console.log(`uptime: ${execSync('uptime').toString().trim()}`);
