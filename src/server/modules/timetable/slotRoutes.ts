import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZError, ZPage, ZSchoolItemParams, ZSchoolParams } from '../../../shared/contract/common.ts';
import {
  ZGenerate, ZGenerated, ZSlot, ZSlotChange, ZSlotCreate, ZSlotDeleted, ZSlotQuery, ZSlotUpdate,
} from '../../../shared/contract/timetable.ts';
import { toPage } from '../../db/pagination.ts';
import { assertCan } from '../../policy/policy.ts';
import { groupsOfYear } from '../structure/service.ts';
import { timetableReach } from '../../policy/timetable.ts';
import { generateLessons } from './generation.ts';
import { presentSlot } from './presenters.ts';
import * as slots from './slotsService.ts';

const errors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError };
const tags = ['timetable'];

export const slotRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/schools/:schoolId/timetable-slots', {
    schema: { tags, summary: 'Расписание', params: ZSchoolParams, querystring: ZSlotQuery, response: { 200: ZPage(ZSlot), ...errors } },
  }, async (req) => {
    const { schoolId } = req.params;
    const { cursor, limit, academicYearId, ...filter } = req.query;
    const reach = await timetableReach(req, schoolId);
    const yearGroups = academicYearId ? (await groupsOfYear(db(), schoolId, academicYearId)).map((g) => g.id) : undefined;
    const groupIds = reach && yearGroups ? reach.filter((id) => yearGroups.includes(id)) : reach ?? yearGroups;
    const page = toPage(await slots.listSlots(db(), schoolId, { ...filter, groupIds }, cursor, limit), limit, (s) => [s.weekday, s.lessonNumber, s.id]);
    return { items: page.items.map(presentSlot), nextCursor: page.nextCursor };
  });

  app.post('/schools/:schoolId/timetable-slots', {
    schema: { tags, summary: 'Добавить урок в расписание', params: ZSchoolParams, body: ZSlotCreate, response: { 201: ZSlotChange, ...errors } },
  }, async (req, reply) => {
    assertCan(req.actor, 'timetable.write', req.params);
    const { slot, lessons } = await slots.createSlot(db(), req.params.schoolId, req.body, app.now());
    return reply.code(201).send({ ...presentSlot(slot), lessons });
  });

  app.get('/schools/:schoolId/timetable-slots/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZSlot, ...errors } },
  }, async (req) => {
    const reach = await timetableReach(req, req.params.schoolId);
    const slot = await slots.getSlot(db(), req.params.schoolId, req.params.id);
    if (reach && !reach.includes(slot.groupId)) throw slots.slotNotFound();
    return presentSlot(slot);
  });

  app.patch('/schools/:schoolId/timetable-slots/:id', {
    schema: { tags, params: ZSchoolItemParams, body: ZSlotUpdate, response: { 200: ZSlotChange, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'timetable.write', req.params);
    const { slot, lessons } = await slots.updateSlot(db(), req.params.schoolId, req.params.id, req.body, app.now());
    return { ...presentSlot(slot), lessons };
  });

  app.delete('/schools/:schoolId/timetable-slots/:id', {
    schema: { tags, params: ZSchoolItemParams, response: { 200: ZSlotDeleted, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'timetable.write', req.params);
    return { deleted: true as const, lessons: await slots.deleteSlot(db(), req.params.schoolId, req.params.id, app.now()) };
  });

  app.post('/schools/:schoolId/lessons/generate', {
    schema: { tags, summary: 'Создать уроки по расписанию', params: ZSchoolParams, body: ZGenerate, response: { 200: ZGenerated, ...errors } },
  }, async (req) => {
    assertCan(req.actor, 'timetable.write', req.params);
    return generateLessons(db(), req.params.schoolId, req.body);
  });
};
