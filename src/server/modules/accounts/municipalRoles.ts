import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { municipalityRoles } from '../../db/schema/municipal.ts';

/** The municipalities a user is a municipal operator of (`actor.municipalityIds`). */
export async function municipalityIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: municipalityRoles.municipalityId }).from(municipalityRoles).where(eq(municipalityRoles.userId, userId));
  return rows.map((r) => r.id);
}

export const grantMunicipalRole = (db: Db, userId: string, municipalityId: string) =>
  db.insert(municipalityRoles).values({ userId, municipalityId }).onConflictDoNothing();
