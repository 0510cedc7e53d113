import type { Db } from '../../db/client.ts';
import { municipalityRoles } from '../../db/schema/municipal.ts';

export const grantMunicipalRole = (db: Db, userId: string, municipalityId: string) =>
  db.insert(municipalityRoles).values({ userId, municipalityId }).onConflictDoNothing();
