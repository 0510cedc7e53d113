import { and, asc, count, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { municipalities, regions, schools } from '../../db/schema/organisation.ts';

export type RegionRow = typeof regions.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;

/** `onlyIds`: a municipal operator sees the regions of its municipalities only. */
export const listRegions = (db: Db, cursor: string | undefined, limit: number, onlyIds?: string[]) =>
  db.select().from(regions)
    .where(and(onlyIds ? inArray(regions.id, onlyIds) : undefined, afterCursor([regions.id], cursor)))
    .orderBy(asc(regions.id)).limit(limit + 1);

export const findRegion = async (db: Db, id: string) =>
  (await db.select().from(regions).where(eq(regions.id, id)))[0];

export const insertRegion = async (db: Db, row: typeof regions.$inferInsert) =>
  (await db.insert(regions).values(row).returning())[0]!;

export const updateRegion = async (db: Db, id: string, patch: Partial<typeof regions.$inferInsert>) =>
  (await db.update(regions).set(patch).where(eq(regions.id, id)).returning())[0];

export const deleteRegion = async (db: Db, id: string) =>
  (await db.delete(regions).where(eq(regions.id, id)).returning({ id: regions.id })).length > 0;

export const listMunicipalities = (db: Db, filter: { regionId?: string; onlyIds?: string[] }, cursor: string | undefined, limit: number) =>
  db.select().from(municipalities)
    .where(and(
      filter.regionId ? eq(municipalities.regionId, filter.regionId) : undefined,
      filter.onlyIds ? inArray(municipalities.id, filter.onlyIds) : undefined,
      afterCursor([municipalities.id], cursor),
    ))
    .orderBy(asc(municipalities.id)).limit(limit + 1);

export const findMunicipality = async (db: Db, id: string) =>
  (await db.select().from(municipalities).where(eq(municipalities.id, id)))[0];

export const findMunicipalities = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select().from(municipalities).where(inArray(municipalities.id, ids));

export const insertMunicipality = async (db: Db, row: typeof municipalities.$inferInsert) =>
  (await db.insert(municipalities).values(row).returning())[0]!;

export const updateMunicipality = async (db: Db, id: string, patch: Partial<typeof municipalities.$inferInsert>) =>
  (await db.update(municipalities).set(patch).where(eq(municipalities.id, id)).returning())[0];

export const deleteMunicipality = async (db: Db, id: string) =>
  (await db.delete(municipalities).where(eq(municipalities.id, id)).returning({ id: municipalities.id })).length > 0;

export function listSchools(
  db: Db,
  filter: { municipalityId?: string; kind?: string; onlyIds?: string[]; orMunicipalityIds?: string[] },
  cursor: string | undefined,
  limit: number,
) {
  // A visitor sees the schools they hold a role in, plus every school of a municipality they operate.
  const visible = filter.onlyIds
    ? or(inArray(schools.id, filter.onlyIds), filter.orMunicipalityIds?.length ? inArray(schools.municipalityId, filter.orMunicipalityIds) : undefined)
    : undefined;
  const conditions: (SQL | undefined)[] = [
    filter.municipalityId ? eq(schools.municipalityId, filter.municipalityId) : undefined,
    filter.kind ? eq(schools.kind, filter.kind) : undefined,
    visible,
    afterCursor([schools.id], cursor),
  ];
  return db.select().from(schools).where(and(...conditions)).orderBy(asc(schools.id)).limit(limit + 1);
}

export const findSchool = async (db: Db, id: string) =>
  (await db.select().from(schools).where(eq(schools.id, id)))[0];

export const insertSchool = async (db: Db, row: typeof schools.$inferInsert) =>
  (await db.insert(schools).values(row).returning())[0]!;

export const updateSchool = async (db: Db, id: string, patch: Partial<typeof schools.$inferInsert>) =>
  (await db.update(schools).set({ ...patch, updatedAt: new Date() }).where(eq(schools.id, id)).returning())[0];

/** Serialises writes that check other rows of one school (overlaps, the one open year). */
export const lockSchool = async (db: Db, schoolId: string) =>
  (await db.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId)).for('update'))[0];

/** Of these schools, those whose administrators must sign in with TOTP. */
export const findSchoolsRequiringAdminTotp = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select({ id: schools.id }).from(schools).where(and(inArray(schools.id, ids), eq(schools.requireAdminTotp, true)));

export const findSchoolNames = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select({ id: schools.id, shortName: schools.shortName }).from(schools).where(inArray(schools.id, ids));

export const findRegionByName = async (db: Db, name: string) =>
  (await db.select().from(regions).where(eq(regions.name, name)))[0];

export const findMunicipalityByName = async (db: Db, regionId: string, name: string) =>
  (await db.select().from(municipalities).where(and(eq(municipalities.regionId, regionId), eq(municipalities.name, name))))[0];

/** How many schools the deployment holds (a backup holds them all). */
export async function countSchools(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(schools))[0]!.n;
}
