import type { Municipality, Region, School } from '../../../shared/contract/organisation.ts';
import type { SchoolKind } from '../../../shared/contract/enums.ts';
import type { MunicipalityRow, RegionRow, SchoolRow } from './queries.ts';

export const presentRegion = (r: RegionRow): Region => ({ id: r.id, name: r.name });

export const presentMunicipality = (m: MunicipalityRow): Municipality => ({ id: m.id, regionId: m.regionId, name: m.name });

export const presentSchool = (s: SchoolRow): School => ({
  id: s.id,
  municipalityId: s.municipalityId,
  name: s.name,
  shortName: s.shortName,
  kind: s.kind as SchoolKind,
  timeZone: s.timeZone,
  address: s.address,
  inn: s.inn,
  requireAdminTotp: s.requireAdminTotp,
});
