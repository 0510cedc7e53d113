import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { gradingPolicies } from '../../db/schema/grading.ts';

export type GradingPolicyRow = typeof gradingPolicies.$inferSelect;

export const latestPolicy = async (db: Db, schoolId: string): Promise<GradingPolicyRow | undefined> =>
  (await db.select().from(gradingPolicies).where(eq(gradingPolicies.schoolId, schoolId))
    .orderBy(desc(gradingPolicies.version)).limit(1))[0];

export const policyVersions = (db: Db, schoolId: string) =>
  db.select().from(gradingPolicies).where(eq(gradingPolicies.schoolId, schoolId)).orderBy(desc(gradingPolicies.version));

export const insertPolicy = async (db: Db, row: typeof gradingPolicies.$inferInsert) =>
  (await db.insert(gradingPolicies).values(row).returning())[0]!;
