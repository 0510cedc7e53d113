import { count, inArray, sql } from 'drizzle-orm';
import type { SchoolKind } from '../../shared/contract/enums.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/accounts.ts';
import { claimDemo, recordDemo } from './demoRecord.ts';
import { schools as schoolsTable } from '../db/schema/organisation.ts';
import { hashPassword } from '../modules/accounts/passwords.ts';
import { useBulkAudit } from '../modules/audit/service.ts';
import { DEMO_LOGINS, DEMO_MUNICIPAL_LOGIN, DEMO_PASSWORD, addDemoAccounts, addDemoOperator } from './accounts.ts';
import { buildCollege } from './college.ts';
import { DEMO_TODAY, addJournal, addMarkVersions } from './journal.ts';
import { faker } from './people.ts';
import { DEMO_CREATED_AT as at, Rng, districtRng, schoolRng } from './random.ts';
import { type Rows, type TableName, TABLES, insertRows } from './rows.ts';
import { type SchoolSpec, buildGeneralSchool } from './school.ts';

export type DistrictOptions = {
  schools: number;
  seed: number;
  /**
   * Schools written at once, each in its own transaction. Only for PostgreSQL with a pool;
   * PGlite has one connection. The data do not depend on it.
   */
  concurrency?: number;
  /** Called after each school is written. */
  onSchool?: (done: number, total: number) => void;
  /** The journal is filled up to this day ('YYYY-MM-DD'); default the demo's fixed today, 2026-11-27. */
  today?: string;
};

export type DistrictSummary = {
  regionId: string;
  regionName: string;
  municipalities: { id: string; name: string }[];
  schools: { id: string; name: string; kind: SchoolKind; students: number; classes: number; staff: number }[];
  /** Rows written per table. */
  rows: Record<TableName | 'markVersions', number>;
};

/** The fixed seed of the demo school built at first start (the same as `klassny demo`'s default). */
export const DEMO_SEED = 1;

type Plan = { region: { id: string; name: string }; municipalities: { id: string; name: string; city: string }[]; specs: SchoolSpec[] };

/** A region, its municipalities and the names of its schools; the last school is a college when there are two or more. */
function planDistrict(seed: number, schoolCount: number): Plan {
  const rng = districtRng(seed);
  faker.seed(rng.fakerSeed);
  const region = { id: rng.id(), name: faker.location.state() };
  const cities = new Set<string>();
  const wanted = rng.int(2, 5);
  for (let tries = 0; cities.size < wanted && tries < 100; tries++) cities.add(faker.location.city());
  const municipalities = [...cities].map((city) => ({ id: rng.id(), name: `г. ${city}`, city }));
  const numbers = municipalities.map(() => rng.int(1, 9));
  const specs: SchoolSpec[] = [];
  for (let i = 0; i < schoolCount; i++) {
    const m = municipalities[i % municipalities.length]!;
    const college = schoolCount >= 2 && i === schoolCount - 1;
    const n = numbers[i % municipalities.length]!;
    numbers[i % municipalities.length] = n + rng.int(1, 3);
    const [name, shortName] = college
      ? [`ГБПОУ «Политехнический колледж г. ${m.city}»`, 'Политехнический колледж']
      : schoolName(rng, n);
    specs.push({
      rng: schoolRng(seed, i), schoolId: rng.id(), municipalityId: m.id, name, shortName, city: `г. ${m.city}`,
      address: `г. ${m.city}, ${faker.location.street()}, д. ${rng.int(1, 90)}`,
    });
  }
  return { region, municipalities, specs };
}

function schoolName(rng: Rng, n: number): [string, string] {
  const kind = rng.weighted([['СОШ', 8], ['Гимназия', 1], ['Лицей', 1]] as const);
  if (kind === 'Гимназия') return [`МБОУ «Гимназия № ${n}»`, `Гимназия № ${n}`];
  if (kind === 'Лицей') return [`МБОУ «Лицей № ${n}»`, `Лицей № ${n}`];
  return [`МБОУ «Средняя общеобразовательная школа № ${n}»`, `СОШ № ${n}`];
}

/** Builds one school's rows; the build is synchronous, so faker's shared state stays this school's. */
function buildSchool(spec: SchoolSpec, college: boolean, accounts: Accounts | undefined, today: string): Rows {
  faker.seed(spec.rng.fakerSeed);
  const rows = college ? buildCollege(spec) : buildGeneralSchool(spec);
  if (accounts) addDemoAccounts(rows, spec.rng, college ? 'college' : 'general', accounts.passwordHash, accounts.taken);
  addJournal(rows, spec.rng, today);
  return rows;
}

type Accounts = { passwordHash: string; taken: ReadonlySet<string> };

/**
 * The rows of school `index` of the district of `seed` (of `schools`), in memory, as
 * `generateDistrict` would write them on an empty database (password hashes aside): for measuring
 * the demo without a database (bench/demo-results.ts).
 */
export function buildDistrictSchool(seed: number, schools: number, index: number, today: string = DEMO_TODAY): Rows {
  const plan = planDistrict(seed, schools);
  const college = schools >= 2 && index === schools - 1;
  const accounts = index === 0 || college ? { passwordHash: '', taken: new Set<string>() } : undefined;
  return buildSchool(plan.specs[index]!, college, accounts, today);
}

/**
 * A deterministic demo district: the same seed gives the same rows, ids included (password
 * hashes aside: argon2 salts them). Each school is written in one transaction; the region and
 * municipalities go with the first school, so a failed first school leaves nothing behind.
 * Demo logins that are already taken are left out.
 */
export async function generateDistrict(db: Db, options: DistrictOptions): Promise<DistrictSummary> {
  const plan = planDistrict(options.seed, options.schools);
  const accounts: Accounts = { passwordHash: await hashPassword(DEMO_PASSWORD), taken: await takenDemoLogins(db) };
  const summary: DistrictSummary = {
    regionId: plan.region.id,
    regionName: plan.region.name,
    municipalities: plan.municipalities.map(({ id, name }) => ({ id, name })),
    schools: [],
    rows: Object.fromEntries([...Object.keys(TABLES), 'markVersions'].map((k) => [k, 0])) as DistrictSummary['rows'],
  };
  const isCollege = (i: number) => options.schools >= 2 && i === options.schools - 1;

  const write = async (i: number) => {
    const spec = plan.specs[i]!;
    const college = isCollege(i);
    const rows = buildSchool(spec, college, i === 0 || college ? accounts : undefined, options.today ?? DEMO_TODAY);
    if (i === 0) {
      rows.regions.push({ ...plan.region, createdAt: at });
      rows.municipalities.push(...plan.municipalities.map(({ id, name }) => ({ id, regionId: plan.region.id, name, createdAt: at })));
    }
    await db.transaction(async (tx) => {
      // Generated rows: one audit entry per statement, not per row (see audit/queries.ts, useBulkAudit).
      await useBulkAudit(tx);
      await insertRows(tx, rows);
      const versions = await addMarkVersions(tx, spec.schoolId);
      summary.rows.markVersions += versions;
    });
    for (const k of Object.keys(TABLES) as TableName[]) summary.rows[k] += rows[k].length;
    summary.schools[i] = {
      id: spec.schoolId, name: spec.name, kind: college ? 'college' : 'general',
      students: rows.students.length, classes: rows.classes.length, staff: rows.staff.length,
    };
    options.onSchool?.(summary.schools.filter(Boolean).length, plan.specs.length);
  };

  await write(0);
  // The municipal operator of the first school's municipality (its own stream of ids: the schools' stay as they were).
  if (!accounts.taken.has(DEMO_MUNICIPAL_LOGIN.login)) {
    await addDemoOperator(db, new Rng(options.seed, -1).id(), plan.specs[0]!.municipalityId, accounts.passwordHash);
  }
  let next = 1;
  let failed = false;
  const worker = async () => {
    while (next < plan.specs.length && !failed) {
      await write(next++).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  // Fresh statistics: right after a bulk load the planner would otherwise guess from empty tables.
  await db.execute(sql`analyze`);
  return summary;
}

async function takenDemoLogins(db: Db): Promise<Set<string>> {
  const found = await db
    .select({ login: sql<string>`lower(${users.login})` })
    .from(users)
    .where(inArray(sql`lower(${users.login})`, [...DEMO_LOGINS.map((d) => d.login), DEMO_MUNICIPAL_LOGIN.login]));
  return new Set(found.map((u) => u.login));
}

export async function hasSchools(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(schoolsTable);
  return (row?.n ?? 0) > 0;
}

/**
 * First start: on a database that has never held anything (demoRecord.ts), builds one general
 * school and one college and records them as the demo. Never again once that chance is gone.
 */
export async function ensureDemoSchool(db: Db, options: Pick<DistrictOptions, 'today'> = {}): Promise<boolean> {
  if (!(await claimDemo(db)) || await hasSchools(db)) return false;
  await recordDemo(db, await generateDistrict(db, { schools: 2, seed: DEMO_SEED, ...options }));
  return true;
}
