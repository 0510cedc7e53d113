import type { Db } from '../../src/server/db/client.ts';
import * as organisation from '../../src/server/modules/organisation/service.ts';
import type { SchoolKind } from '../../src/shared/contract/enums.ts';

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

/** A region, a municipality and one school in them, created through the service as an operator would. */
export async function createSchool(db: Db, kind: SchoolKind = 'general') {
  const region = await organisation.createRegion(db, { name: unique('Алтайский край') });
  const municipality = await organisation.createMunicipality(db, { regionId: region.id, name: unique('г. Барнаул') });
  const school = await organisation.createSchool(db, {
    municipalityId: municipality.id,
    name: unique(kind === 'college' ? 'КГБПОУ «Барнаульский техникум»' : 'МБОУ «Средняя общеобразовательная школа»'),
    shortName: unique(kind === 'college' ? 'Техникум' : 'СОШ'),
    kind,
    timeZone: 'Asia/Barnaul',
    address: 'г. Барнаул, ул. Ленина, 1',
    inn: null,
  });
  return { region, municipality, school };
}
