import type { z } from 'zod';
import type {
  ZMunicipalityCreate, ZMunicipalityUpdate, ZRegionCreate, ZRegionUpdate, ZSchoolCreate, ZSchoolUpdate,
} from '../../../shared/contract/organisation.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { badRequest, found, notFound } from '../../errors.ts';
import * as q from './queries.ts';

export const regionNotFound = () => notFound('region', 'Регион не найден');
export const municipalityNotFound = () => notFound('municipality', 'Муниципалитет не найден');
export const schoolNotFound = () => notFound('school', 'Школа не найдена');

export async function getRegion(db: Db, id: string) {
  return found(await q.findRegion(db, id), regionNotFound);
}

export const createRegion = (db: Db, input: z.infer<typeof ZRegionCreate>) =>
  db.transaction((tx) => q.insertRegion(tx, { id: newId(), ...input }));

export const updateRegion = (db: Db, id: string, patch: z.infer<typeof ZRegionUpdate>) =>
  db.transaction(async (tx) => found(await q.updateRegion(tx, id, patch), regionNotFound));

export const deleteRegion = (db: Db, id: string) =>
  db.transaction(async (tx) => {
    if (!(await q.deleteRegion(tx, id))) throw regionNotFound();
  });

export async function getMunicipality(db: Db, id: string) {
  return found(await q.findMunicipality(db, id), municipalityNotFound);
}

export const createMunicipality = (db: Db, input: z.infer<typeof ZMunicipalityCreate>) =>
  db.transaction(async (tx) => {
    if (!(await q.findRegion(tx, input.regionId))) throw badRequest('region.not_found', 'Регион не найден', { regionId: 'Регион не найден' });
    return q.insertMunicipality(tx, { id: newId(), ...input });
  });

export const updateMunicipality = (db: Db, id: string, patch: z.infer<typeof ZMunicipalityUpdate>) =>
  db.transaction(async (tx) => found(await q.updateMunicipality(tx, id, patch), municipalityNotFound));

export const deleteMunicipality = (db: Db, id: string) =>
  db.transaction(async (tx) => {
    if (!(await q.deleteMunicipality(tx, id))) throw municipalityNotFound();
  });

export async function getSchool(db: Db, id: string) {
  return found(await q.findSchool(db, id), schoolNotFound);
}

export const createSchool = (db: Db, input: z.infer<typeof ZSchoolCreate>) =>
  db.transaction(async (tx) => {
    if (!(await q.findMunicipality(tx, input.municipalityId))) {
      throw badRequest('municipality.not_found', 'Муниципалитет не найден', { municipalityId: 'Муниципалитет не найден' });
    }
    return q.insertSchool(tx, { id: newId(), ...input });
  });

/**
 * A school under a region and municipality named in words (the first start, `klassny init`): the
 * region and the municipality are found by name or made.
 */
export const placeSchool = (db: Db, input: { regionName: string; municipalityName: string; school: Omit<z.infer<typeof ZSchoolCreate>, 'municipalityId'> }) =>
  db.transaction(async (tx) => {
    const region = await q.findRegionByName(tx, input.regionName) ?? await q.insertRegion(tx, { id: newId(), name: input.regionName });
    const municipality = await q.findMunicipalityByName(tx, region.id, input.municipalityName)
      ?? await q.insertMunicipality(tx, { id: newId(), regionId: region.id, name: input.municipalityName });
    return q.insertSchool(tx, { id: newId(), ...input.school, municipalityId: municipality.id });
  });

export const updateSchool = (db: Db, id: string, patch: z.infer<typeof ZSchoolUpdate>) =>
  db.transaction(async (tx) => found(await q.updateSchool(tx, id, patch), schoolNotFound));

/**
 * Other modules call this first in a transaction that checks several rows of one school
 * (overlapping years, enrolments): it serialises them and answers 404 for an unknown school.
 */
export async function lockSchool(tx: Db, schoolId: string) {
  if (!(await q.lockSchool(tx, schoolId))) throw schoolNotFound();
}

/** Of these schools, the ids of those that require TOTP of their administrators. */
export async function schoolsRequiringAdminTotp(db: Db, ids: string[]): Promise<string[]> {
  return (await q.findSchoolsRequiringAdminTotp(db, ids)).map((s) => s.id);
}

/** Short names of schools by id, for menus and role lists. */
export const schoolCount = (db: Db) => q.countSchools(db);

export async function schoolNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await q.findSchoolNames(db, ids)).map((s) => [s.id, s.shortName]));
}

/** The regions these municipalities lie in (a municipal operator's part of the tree). */
export async function regionIdsOf(db: Db, municipalityIds: string[]): Promise<string[]> {
  return [...new Set((await q.findMunicipalities(db, municipalityIds)).map((m) => m.regionId))];
}

export { listMunicipalities, listRegions, listSchools } from './queries.ts';
