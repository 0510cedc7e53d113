import type { Db } from '../../src/server/db/client.ts';
import { createTestApp, schoolActor, type TestContext } from '../support/testApp.ts';
import { createSchool } from './organisation.ts';

export type TwoSchools = { t: TestContext; schoolId: string; otherSchoolId: string; base: string; admin: ReturnType<typeof schoolActor> };

/**
 * The setting of a module's API tests: a fresh app, the school under test and another school (whose
 * ids must answer as unknown ones), the school's API path and its administrator.
 */
export async function twoSchools(): Promise<TwoSchools> {
  const t = await createTestApp();
  const schoolId = (await createSchool(t.database.db)).school.id;
  const otherSchoolId = (await createSchool(t.database.db)).school.id;
  return { t, schoolId, otherSchoolId, base: `/api/v1/schools/${schoolId}`, admin: schoolActor(schoolId, 'admin') };
}

/** A new school of the running test app and its administrator. */
export async function schoolWithAdmin(db: Db) {
  const { school } = await createSchool(db);
  return { school, admin: schoolActor(school.id, 'admin') };
}
