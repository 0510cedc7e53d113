import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { demoSchools, deployment } from '../db/schema/deployment.ts';
import type { DistrictSummary } from './district.ts';

/**
 * Takes the database's one chance of a demo (deployment.demo_allowed, migration
 * `deployment_first_run`): true once, on a database that has never held a school or an account.
 */
export async function claimDemo(db: Db): Promise<boolean> {
  // The first ask decides: a database that already holds a school or an account (one migrated from
  // before this table, say) never gets the demo.
  await db.execute(sql`insert into deployment (demo_allowed)
    select not exists (select 1 from schools) and not exists (select 1 from users) on conflict (singleton) do nothing`);
  const claimed = await db.update(deployment).set({ demoAllowed: false }).where(eq(deployment.demoAllowed, true)).returning();
  return claimed.length > 0;
}

/** Read only: whether the chance may still be open (no answer yet, or not taken); claimDemo decides. */
export async function demoMayBeClaimed(db: Db): Promise<boolean> {
  const [row] = await db.select({ allowed: deployment.demoAllowed }).from(deployment);
  return row === undefined || row.allowed;
}

/** A start with DEMO=false: this database is for real data, and never gets the demo later. */
export async function forbidDemo(db: Db): Promise<void> {
  await claimDemo(db);
}

/** Records the generated schools as the demo, so `klassny demo remove` takes out these and nothing else. */
export async function recordDemo(db: Db, summary: Pick<DistrictSummary, 'regionId' | 'schools'>, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(demoSchools).values(summary.schools.map((s) => ({ schoolId: s.id }))).onConflictDoNothing();
    await tx.update(deployment).set({ demoRegionId: summary.regionId, demoCreatedAt: now, demoRemovedAt: null });
  });
}
