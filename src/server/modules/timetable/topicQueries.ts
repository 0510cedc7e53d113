import { and, asc, count, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lessons, plannedTopics } from '../../db/schema/timetable.ts';

export type TopicRow = typeof plannedTopics.$inferSelect;
export type TopicInsert = typeof plannedTopics.$inferInsert;
export type TopicWithUse = TopicRow & { lessonsCount: number };

export const findTopic = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(plannedTopics).where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id))))[0];

const used = sql<number>`count(${lessons.id})::int`;

/** A group's plan for one subject, in order, with how many lessons (not cancelled) took each topic. */
export async function planOf(db: Db, schoolId: string, groupId: string, subjectId: string): Promise<TopicWithUse[]> {
  const rows = await db.select({ topic: plannedTopics, lessonsCount: used }).from(plannedTopics)
    .leftJoin(lessons, and(
      eq(lessons.schoolId, plannedTopics.schoolId), eq(lessons.plannedTopicId, plannedTopics.id), ne(lessons.status, 'cancelled'),
    ))
    .where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.groupId, groupId), eq(plannedTopics.subjectId, subjectId)))
    .groupBy(plannedTopics.schoolId, plannedTopics.id)
    .orderBy(asc(plannedTopics.ordinal));
  return rows.map((r) => ({ ...r.topic, lessonsCount: Number(r.lessonsCount) }));
}

/** How many lessons (not cancelled) took this topic. */
export async function topicUse(db: Db, schoolId: string, id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.plannedTopicId, id), ne(lessons.status, 'cancelled')));
  return Number(row?.n ?? 0);
}

/** Of these topics, those any lesson (even a cancelled one) refers to. */
export async function referencedTopicIds(db: Db, schoolId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectDistinct({ id: lessons.plannedTopicId }).from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), inArray(lessons.plannedTopicId, ids)));
  return rows.map((r) => r.id!);
}

export const topicAtOrdinal = async (db: Db, schoolId: string, groupId: string, subjectId: string, ordinal: number) =>
  (await db.select().from(plannedTopics).where(and(
    eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.groupId, groupId), eq(plannedTopics.subjectId, subjectId), eq(plannedTopics.ordinal, ordinal),
  )))[0];

export const insertTopics = (db: Db, rows: TopicInsert[]) =>
  rows.length === 0 ? Promise.resolve([] as TopicRow[]) : db.insert(plannedTopics).values(rows).returning();

export const updateTopic = async (db: Db, schoolId: string, id: string, patch: Partial<TopicInsert>) =>
  (await db.update(plannedTopics).set(patch).where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id))).returning())[0];

export const deleteTopic = (db: Db, schoolId: string, id: string) =>
  db.delete(plannedTopics).where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id)));

/** Rewrites the titles and hours of the plan's first topics in one statement, keeping their ids (lessons point to them). */
export async function rewriteTopics(db: Db, schoolId: string, groupId: string, subjectId: string, topics: { ordinal: number; title: string; hours: number }[]) {
  if (topics.length === 0) return;
  const values = sql.join(topics.map((t) => sql`(${t.ordinal}::int, ${t.title}::text, ${t.hours}::smallint)`), sql`, `);
  await db.execute(sql`update ${plannedTopics} set title = v.title, hours = v.hours
    from (values ${values}) as v(ordinal, title, hours)
    where ${plannedTopics.schoolId} = ${schoolId} and ${plannedTopics.groupId} = ${groupId}
      and ${plannedTopics.subjectId} = ${subjectId} and ${plannedTopics.ordinal} = v.ordinal
      and (${plannedTopics.title} <> v.title or ${plannedTopics.hours} <> v.hours)`);
}

/** Drops the plan's topics past `ordinal`. */
export const deleteTopicsAfter = (db: Db, schoolId: string, groupId: string, subjectId: string, ordinal: number) =>
  db.delete(plannedTopics).where(and(
    eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.groupId, groupId), eq(plannedTopics.subjectId, subjectId), gt(plannedTopics.ordinal, ordinal),
  ));
