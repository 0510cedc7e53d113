import type { z } from 'zod';
import type { ZPlannedTopicCreate, ZPlannedTopicUpdate, ZPlanReplace } from '../../../shared/contract/timetable.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, badRequest, conflict, found, notFound } from '../../errors.ts';
import { type Actor, assertCan } from '../../policy/policy.ts';
import { lockSchool } from '../organisation/service.ts';
import { groupsByIds, subjectNames } from '../structure/service.ts';
import { assertTeaches } from '../../policy/lessons.ts';
import * as q from './topicQueries.ts';

export const topicNotFound = () => notFound('planned_topic', 'Тема КТП не найдена');

export const getTopic = async (db: Db, schoolId: string, id: string) => found(await q.findTopic(db, schoolId, id), topicNotFound);

const ordinalTaken = () => conflict('planned_topic.ordinal_taken', 'Тема с таким номером уже есть в КТП', { ordinal: 'Номер уже занят' });
const inUse = (count: number) =>
  new AppError('planned_topic.in_use', 409, `Тему уже выбрали ${count} урок(ов): сначала смените тему в этих уроках`, { topics: 'Тема используется в уроках' });

/** The group and subject a plan belongs to must exist in the school: unknown ids are a 400 on their field. */
async function assertPlanTarget(db: Db, schoolId: string, groupId: string, subjectId: string) {
  const fields: Record<string, string> = {};
  if ((await groupsByIds(db, schoolId, [groupId])).length === 0) fields.groupId = 'Группа не найдена';
  if (!(await subjectNames(db, schoolId, [subjectId])).has(subjectId)) fields.subjectId = 'Предмет не найден';
  if (Object.keys(fields).length > 0) throw badRequest('reference.not_found', 'Ссылка на несуществующую запись', fields);
}

export const planOf = (db: Db, schoolId: string, groupId: string, subjectId: string) => q.planOf(db, schoolId, groupId, subjectId);

/** Seed 002: the teacher of the subject in the group writes its КТП. */
export async function createTopic(db: Db, actor: Actor | null, schoolId: string, input: z.infer<typeof ZPlannedTopicCreate>) {
  assertCan(actor, 'lesson.read', { schoolId });
  await assertPlanTarget(db, schoolId, input.groupId, input.subjectId);
  await assertTeaches(db, actor, 'thematicPlan.write', schoolId, input.groupId, input.subjectId);
  return db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    if (await q.topicAtOrdinal(tx, schoolId, input.groupId, input.subjectId, input.ordinal)) throw ordinalTaken();
    const [row] = await q.insertTopics(tx, [{ schoolId, id: newId(), ...input }]);
    return { ...row!, lessonsCount: 0 };
  });
}

export async function updateTopic(db: Db, actor: Actor | null, schoolId: string, id: string, patch: z.infer<typeof ZPlannedTopicUpdate>) {
  const current = await getTopic(db, schoolId, id);
  await assertTeaches(db, actor, 'thematicPlan.write', schoolId, current.groupId, current.subjectId);
  if (Object.keys(patch).length === 0) throw new AppError('validation.nothing_to_update', 400, 'Нет полей для изменения');
  return db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    if (patch.ordinal !== undefined && patch.ordinal !== current.ordinal
      && await q.topicAtOrdinal(tx, schoolId, current.groupId, current.subjectId, patch.ordinal)) throw ordinalTaken();
    const row = found(await q.updateTopic(tx, schoolId, id, patch), topicNotFound);
    return { ...row, lessonsCount: await q.topicUse(tx, schoolId, id) };
  });
}

/** A topic lessons refer to stays (their link would dangle). */
export async function deleteTopic(db: Db, actor: Actor | null, schoolId: string, id: string) {
  const current = await getTopic(db, schoolId, id);
  await assertTeaches(db, actor, 'thematicPlan.write', schoolId, current.groupId, current.subjectId);
  await db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    if ((await q.referencedTopicIds(tx, schoolId, [id])).length > 0) throw inUse(await q.topicUse(tx, schoolId, id));
    await q.deleteTopic(tx, schoolId, id);
  });
}

/**
 * PUT the whole plan in one transaction. Topics are matched by position: the first ones keep their
 * ids (lessons that took them keep the link) with the new titles and hours, new ones are added, and
 * topics past the new end are dropped — unless a lesson took one (409, nothing changed).
 */
export async function replacePlan(db: Db, actor: Actor | null, schoolId: string, input: z.infer<typeof ZPlanReplace>) {
  const { groupId, subjectId, topics } = input;
  assertCan(actor, 'lesson.read', { schoolId });
  await assertPlanTarget(db, schoolId, groupId, subjectId);
  await assertTeaches(db, actor, 'thematicPlan.write', schoolId, groupId, subjectId);
  return db.transaction(async (tx) => {
    await lockSchool(tx, schoolId);
    const current = await q.planOf(tx, schoolId, groupId, subjectId);
    const numbered = topics.map((t, i) => ({ ordinal: i + 1, title: t.title, hours: t.hours }));
    const dropped = current.filter((t) => t.ordinal > numbered.length);
    const used = await q.referencedTopicIds(tx, schoolId, dropped.map((t) => t.id));
    if (used.length > 0) {
      throw new AppError('planned_topic.in_use', 409, 'Уроки уже выбрали темы, которых нет в новом плане', {
        topics: `Темы №${dropped.filter((t) => used.includes(t.id)).map((t) => t.ordinal).join(', ')} используются в уроках`,
      });
    }
    // Gaps or numbers past the new end would collide with the renumbered plan: drop first, then renumber in place.
    await q.deleteTopicsAfter(tx, schoolId, groupId, subjectId, numbered.length);
    const kept = current.filter((t) => t.ordinal <= numbered.length);
    const byOrdinal = new Map(kept.map((t) => [t.ordinal, t]));
    await q.rewriteTopics(tx, schoolId, groupId, subjectId, numbered.filter((t) => byOrdinal.has(t.ordinal)));
    await q.insertTopics(tx, numbered.filter((t) => !byOrdinal.has(t.ordinal)).map((t) => ({ schoolId, id: newId(), groupId, subjectId, ...t })));
    return q.planOf(tx, schoolId, groupId, subjectId);
  });
}
