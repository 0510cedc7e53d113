import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDeleted, ZError, ZItemParams, ZPage, ZPageQuery } from '../../../shared/contract/common.ts';
import {
  ZMunicipality, ZMunicipalityCreate, ZMunicipalityQuery, ZMunicipalityUpdate, ZRegion, ZRegionCreate, ZRegionUpdate,
  ZSchool, ZSchoolCreate, ZSchoolQuery, ZSchoolUpdate,
} from '../../../shared/contract/organisation.ts';
import { toPage } from '../../db/pagination.ts';
import { AccessDenied, type Actor, assertCan, can } from '../../policy/policy.ts';
import { presentMunicipality, presentRegion, presentSchool } from './presenters.ts';
import * as organisation from './service.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const byId = (row: { id: string }) => [row.id];

/**
 * The municipalities whose part of the tree the actor reads: undefined for platform operators
 * (everything); a municipal operator's own; anyone else is refused (403).
 */
function operatedMunicipalities(actor: Actor | null): string[] | undefined {
  if (can(actor, 'organisation.read')) return undefined;
  const ids = actor?.municipalityIds ?? [];
  if (ids.length === 0) assertCan(actor, 'organisation.read');
  return ids;
}

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/regions', {
    schema: { tags: ['organisation'], summary: 'Регионы', querystring: ZPageQuery, response: { 200: ZPage(ZRegion), ...errors } },
  }, async (req) => {
    const operated = operatedMunicipalities(req.actor);
    const onlyIds = operated && await organisation.regionIdsOf(db(), operated);
    const rows = await organisation.listRegions(db(), req.query.cursor, req.query.limit, onlyIds);
    const page = toPage(rows, req.query.limit, byId);
    return { items: page.items.map(presentRegion), nextCursor: page.nextCursor };
  });

  app.post('/regions', {
    schema: { tags: ['organisation'], summary: 'Создать регион', body: ZRegionCreate, response: { 201: ZRegion, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'organisation.write');
    return reply.code(201).send(presentRegion(await organisation.createRegion(db(), req.body)));
  });

  app.get('/regions/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, response: { 200: ZRegion, ...errors } },
  }, async (req) => {
    const operated = operatedMunicipalities(req.actor);
    if (operated && !(await organisation.regionIdsOf(db(), operated)).includes(req.params.id)) throw new AccessDenied('region.not_found', 404, 'Регион не найден', { action: 'municipality.read' });
    return presentRegion(await organisation.getRegion(db(), req.params.id));
  });

  app.patch('/regions/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, body: ZRegionUpdate, response: { 200: ZRegion, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'organisation.write');
    return presentRegion(await organisation.updateRegion(db(), req.params.id, req.body));
  });

  app.delete('/regions/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'organisation.write');
    await organisation.deleteRegion(db(), req.params.id);
    return { deleted: true as const };
  });

  app.get('/municipalities', {
    schema: { tags: ['organisation'], summary: 'Муниципалитеты', querystring: ZMunicipalityQuery, response: { 200: ZPage(ZMunicipality), ...errors } },
  }, async (req) => {
    const onlyIds = operatedMunicipalities(req.actor);
    const { cursor, limit, ...filter } = req.query;
    const page = toPage(await organisation.listMunicipalities(db(), { ...filter, onlyIds }, cursor, limit), limit, byId);
    return { items: page.items.map(presentMunicipality), nextCursor: page.nextCursor };
  });

  app.post('/municipalities', {
    schema: { tags: ['organisation'], body: ZMunicipalityCreate, response: { 201: ZMunicipality, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'organisation.write');
    return reply.code(201).send(presentMunicipality(await organisation.createMunicipality(db(), req.body)));
  });

  app.get('/municipalities/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, response: { 200: ZMunicipality, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'municipality.read', { municipalityId: req.params.id });
    return presentMunicipality(await organisation.getMunicipality(db(), req.params.id));
  });

  app.patch('/municipalities/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, body: ZMunicipalityUpdate, response: { 200: ZMunicipality, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'organisation.write');
    return presentMunicipality(await organisation.updateMunicipality(db(), req.params.id, req.body));
  });

  app.delete('/municipalities/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, response: { 200: ZDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'organisation.write');
    await organisation.deleteMunicipality(db(), req.params.id);
    return { deleted: true as const };
  });

  // Platform operators see every school; anyone else, the schools they hold a role in and, for a
  // municipal operator, every school of its municipalities.
  app.get('/schools', {
    schema: { tags: ['organisation'], summary: 'Школы', querystring: ZSchoolQuery, response: { 200: ZPage(ZSchool), ...errors } },
  }, async (req) => {
    const { cursor, limit, ...filter } = req.query;
    const onlyIds = can(req.actor, 'organisation.read') ? undefined : [...new Set(req.actor?.roles.map((r) => r.schoolId))];
    const orMunicipalityIds = onlyIds && req.actor?.municipalityIds;
    const page = toPage(await organisation.listSchools(db(), { ...filter, onlyIds, orMunicipalityIds }, cursor, limit), limit, byId);
    return { items: page.items.map(presentSchool), nextCursor: page.nextCursor };
  });

  app.post('/schools', {
    schema: { tags: ['organisation'], summary: 'Создать школу', body: ZSchoolCreate, response: { 201: ZSchool, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'organisation.write');
    return reply.code(201).send(presentSchool(await organisation.createSchool(db(), req.body)));
  });

  app.get('/schools/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, response: { 200: ZSchool, ...errors } },
  }, async (req) => {
    const { id } = req.params;
    if (can(req.actor, 'organisation.read') || can(req.actor, 'school.read', { schoolId: id })) {
      return presentSchool(await organisation.getSchool(db(), id));
    }
    // A municipal operator reads the schools of its municipalities; to anyone else a school is unknown (404).
    const school = req.actor?.municipalityIds?.length ? await organisation.getSchool(db(), id) : undefined;
    if (!school || !can(req.actor, 'municipality.read', { municipalityId: school.municipalityId })) {
      assertCan(req.actor, 'school.read', { schoolId: id });
    }
    return presentSchool(school!);
  });

  app.patch('/schools/:id', {
    schema: { tags: ['organisation'], params: ZItemParams, body: ZSchoolUpdate, response: { 200: ZSchool, ...errors } },
  }, async (req) => {
    if (!can(req.actor, 'organisation.write')) assertCan(req.actor, 'school.update', { schoolId: req.params.id });
    return presentSchool(await organisation.updateSchool(db(), req.params.id, req.body));
  });
};
