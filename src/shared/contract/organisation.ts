import { ZId, ZName, ZPageQuery } from './common.ts';
import { SCHOOL_KINDS } from './enums.ts';
import { z } from './zod.ts';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
export const ZTimeZone = z.string().refine((tz) => timeZones.has(tz), 'Неизвестный часовой пояс');

export const ZRegion = z.object({ id: ZId, name: z.string() });
export const ZRegionCreate = z.object({ name: ZName() });
export const ZRegionUpdate = ZRegionCreate.partial();
export type Region = z.infer<typeof ZRegion>;

export const ZMunicipality = z.object({ id: ZId, regionId: ZId, name: z.string() });
export const ZMunicipalityCreate = z.object({ regionId: ZId, name: ZName() });
export const ZMunicipalityUpdate = z.object({ name: ZName() }).partial();
export const ZMunicipalityQuery = ZPageQuery.extend({ regionId: ZId.optional() });
export type Municipality = z.infer<typeof ZMunicipality>;

export const ZSchool = z.object({
  id: ZId,
  municipalityId: ZId,
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(SCHOOL_KINDS),
  timeZone: z.string(),
  address: z.string(),
  inn: z.string().nullable(),
  /** Administrators must sign in with a second factor (TOTP). */
  requireAdminTotp: z.boolean(),
});
// Update schemas are built from fields without defaults: a default inside `.partial()` would
// quietly reset an omitted field on PATCH.
const schoolFields = {
  name: ZName(500),
  shortName: ZName(100),
  kind: z.enum(SCHOOL_KINDS),
  timeZone: ZTimeZone,
  address: z.string().trim().max(500),
  inn: z.string().regex(/^\d{10}$/, 'ИНН организации — 10 цифр').nullable(),
};
export const ZSchoolCreate = z.object({
  ...schoolFields,
  municipalityId: ZId,
  timeZone: schoolFields.timeZone.default('Europe/Moscow'),
  address: schoolFields.address.default(''),
  inn: schoolFields.inn.default(null),
});
// A school setting, changed by its administrator once the school is set up.
export const ZSchoolUpdate = z.object({ ...schoolFields, requireAdminTotp: z.boolean() }).partial();
export const ZSchoolQuery = ZPageQuery.extend({ municipalityId: ZId.optional(), kind: z.enum(SCHOOL_KINDS).optional() });
export type School = z.infer<typeof ZSchool>;
