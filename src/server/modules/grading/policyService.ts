import { ZGradingRules, type GradingRules } from '../../../shared/contract/grading.ts';
import { DEFAULT_GRADING_POLICY, type GradingPolicy } from '../../../shared/domain/grading.ts';
import type { Db } from '../../db/client.ts';
import { badRequest } from '../../errors.ts';
import { workTypesByIds } from './workTypeService.ts';
import { getSchool, lockSchool } from '../organisation/service.ts';
import * as q from './policyQueries.ts';

/** A school's policy in force: its newest version, or the built-in default (version 0) before it writes one. */
export type CurrentPolicy = { version: number; rules: GradingPolicy; authorUserId: string | null; createdAt: Date | null };

const DEFAULT: CurrentPolicy = { version: 0, rules: DEFAULT_GRADING_POLICY, authorUserId: null, createdAt: null };

/**
 * Stored rules read back through the contract, so an older row gets today's defaults for fields it
 * lacks; no row (null) is the built-in default. For reads that fetch the newest `rules` themselves.
 */
export const rulesOf = (stored: Record<string, unknown> | null): GradingPolicy => {
  if (stored === null) return DEFAULT_GRADING_POLICY;
  const parsed = ZGradingRules.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_GRADING_POLICY;
};

const toCurrent = (row: q.GradingPolicyRow): CurrentPolicy =>
  ({ version: row.version, rules: rulesOf(row.rules), authorUserId: row.authorUserId, createdAt: row.createdAt });

export async function currentPolicy(db: Db, schoolId: string): Promise<CurrentPolicy> {
  const row = await q.latestPolicy(db, schoolId);
  return row ? toCurrent(row) : DEFAULT;
}

/** The current policy of a school that must exist (404 otherwise). */
export async function schoolPolicy(db: Db, schoolId: string): Promise<CurrentPolicy> {
  await getSchool(db, schoolId);
  return currentPolicy(db, schoolId);
}

/** Every version, newest first; the default alone while the school has none. */
export async function listPolicyVersions(db: Db, schoolId: string): Promise<CurrentPolicy[]> {
  await getSchool(db, schoolId);
  const rows = await q.policyVersions(db, schoolId);
  return rows.length > 0 ? rows.map(toCurrent) : [DEFAULT];
}

/** The work type ids a policy names must be this school's. */
async function assertWorkTypes(db: Db, schoolId: string, rules: GradingRules) {
  const weighted = Object.keys(rules.workTypeWeights ?? {});
  const ids = [...new Set([...weighted, ...rules.excludedWorkTypeIds])];
  if (ids.length === 0) return;
  const known = new Set((await workTypesByIds(db, schoolId, ids)).map((w) => w.id));
  const fields: Record<string, string> = {};
  if (weighted.some((id) => !known.has(id))) fields.workTypeWeights = 'Вид работы не найден в этой школе';
  if (rules.excludedWorkTypeIds.some((id) => !known.has(id))) fields.excludedWorkTypeIds = 'Вид работы не найден в этой школе';
  if (Object.keys(fields).length > 0) throw badRequest('work_type.not_found', 'Вид работы не найден', fields);
}

/** Writes the next version; earlier versions stay as they were, so old period marks remain explainable. */
export const writePolicy = (db: Db, schoolId: string, rules: GradingRules, authorUserId: string | null) =>
  db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    await assertWorkTypes(tx, schoolId, rules);
    const latest = await q.latestPolicy(tx, schoolId);
    return toCurrent(await q.insertPolicy(tx, { schoolId, version: (latest?.version ?? 0) + 1, rules, authorUserId }));
  });
