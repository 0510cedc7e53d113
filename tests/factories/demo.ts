import { type Database, type Db } from '../../src/server/db/client.ts';
import { type DistrictSummary, generateDistrict } from '../../src/server/demo/district.ts';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../support/testDatabase.ts';

export type DemoDistrict = { database: Database; db: Db; summary: DistrictSummary; general: string; college: string };

/** The 2-school demo district (a general school and a college, seed 1) on a private database. */
async function buildDemoDistrict(): Promise<DemoDistrict> {
  const database = await createTestDatabase();
  const summary = await generateDistrict(database.db, { schools: 2, seed: 1 });
  return {
    database,
    db: database.db,
    summary,
    general: summary.schools.find((s) => s.kind === 'general')!.id,
    college: summary.schools.find((s) => s.kind === 'college')!.id,
  };
}

/** Builds the demo district once for the enclosing `describe`, hands it to `use`, and closes it after. */
export function withDemoDistrict(use: (demo: DemoDistrict) => void) {
  let database: Database | undefined;
  beforeAll(async () => {
    const demo = await buildDemoDistrict();
    database = demo.database;
    use(demo);
  }, 400_000); // PGlite builds the two schools in one connection: minutes on a loaded machine
  afterAll(() => database?.close());
}
